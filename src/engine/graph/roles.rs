//! Each stage's role (builder, prod, dev, test, other) and the evidence for it.

use serde::Serialize;

use super::{Base, EdgeKind, Graph, ImageClass, NodeRef};
use crate::engine::syntax::{Dockerfile, Kw};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Builds artifacts for other stages: toolchain base, or compiles and is copied from.
    Builder,
    /// Ships: the target, or a stage on a minimal runtime base.
    Prod,
    /// A -dev/-debug variant used as the target.
    Dev,
    /// Only runs tests; nothing is taken from it.
    Test,
    Other,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Builder,
        Role::Prod,
        Role::Dev,
        Role::Test,
        Role::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Builder => "builder",
            Role::Prod => "prod",
            Role::Dev => "dev",
            Role::Test => "test",
            Role::Other => "other",
        }
    }
}

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
    for i in 0..graph.stages.len() {
        let stage = &graph.stages[i];
        let mut evidence = Vec::new();
        let base = base_class(graph, i);
        if let (Base::Stage { index }, Some(_)) = (&stage.base, &base) {
            evidence.push(format!("built on stage `{}`", graph.stages[*index].label()));
        }
        if let Some((_, reason)) = &base {
            evidence.push(reason.clone());
        }
        let class = base.as_ref().map(|(c, _)| *c);
        let mut takers: Vec<String> = Vec::new();
        for e in graph
            .edges
            .iter()
            .filter(|e| e.from == NodeRef::Stage(i) && e.kind != EdgeKind::From)
        {
            let to = &graph.stages[e.to];
            let label = match &to.name {
                Some(name) => format!("`{name}`"),
                None => format!("stage {}", to.index),
            };
            if !takers.contains(&label) {
                takers.push(label);
            }
        }
        let inherited = graph
            .edges
            .iter()
            .any(|e| e.from == NodeRef::Stage(i) && e.kind == EdgeKind::From);

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
        let named = |words: &[&str]| {
            stage
                .name
                .as_deref()
                .is_some_and(|n| words.iter().any(|w| n.contains(w)))
        };
        let named_test = named(&["test", "check", "lint"]);
        let named_build = named(&["build", "compile", "deps", "dependencies"]);

        let role = if Some(i) == target {
            evidence.insert(0, "the target: `docker build` ships this stage".into());
            if class == Some(ImageClass::Dev) {
                Role::Dev
            } else {
                Role::Prod
            }
        } else if takers.is_empty() && !inherited && ((runs > 0 && tests == runs) || named_test) {
            evidence.insert(
                0,
                if named_test {
                    "named as a test stage, and nothing is taken from it".into()
                } else {
                    "it only runs tests, and nothing is taken from it".into()
                },
            );
            Role::Test
        } else if matches!(class, Some(ImageClass::Toolchain | ImageClass::Dev)) {
            Role::Builder
        } else if (!takers.is_empty() || inherited) && (build.is_some() || named_build) {
            if named_build {
                evidence.insert(0, "named as a build stage".into());
            }
            Role::Builder
        } else if class == Some(ImageClass::Runtime) && takers.is_empty() && !inherited {
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
