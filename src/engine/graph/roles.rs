//! Each stage's role (builder, prod, dev, test, other), the evidence for it in words, and
//! which stages ship. The role is decided here once; the graph, every rule and the size
//! estimate read it (and `Stage::ships`, derived from it) instead of deciding again.

use std::collections::HashSet;

use serde::Serialize;

use super::{Base, EdgeKind, Graph, ImageClass, NodeRef};
use crate::engine::syntax::{Dockerfile, Kw};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Builds artifacts for other stages: toolchain base, or compiles and is copied from.
    Builder,
    /// The product: the target (unless it is a dev or test image), or a stage on a minimal
    /// runtime base that nothing builds on.
    Prod,
    /// A development image someone runs locally (named `dev`, `development`, `dev-envs`,
    /// `debug`, or a default command that builds): not the product, even as the target.
    Dev,
    /// Runs tests or checks (`test`, `tests`, `ci`, `lint`, or only test commands): not the
    /// product, even as the target.
    Test,
    /// Files to take out of the build, not an image to run: `FROM scratch` holding only files
    /// copied from other stages or images, with no default command and nothing built on it or
    /// copied from it (`docker build --output type=local,dest=out .` writes its files).
    Export,
    Other,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Builder,
        Role::Prod,
        Role::Dev,
        Role::Test,
        Role::Export,
        Role::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Builder => "builder",
            Role::Prod => "prod",
            Role::Dev => "dev",
            Role::Test => "test",
            Role::Export => "export",
            Role::Other => "other",
        }
    }

    /// Whether a target of this role is the product whose image ships (and so what the rules
    /// about shipped images look at). A dev or test image is built to be run by its authors;
    /// an export target's files are written out, never run as an image.
    pub fn ships_as_target(self) -> bool {
        !matches!(self, Role::Dev | Role::Test | Role::Export)
    }
}

/// Words of a stage name (split at `-`, `_`, `.`) that say it is a development image.
const DEV_WORDS: &[&str] = &[
    "dev",
    "devel",
    "development",
    "debug",
    "devcontainer",
    "devenv",
    "devenvs",
];

/// Words of a stage name that say it runs tests or checks.
const TEST_WORDS: &[&str] = &[
    "test", "tests", "testing", "e2e", "ci", "lint", "check", "validate",
];

/// The role a stage's name gives it (`dev-envs`: dev, for its word `dev`).
fn name_role(name: &str) -> Option<Role> {
    let has = |list: &[&str]| name.split(['-', '_', '.']).any(|w| list.contains(&w));
    if has(DEV_WORDS) {
        Some(Role::Dev)
    } else if has(TEST_WORDS) {
        Some(Role::Test)
    } else {
        None
    }
}

/// Default commands that build or serve code under development (`CMD ["make"]`): an image
/// whose job is to build is a development image.
const DEV_DEFAULT_COMMANDS: &[&str] = &["make", "go build", "go run", "cargo build", "cargo run"];

/// Commands that compile, resolve dependencies or install build tools.
const BUILD_COMMANDS: &[&str] = &[
    "go build",
    "go install",
    "go mod download",
    "cargo build",
    "cargo install",
    "make",
    "cmake",
    "ninja",
    "meson",
    "./configure",
    "gcc",
    "g++",
    "clang",
    "javac",
    "mvn",
    "./mvnw",
    "gradle",
    "./gradlew",
    "npm ci",
    "npm install",
    "npm run build",
    "yarn",
    "pnpm",
    "pip install",
    "pip wheel",
    "poetry install",
    "uv sync",
    "dotnet publish",
    "dotnet build",
    "bundle install",
    "composer install",
    "build-essential",
    "apt-get install",
    "apk add",
    "dnf install",
    "yum install",
    "curl",
    "wget",
    "git clone",
];

const TEST_COMMANDS: &[&str] = &[
    "go test",
    "cargo test",
    "npm test",
    "npm run test",
    "yarn test",
    "pnpm test",
    "pytest",
    "tox",
    "make test",
    "make check",
    "mvn test",
    "mvn verify",
    "gradle test",
    "dotnet test",
    "jest",
    "rspec",
    "phpunit",
];

/// The first of `commands` that appears as a command in `text` (at a word boundary: commands are
/// ASCII, so only ASCII letters and digits continue a word; `char::is_alphanumeric` would pull
/// Unicode tables into the wasm).
fn find_command<'c>(text: &str, commands: &[&'c str]) -> Option<&'c str> {
    commands.iter().copied().find(|c| {
        text.match_indices(c).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + c.len()..].chars().next();
            before.is_none_or(|b| {
                !(b.is_ascii_alphanumeric() || b == '-' || b == '_' || b == '/' || b == '.')
            }) && after.is_none_or(|a| !(a.is_ascii_alphanumeric() || a == '-' || a == '_'))
        })
    })
}

