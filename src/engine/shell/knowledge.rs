//! What commands do: compile project code, run tests, install build tools (and remove them
//! again), clean package caches, delete directories; and which package arguments fix a version.

use super::{install, Command, Install};
use crate::engine::paths::normalize_path;
use crate::engine::syntax::Instruction;

/// A word that is a variable reference (its value is not known here).
pub fn is_variable(word: &str) -> bool {
    word.contains('$')
}

/// What a command compiles, in words (`go build`, `make`, `gcc`), if it builds project code.
/// Tool installs (`go install x@v1`, `cargo install ripgrep`) do not count.
pub fn compile_command(cmd: &Command) -> Option<String> {
    let cmd = cmd.unwrapped();
    let name = cmd.name().rsplit('/').next().unwrap_or("");
    let args = cmd.args();
    // `javac --version`, `gcc -v`: a check that the tool works, not a build.
    if !args.is_empty()
        && args.iter().all(|a| {
            matches!(
                a.as_str(),
                "--version" | "-version" | "-v" | "-V" | "--help" | "-h" | "-dumpversion"
            )
        })
    {
        return None;
    }
    let sub = |verbs: &[&str]| {
        args.iter()
            .find(|a| !a.starts_with('-'))
            .filter(|a| verbs.contains(&a.as_str()))
            .map(|a| format!("{name} {a}"))
    };
    match name {
        "go" => match args.first().map(String::as_str) {
            Some("build") => Some("go build".into()),
            Some("install") if !args.iter().any(|a| a.contains('@')) => Some("go install".into()),
            _ => None,
        },
        "cargo" => match args.first().map(String::as_str) {
            Some("build") => Some("cargo build".into()),
            Some("install") if args.iter().any(|a| a == "--path") => {
                Some("cargo install --path".into())
            }
            _ => None,
        },
        "make" | "gmake" | "ninja" | "cmake" => {
            let first = args
                .iter()
                .find(|a| !a.starts_with('-') && !a.contains('='));
            match first.map(String::as_str) {
                Some("test" | "check" | "clean" | "help") => None,
                _ => Some(name.to_string()),
            }
        }
        "configure" if cmd.name().starts_with("./") => Some("./configure".into()),
        "gcc" | "g++" | "cc" | "c++" | "clang" | "clang++" | "javac" | "tsc" => {
            Some(name.to_string())
        }
        "meson" => sub(&["compile", "setup"]),
        "mvn" | "mvnw" => sub(&["package", "install", "verify", "compile"]).map(|_| "mvn".into()),
        "gradle" | "gradlew" => sub(&[
            "build",
            "assemble",
            "bootJar",
            "jar",
            "installDist",
            "shadowJar",
        ])
        .map(|_| "gradle".into()),
        "dotnet" => sub(&["build", "publish"]),
        "npm" | "yarn" | "pnpm" => {
            let build = args.iter().any(|a| a == "build")
                && args.first().is_some_and(|a| a == "run" || a == "build");
            build.then(|| format!("{name} run build"))
        }
        _ => None,
    }
}

/// The test command a command runs, in words, if it runs tests (`go test`, `npm test`,
/// `make check`; `mvn package` and `gradle build` too, unless tests are skipped).
pub fn test_command(cmd: &Command) -> Option<String> {
    let cmd = cmd.unwrapped();
    let name = cmd.name().rsplit('/').next().unwrap_or("");
    let args = cmd.args();
    let first = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .map(String::as_str);
    let skipped = args
        .iter()
        .any(|a| a.contains("skipTests") || a.contains("maven.test.skip"));
    match (name, first) {
        ("go" | "cargo" | "dotnet", Some("test")) => Some(format!("{name} test")),
        ("npm" | "yarn" | "pnpm" | "bun", Some("test" | "t")) => Some(format!("{name} test")),
        ("npm" | "yarn" | "pnpm" | "bun", Some("run"))
            if args.iter().any(|a| a.starts_with("test")) =>
        {
            Some(format!("{name} run test"))
        }
        ("make" | "gmake" | "ninja", _)
            if args
                .iter()
                .any(|a| matches!(a.as_str(), "test" | "check" | "tests" | "test-all")) =>
        {
            Some(format!("{name} test"))
        }
        ("ctest" | "pytest" | "tox" | "nox" | "jest" | "vitest" | "rspec" | "phpunit", _) => {
            Some(name.to_string())
        }
        ("python" | "python3", _)
            if args.len() >= 2
                && args[0] == "-m"
                && matches!(args[1].as_str(), "pytest" | "unittest" | "tox") =>
        {
            Some(format!("python -m {}", args[1]))
        }
        ("mvn" | "mvnw", _) if !skipped => args
            .iter()
            .find(|a| matches!(a.as_str(), "test" | "verify" | "package" | "install"))
            .map(|a| format!("mvn {a}")),
        ("gradle" | "gradlew", _) if !args.windows(2).any(|w| w[0] == "-x" && w[1] == "test") => {
            args.iter()
                .find(|a| matches!(a.as_str(), "test" | "check" | "build"))
                .map(|a| format!("gradle {a}"))
        }
        _ => None,
    }
}

