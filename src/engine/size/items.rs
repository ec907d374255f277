//! What each stage adds on top of its base, as item kinds of `defaults.csv`: files from the build
//! context, what RUN commands install or leave behind, and artifacts copied from other stages or
//! images. Sizes are attached later (`super::estimate`), so overrides apply in one place.

use crate::engine::graph::{Base, Edge, EdgeKind, Graph, NodeRef};
use crate::engine::shell::build_tools_kept;
use crate::engine::shell::run_commands;
use crate::engine::syntax::{Args, Dockerfile, Instruction, Kw};

/// One thing a stage adds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Added {
    /// Index into `Dockerfile::instructions`.
    pub instruction: usize,
    /// A kind of `defaults.csv`.
    pub kind: &'static str,
    /// What it is, in words (`go mod download`, `/out/app`).
    pub what: String,
    /// For an artifact: where it comes from and its path there.
    pub from: Option<(NodeRef, String)>,
    /// For a build output, its path when the command names it (`go build -o /out/app`), so an
    /// override of the artifact's path sizes both.
    pub path: Option<String>,
}

/// What a stage's own commands show about the toolchain, used to tell what its outputs are.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Traits {
    go: bool,
    go_stripped: bool,
    rust: bool,
    java: bool,
    node: bool,
}

impl Traits {
    fn merge(self, o: Traits) -> Traits {
        Traits {
            go: self.go || o.go,
            go_stripped: self.go_stripped || o.go_stripped,
            rust: self.rust || o.rust,
            java: self.java || o.java,
            node: self.node || o.node,
        }
    }
}

/// A RUN's commands as words, split at whitespace and shell operators.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ';' | '&' | '|' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `cmd` (e.g. `["go", "build"]`) occurs as consecutive words.
fn has(words: &[&str], cmd: &[&str]) -> bool {
    words.windows(cmd.len()).any(|w| w == cmd)
}

/// Targets of the RUN's cache mounts: what they hold never lands in the image.
fn cache_targets(inst: &Instruction) -> Vec<String> {
    inst.flags
        .iter()
        .filter(|f| f.name == "mount")
        .filter_map(|f| f.value.as_deref())
        .filter(|spec| spec.split(',').any(|o| o.trim() == "type=cache"))
        .filter_map(|spec| {
            spec.split(',')
                .filter_map(|o| o.split_once('='))
                .find(|(k, _)| matches!(k.trim(), "target" | "dst" | "destination"))
                .map(|(_, v)| v.trim().to_string())
        })
        .collect()
}