/// The image class a stage finally rests on (following `FROM <stage>`).
fn base_class(graph: &Graph, mut index: usize) -> Option<(ImageClass, String)> {
    for _ in 0..graph.stages.len() {
        match &graph.stages[index].base {
            Base::Image { class, .. } => return Some((class.class, class.reason.clone())),
            Base::Scratch => {
                return Some((
                    ImageClass::Runtime,
                    "`scratch` is an empty filesystem".into(),
                ))
            }
            Base::Missing => return None,
            Base::Stage { index: j } => index = *j,
        }
    }
    None
}

pub(super) fn assign(tree: &Dockerfile, graph: &mut Graph) {
    let target = graph.target;
    // The stages that copy or mount from each stage (in edge order), and whether another stage
    // is built on it, gathered in one pass over the edges (not one pass per stage).
    let mut copied_to: Vec<Vec<usize>> = vec![Vec::new(); graph.stages.len()];
    let mut built_on = vec![false; graph.stages.len()];
    for e in &graph.edges {
        if let NodeRef::Stage(from) = e.from {
            if e.kind == EdgeKind::From {
                built_on[from] = true;
            } else {
                copied_to[from].push(e.to);
            }
        }
    }
    // Each stage's base class, from the one it is built on (always an earlier stage, already
    // known): a walk down the chain per stage made a long chain of stages quadratic.
    let mut classes: Vec<Option<(ImageClass, String)>> = Vec::with_capacity(graph.stages.len());
    for i in 0..graph.stages.len() {
        let stage = &graph.stages[i];
        let mut evidence = Vec::new();
        let base = match stage.base {
            Base::Stage { index } if index < i => classes[index].clone(),
            _ => base_class(graph, i),
        };
        classes.push(base.clone());
        if let (Base::Stage { index }, Some(_)) = (&stage.base, &base) {
            evidence.push(format!("built on stage `{}`", graph.stages[*index].label()));
        }
        if let Some((_, reason)) = &base {
            evidence.push(reason.clone());
        }
        let class = base.as_ref().map(|(c, _)| *c);
        let mut takers: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        for &to in &copied_to[i] {
            let to = &graph.stages[to];
            let label = match &to.name {
                Some(name) => format!("`{name}`"),
                None => format!("stage {}", to.index),
            };
            if seen.insert(label.clone()) {
                takers.push(label);
            }
        }
        let inherited = built_on[i];

        let mut build = None;
        let mut runs = 0;
        let mut tests = 0;
        for inst in &tree.instructions[stage.instructions.clone()] {
            if inst.keyword.kind != Kw::Run {
                continue;
            }
            runs += 1;
            let text = inst.script();
            if find_command(&text, TEST_COMMANDS).is_some() {
                tests += 1;
            }
            if build.is_none() {
                if let Some(cmd) = find_command(&text, BUILD_COMMANDS) {
                    build = Some(format!("line {} runs `{cmd}`", tree.lines(inst.span).0));
                }
            }
        }
        let named_build = stage.name.as_deref().is_some_and(|n| {
            ["build", "compile", "deps", "dependencies"]
                .iter()
                .any(|w| n.contains(w))
        });
        // Copied from (not only built on): it provides files to other stages.
        let copied_from = !takers.is_empty();
        let name = stage.name.as_deref().unwrap_or_default();
        let by_name = name_role(name);
        let default_command = stage_default_command(tree, stage.instructions.clone());

        let exports = matches!(stage.base, Base::Scratch)
            && !copied_from
            && !inherited
            && only_exports(tree, stage.instructions.clone());
        let role = if exports {
            let why = if Some(i) == target {
                "the target, exporting files: `FROM scratch` with only files copied in and no default command (`docker build --output` writes them out; no image is run)"
            } else {
                "exports files: `FROM scratch` with only files copied in and no default command (build it with `--target` and `--output`)"
            };
            evidence.insert(0, why.to_string());
            Role::Export
        } else if Some(i) == target {
            let (role, why) = if let Some(role) = by_name {
                let what = role.as_str();
                let why = format!("the target, named as a {what} image (`{name}`): not shipped");
                (role, why)
            } else if let Some(cmd) = default_command
                .as_deref()
                .and_then(|c| find_command(c, TEST_COMMANDS))
            {
                let why = format!("the target, whose default command runs `{cmd}`: a test image");
                (Role::Test, why)
            } else if let Some(cmd) = default_command
                .as_deref()
                .and_then(|c| starts_with_command(c, DEV_DEFAULT_COMMANDS))
            {
                let why = format!("the target, whose default command runs `{cmd}`: a dev image");
                (Role::Dev, why)
            } else {
                // A -dev/-debug base alone does not make a dev image: the name and the default
                // command say what the author built; the base may be a mistake (AL101's).
                (
                    Role::Prod,
                    "the target: `docker build` ships this stage".to_string(),
                )
            };
            evidence.insert(0, why);
            role
        } else if let Some(role) = by_name.filter(|_| !copied_from) {
            evidence.insert(
                0,
                format!(
                    "named as a {} stage (`{name}`), and no stage copies from it",
                    role.as_str()
                ),
            );
            role
        } else if !copied_from && !inherited && runs > 0 && tests == runs {
            evidence.insert(0, "it only runs tests, and nothing is taken from it".into());
            Role::Test
        } else if matches!(class, Some(ImageClass::Toolchain | ImageClass::Dev)) {
            Role::Builder
        } else if (copied_from || inherited) && (build.is_some() || named_build) {
            if named_build {
                evidence.insert(0, "named as a build stage".into());
            }
            Role::Builder
        } else if class == Some(ImageClass::Runtime) && !copied_from && !inherited {
            evidence.insert(0, "on a minimal runtime base".into());
            Role::Prod
        } else {
            Role::Other
        };
        if !takers.is_empty() {
            let verb = if takers.len() == 1 { "copies" } else { "copy" };
            evidence.push(format!("{} {verb} files from it", takers.join(", ")));
        }
        if let Some(b) = build {
            if role == Role::Builder {
                evidence.push(b);
            }
        }
        let stage = &mut graph.stages[i];
        stage.role = role;
        stage.evidence = evidence;
    }
    mark_shipped(graph);
}