/// The package name without a version, release or architecture (`gcc=12.2-r4` -> `gcc`,
/// `libc6-dev:arm64` -> `libc6-dev`).
fn package_name(word: &str) -> &str {
    let end = word.find(['=', '<', '>', '~', ':']).unwrap_or(word.len());
    &word[..end]
}

/// Whether a package (apt, apk, rpm or zypper name) is a compiler, build system, VCS or
/// headers: what a builder needs and a runtime does not.
pub fn is_build_tool_package(word: &str) -> bool {
    let name = package_name(word).to_ascii_lowercase();
    const TOOLS: &[&str] = &[
        "gcc",
        "g++",
        "gcc-c++",
        "cpp",
        "make",
        "cmake",
        "ninja-build",
        "git",
        "autoconf",
        "automake",
        "libtool",
        "pkg-config",
        "pkgconf",
        "pkgconfig",
        "build-essential",
        "build-base",
        "alpine-sdk",
        "clang",
        "llvm",
    ];
    if TOOLS.contains(&name.as_str()) {
        return true;
    }
    // Versioned compilers: gcc-12, g++-13, clang-17.
    for stem in ["gcc-", "g++-", "clang-"] {
        if let Some(v) = name.strip_prefix(stem) {
            if v.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                return true;
            }
        }
    }
    (name.ends_with("-dev") || name.ends_with("-devel")) && name.len() > 5
}

/// The build-tool packages a RUN installs with an OS package manager and does not remove
/// again in the same RUN (`apk add --virtual .deps ... && apk del .deps`, `apt-get purge`,
/// the `apt-mark auto` + `--auto-remove` idiom of the official images, `dnf history undo`).
pub fn build_tools_kept(commands: &[Command]) -> Vec<String> {
    let mut installed: Vec<(String, Option<String>)> = Vec::new();
    let mut removed: Vec<String> = Vec::new();
    let mut remove_all = false;
    let mut marked_auto = false;
    for c in commands {
        let c = c.unwrapped();
        let name = c.name().rsplit('/').next().unwrap_or("");
        let args = c.args();
        let verb = args
            .iter()
            .find(|a| !a.starts_with('-'))
            .map(String::as_str);
        if let Some(inst) = install(&c) {
            if inst.manager == "pip" || inst.manager == "npm" || inst.manager == "gem" {
                continue;
            }
            let virtual_name = args
                .windows(2)
                .find(|w| matches!(w[0].as_str(), "--virtual" | "-t"))
                .map(|w| w[1].clone())
                .or_else(|| {
                    args.iter()
                        .find_map(|a| a.strip_prefix("--virtual=").map(str::to_string))
                });
            for p in &inst.packages {
                if Some(p) == virtual_name.as_ref() || is_variable(p) {
                    continue;
                }
                installed.push((p.clone(), virtual_name.clone()));
            }
            continue;
        }
        // `apt-mark showmanual | xargs apt-mark auto` marks everything as well.
        if c.words
            .windows(2)
            .any(|w| w[0] == "apt-mark" && w[1] == "auto")
        {
            marked_auto = true;
        }
        match (name, verb) {
            ("apt-get" | "apt", Some("purge" | "remove" | "autoremove")) => {
                if marked_auto
                    && (verb == Some("autoremove") || args.iter().any(|a| a == "--auto-remove"))
                {
                    remove_all = true;
                }
                removed.extend(args.iter().filter(|a| !a.starts_with('-')).cloned());
            }
            ("apk", Some("del")) => {
                removed.extend(args.iter().filter(|a| !a.starts_with('-')).cloned())
            }
            ("yum" | "dnf" | "microdnf" | "tdnf", Some("remove" | "erase" | "autoremove")) => {
                removed.extend(args.iter().filter(|a| !a.starts_with('-')).cloned())
            }
            ("yum" | "dnf", Some("history")) if args.iter().any(|a| a == "undo") => {
                remove_all = true
            }
            ("zypper", Some("rm" | "remove")) => {
                removed.extend(args.iter().filter(|a| !a.starts_with('-')).cloned())
            }
            _ => {}
        }
    }
    if remove_all {
        return Vec::new();
    }
    let mut kept = Vec::new();
    for (p, virtual_name) in installed {
        let gone = removed
            .iter()
            .any(|r| package_name(r) == package_name(&p) || Some(r) == virtual_name.as_ref());
        if !gone && is_build_tool_package(&p) && !kept.contains(&p) {
            kept.push(p);
        }
    }
    // `git` alone is a run-time dependency as often as a build tool (the Docker CLI, Jenkins
    // and CI images run it); it counts when it comes with compilers or headers.
    if kept.iter().all(|p| package_name(p) == "git") {
        kept.clear();
    }
    kept
}