/// The stage's own items (not its base's) and its toolchain traits.
/// `copies`: the edges into the stage (the caller gathers every stage's in one pass).
pub(super) fn stage_items(
    tree: &Dockerfile,
    graph: &Graph,
    stage: usize,
    copies: &[&Edge],
) -> (Vec<Added>, Traits) {
    let s = &graph.stages[stage];
    let mut items = Vec::new();
    let mut traits = Traits::default();
    if let Base::Image { image, .. } = &s.base {
        let repo = image.short_name();
        traits.go = repo.contains("golang") || repo == "go";
        traits.rust = repo == "rust";
        traits.node = repo.contains("node");
        traits.java = repo.contains("maven") || repo.contains("gradle");
    }
    let mut once: Vec<&'static str> = Vec::new();
    let mut push_once = |items: &mut Vec<Added>, ii: usize, kind: &'static str, what: &str| {
        if !once.contains(&kind) {
            once.push(kind);
            items.push(Added {
                instruction: ii,
                kind,
                what: what.to_string(),
                from: None,
                path: None,
            });
        }
    };
    for ii in s.instructions.clone().skip(1) {
        let inst = &tree.instructions[ii];
        match inst.keyword.kind {
            Kw::Run => {
                let text = inst.script();
                let w = words(&text);
                let caches = cache_targets(inst);
                let cached =
                    |needles: &[&str]| caches.iter().any(|c| needles.iter().any(|n| c.contains(n)));
                let installs = [
                    &["apt-get", "install"][..],
                    &["apt", "install"],
                    &["apk", "add"],
                    &["dnf", "install"],
                    &["yum", "install"],
                    &["microdnf", "install"],
                    &["zypper", "install"],
                ];
                if installs.iter().any(|c| has(&w, c)) {
                    // A compiler or -dev headers that stay in the layer weigh far more than a
                    // few runtime packages.
                    let tools = build_tools_kept(&run_commands(inst));
                    let (kind, what) = if tools.is_empty() {
                        ("os-packages", "OS packages".to_string())
                    } else {
                        (
                            "build-packages",
                            format!("build tools ({})", tools.join(", ")),
                        )
                    };
                    items.push(Added {
                        instruction: ii,
                        kind,
                        what,
                        from: None,
                        path: None,
                    });
                }
                if ["curl", "wget"].iter().any(|c| w.contains(c)) || has(&w, &["git", "clone"]) {
                    items.push(Added {
                        instruction: ii,
                        kind: "download",
                        what: "downloaded files".into(),
                        from: None,
                        path: None,
                    });
                }
                let go_build = has(&w, &["go", "build"]) || has(&w, &["go", "install"]);
                if go_build {
                    traits.go = true;
                    traits.go_stripped |= text.contains("-s -w") || text.contains("-w -s");
                }
                if go_build {
                    let stripped = text.contains("-s -w") || text.contains("-w -s");
                    let out = w
                        .windows(2)
                        .find(|p| p[0] == "-o")
                        .map(|p| p[1].trim_matches(['"', '\'']).to_string());
                    items.push(Added {
                        instruction: ii,
                        kind: if stripped {
                            "go-binary-stripped"
                        } else {
                            "go-binary"
                        },
                        what: out.clone().unwrap_or_else(|| "Go build output".into()),
                        from: None,
                        path: out,
                    });
                }
                if (has(&w, &["go", "mod", "download"]) || go_build) && !cached(&["/go/pkg/mod"]) {
                    push_once(&mut items, ii, "go-mod-cache", "Go module cache");
                }
                if (go_build || has(&w, &["go", "test"])) && !cached(&["go-build", ".cache/go"]) {
                    push_once(&mut items, ii, "go-build-cache", "Go build cache");
                }
                let npm = has(&w, &["npm", "ci"])
                    || has(&w, &["npm", "install"])
                    || has(&w, &["npm", "i"])
                    || has(&w, &["yarn", "install"])
                    || w.last() == Some(&"yarn")
                    || has(&w, &["pnpm", "install"]);
                if npm {
                    traits.node = true;
                    let prod = ["--omit=dev", "--production", "--only=production", "--prod"]
                        .iter()
                        .any(|f| w.contains(f));
                    let kind = if prod {
                        "node-modules-prod"
                    } else {
                        "node-modules-dev"
                    };
                    push_once(&mut items, ii, kind, "node_modules");
                }
                traits.node |= w.contains(&"npm") || w.contains(&"yarn") || w.contains(&"pnpm");
                if has(&w, &["run", "build"]) || has(&w, &["yarn", "build"]) {
                    push_once(&mut items, ii, "js-dist", "build output (bundle)");
                }
                let pip = w
                    .windows(2)
                    .any(|p| matches!(p[0], "pip" | "pip3" | "uv" | "pipenv") && p[1] == "install")
                    || has(&w, &["poetry", "install"])
                    || has(&w, &["uv", "sync"]);
                if pip {
                    push_once(&mut items, ii, "python-venv", "Python packages");
                    let no_cache = w.contains(&"--no-cache-dir")
                        || text.contains("PIP_NO_CACHE_DIR")
                        || cached(&[".cache"]);
                    if !no_cache && w.iter().any(|x| x.starts_with("pip")) {
                        push_once(&mut items, ii, "pip-cache", "pip cache");
                    }
                }
                let maven = ["mvn", "./mvnw", "gradle", "./gradlew"]
                    .iter()
                    .any(|c| w.contains(c));
                if maven {
                    traits.java = true;
                    if ["package", "install", "build", "bootJar", "assemble"]
                        .iter()
                        .any(|c| w.contains(c))
                    {
                        push_once(&mut items, ii, "jar", "build output (JAR)");
                    }
                    if !cached(&[".m2", ".gradle"]) {
                        push_once(&mut items, ii, "maven-repo", "Maven/Gradle caches");
                    }
                }
                if has(&w, &["cargo", "build"]) || has(&w, &["cargo", "install"]) {
                    traits.rust = true;
                    push_once(&mut items, ii, "rust-binary", "build output (binary)");
                    if !cached(&["target", "cargo"]) {
                        push_once(&mut items, ii, "cargo-target", "cargo target/ and registry");
                    }
                }
                if ["make", "cmake", "./configure", "ninja", "meson"]
                    .iter()
                    .any(|c| w.contains(c))
                {
                    push_once(&mut items, ii, "build-tree", "build tree");
                }
            }
            Kw::Copy | Kw::Add if inst.flag("from").is_none() => {
                if let Some((kind, what)) = context_kind(inst) {
                    items.push(Added {
                        instruction: ii,
                        kind,
                        what,
                        from: None,
                        path: None,
                    });
                }
            }
            _ => {}
        }
    }
    for e in copies.iter().filter(|e| e.kind == EdgeKind::Copy) {
        for path in &e.paths {
            items.push(Added {
                instruction: e.instruction,
                kind: "",
                what: path.clone(),
                from: Some((e.from, path.clone())),
                path: Some(path.clone()),
            });
        }
    }
    crate::engine::sort::sort_by_key(&mut items, |a| a.instruction);
    (items, traits)
}