/// Sets `Stage::ships`: the target, when its role makes it the product, and the stages it is
/// built on (`FROM <stage>`), whose files it inherits.
fn mark_shipped(graph: &mut Graph) {
    let mut next = graph
        .target
        .filter(|&t| graph.stages[t].role.ships_as_target());
    while let Some(i) = next {
        if std::mem::replace(&mut graph.stages[i].ships, true) {
            break;
        }
        next = match graph.stages[i].base {
            Base::Stage { index } => Some(index),
            _ => None,
        };
    }
}

/// Whether the stage's own instructions make it an export stage: at least one COPY, every COPY
/// or ADD taking its files from another stage or an image (`--from`), and nothing that only an
/// image someone runs needs (a default command, a user, ports, a health check, RUN). The caller
/// checks the base (`scratch`) and that no stage uses it.
fn only_exports(tree: &Dockerfile, range: std::ops::Range<usize>) -> bool {
    let mut copies = 0;
    for inst in &tree.instructions[range] {
        match inst.keyword.kind {
            Kw::Copy | Kw::Add if inst.flag("from").is_some() => copies += 1,
            Kw::From | Kw::Arg | Kw::Label | Kw::Workdir | Kw::Env => {}
            _ => return false,
        }
    }
    copies > 0
}

/// The text of the stage's last CMD, else its last ENTRYPOINT (the exec form's words joined
/// by spaces).
fn stage_default_command(tree: &Dockerfile, range: std::ops::Range<usize>) -> Option<String> {
    let last = |kind: Kw| {
        tree.instructions[range.clone()]
            .iter()
            .rev()
            .find(|i| i.keyword.kind == kind)
    };
    let inst = last(Kw::Cmd).or_else(|| last(Kw::Entrypoint))?;
    let text = inst.args.values().join(" ");
    Some(text.trim().to_string())
}

/// The first of `commands` the text starts with, as a whole word.
fn starts_with_command<'c>(text: &str, commands: &[&'c str]) -> Option<&'c str> {
    commands.iter().copied().find(|c| {
        text.strip_prefix(c)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_match_at_word_boundaries() {
        assert_eq!(
            find_command("cd /src && make -j8", BUILD_COMMANDS),
            Some("make")
        );
        assert_eq!(find_command("echo automake-less", &["make"]), None);
        assert_eq!(
            find_command("CGO_ENABLED=0 go build -o /app", BUILD_COMMANDS),
            Some("go build")
        );
        assert_eq!(
            find_command("go test ./...", TEST_COMMANDS),
            Some("go test")
        );
    }
}