/// Whether a command is `yum clean all` (or `dnf`, `microdnf`, `tdnf`; `clean metadata` and
/// `clean dbcache` count too).
pub fn is_rpm_clean(cmd: &Command) -> bool {
    let cmd = cmd.unwrapped();
    let name = cmd.name().rsplit('/').next().unwrap_or("");
    let args: Vec<&str> = cmd
        .args()
        .iter()
        .filter(|a| !a.starts_with('-'))
        .map(String::as_str)
        .collect();
    match name {
        "yum" | "dnf" | "microdnf" | "tdnf" => {
            args.first() == Some(&"clean")
                && args[1..]
                    .iter()
                    .any(|a| matches!(*a, "all" | "metadata" | "dbcache"))
        }
        // `zypper clean` empties every cache unless told which.
        "zypper" => matches!(args.first(), Some(&"clean" | &"cc")),
        _ => false,
    }
}

/// Whether a RUN mounts a cache (`--mount=type=cache,target=...`) at or below one of `dirs`.
pub fn has_cache_mount(inst: &Instruction, dirs: &[&str]) -> bool {
    inst.flags
        .iter()
        .filter(|f| f.name == "mount")
        .filter_map(|f| f.value.as_deref())
        .any(|value| {
            let field = |names: &[&str]| {
                value.split(',').find_map(|kv| {
                    let (k, v) = kv.split_once('=')?;
                    names
                        .contains(&k.trim())
                        .then(|| v.trim().trim_matches('"'))
                })
            };
            // A tmpfs mount keeps what is written there out of the layer, as a cache does.
            matches!(field(&["type"]), Some("cache" | "tmpfs"))
                && field(&["target", "dst", "destination"]).is_some_and(|t| {
                    let t = t.trim_end_matches('/');
                    dirs.iter()
                        .any(|d| t == *d || t.starts_with(&format!("{d}/")))
                })
        })
}

/// Whether a command among `commands` deletes `dir` or what is in it (`rm -rf dir/*`, `rm -r
/// dir`, `rm dir/*.bin`; a parent directory counts too).
pub fn removes_dir(commands: &[Command], dir: &str) -> bool {
    commands.iter().any(|c| {
        let c = c.unwrapped();
        c.name().rsplit('/').next() == Some("rm")
            && c.args().iter().any(|arg| {
                let a = normalize_path(arg);
                !a.is_empty()
                    && (dir == a
                        || dir.starts_with(&format!("{a}/"))
                        || (a.starts_with(&format!("{dir}/")) && a.contains('*')))
            })
    })
}

/// A word whose value is not known from the text (a variable, a command substitution).
pub fn is_unknown_word(word: &str) -> bool {
    is_variable(word) || word.contains(['(', ')', '`'])
}

/// Whether a yum/dnf package argument fixes a version: `httpd-2.4.6`, a module stream
/// (`nodejs:18`), an `.rpm` file or path, an `@group` or a glob (not `httpd`, `python3-pip`).
pub fn rpm_package_pinned(package: &str) -> bool {
    rpm_version_given(package)
        || package.contains([':', '/', '*'])
        || package.starts_with('@')
        || package.ends_with(".rpm")
}

/// Whether `name-version[-release]` carries a version: after the first `-`, version
/// characters only and some part starting with a digit (`httpd-2.4.6-99.el9`, not `python3-pip`).
fn rpm_version_given(package: &str) -> bool {
    let parts: Vec<&str> = package.split('-').skip(1).collect();
    !parts.is_empty()
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".~^_:+".contains(c))
        })
        && parts
            .iter()
            .any(|p| p.starts_with(|c: char| c.is_ascii_digit()))
}

/// The packages of every installation `wanted` accepts in a RUN that `pinned` does not
/// accept, skipping words whose value the text does not show.
pub fn unpinned_packages(
    commands: &[Command],
    wanted: impl Fn(&Install) -> bool,
    pinned: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in commands
        .iter()
        .filter_map(install)
        .filter(|i| !i.simulates() && wanted(i))
    {
        for p in i.packages {
            if !is_unknown_word(&p) && !pinned(&p) && !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}