/// The traits of a stage and everything it is built on.
pub(super) fn chain_traits(all: &[Traits], graph: &Graph, stage: usize) -> Traits {
    let mut t = all[stage];
    let mut at = stage;
    let mut guard = 0;
    while let Base::Stage { index } = graph.stages[at].base {
        t = t.merge(all[index]);
        at = index;
        guard += 1;
        if guard > graph.stages.len() {
            break;
        }
    }
    t
}

/// The kind of files a COPY/ADD takes from the build context.
fn context_kind(inst: &Instruction) -> Option<(&'static str, String)> {
    if !inst.heredocs.is_empty() {
        return Some(("file", "files written inline".into()));
    }
    let mut values: Vec<&str> = match &inst.args {
        Args::Shell { words, .. } => words.iter().map(|w| w.text.as_str()).collect(),
        Args::Exec { elements, .. } => elements.iter().map(|e| e.value.as_str()).collect(),
    };
    values.pop()?; // the destination
    if values.is_empty() {
        return None;
    }
    let rank = |k: &str| {
        ["file", "source", "download", "jar"]
            .iter()
            .position(|x| *x == k)
    };
    let kind = values
        .iter()
        .map(|v| {
            let v = v.trim_matches(['"', '\'']);
            let last = v.trim_end_matches('/').rsplit('/').next().unwrap_or(v);
            if v.contains("://") || v.starts_with("git@") {
                "download"
            } else if last.ends_with(".jar") || last.ends_with(".war") {
                "jar"
            } else if v == "."
                || v.ends_with('/')
                || v.contains('*')
                || !last.contains('.')
                || last.starts_with('.')
            {
                "source"
            } else {
                "file"
            }
        })
        .max_by_key(|k| rank(k))?;
    Some((kind, values.join(" ")))
}

/// The kind of an artifact at `path`, copied out of a stage with `traits`.
pub(super) fn artifact_kind(path: &str, traits: Traits) -> &'static str {
    let p = path.trim_matches(['"', '\'']).to_ascii_lowercase();
    let dir = p.ends_with('/') || p == "." || p == "/";
    let p = p.trim_end_matches('/');
    let last = p.rsplit('/').next().unwrap_or(p);
    let ext = last
        .rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|_| !last.starts_with('.'));
    if p.contains("node_modules") {
        return "node-modules-prod";
    }
    if p.contains("venv")
        || p.contains("site-packages")
        || p.contains("/.local")
        || p == "/install"
        || p.ends_with("/wheels")
    {
        return "python-venv";
    }
    if matches!(ext, Some("jar" | "war" | "ear")) {
        return "jar";
    }
    if traits.node && matches!(last, "dist" | "build" | ".next" | "out") {
        return "js-dist";
    }
    if ext == Some("so") || last.contains(".so.") || p.ends_with("/lib") || p.contains("/lib/") {
        return "libs";
    }
    if let Some(ext) = ext {
        if !dir && ext.chars().all(|c| c.is_ascii_alphanumeric()) && ext.len() <= 5 {
            return "file";
        }
    }
    if last.contains("conf") || p.starts_with("/etc") {
        return "config";
    }
    if !dir && last.starts_with("nginx") {
        return "nginx-binary";
    }
    if matches!(last, "src" | "app" | "static" | "templates" | "public") && (dir || !traits.go) {
        return "source";
    }
    if !dir && ext.is_none() {
        if traits.go {
            return if traits.go_stripped {
                "go-binary-stripped"
            } else {
                "go-binary"
            };
        }
        if traits.rust {
            return "rust-binary";
        }
        if traits.java && p.contains("target") {
            return "jar";
        }
        if p.contains("/bin/") || p.contains("/sbin/") || !traits.node {
            return "binary";
        }
    }
    "directory"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn go() -> Traits {
        Traits {
            go: true,
            ..Traits::default()
        }
    }

    #[test]
    fn artifacts_are_recognised_by_path_and_toolchain() {
        assert_eq!(artifact_kind("/out/app", go()), "go-binary");
        let node = Traits {
            node: true,
            ..Traits::default()
        };
        assert_eq!(artifact_kind("/app/dist", node), "js-dist");
        for (path, kind) in [
            ("/app/node_modules", "node-modules-prod"),
            ("/opt/venv", "python-venv"),
            ("/app/target/app.jar", "jar"),
            ("/out/usr/sbin/nginx", "nginx-binary"),
            ("/out/usr/conf/", "config"),
            ("/out/sbom.spdx.json", "file"),
            ("/app/src", "source"),
            ("/usr/lib/x86_64-linux-gnu/libssl.so.3", "libs"),
            ("/data/", "directory"),
        ] {
            assert_eq!(artifact_kind(path, Traits::default()), kind, "{path}");
        }
    }

    #[test]
    fn run_words_split_at_shell_operators() {
        let w = words("go mod download&&CGO_ENABLED=0 go build -o /x ./cmd;true");
        assert!(has(&w, &["go", "mod", "download"]));
        assert!(has(&w, &["go", "build"]));
        assert!(!has(&w, &["go", "test"]));
    }
}
