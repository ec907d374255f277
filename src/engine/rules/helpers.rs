//! Questions several rules ask.

use crate::engine::diagnostic::{Edit, Fix};
use crate::engine::graph::{Base, Classification, ImageRef, Stage};
use crate::engine::rules::shell::{install, Command, Install};
use crate::engine::rules::{Checker, Hit};
use crate::engine::syntax::{Args, Instruction, Kw, Span};

/// The user part of a USER value (`app:app` -> `app`).
pub fn user_part(value: &str) -> &str {
    value.split(':').next().unwrap_or(value).trim()
}

/// `root`, `0`, and those with any group.
pub fn is_root(value: &str) -> bool {
    matches!(user_part(value), "root" | "0")
}

/// Whether a USER value names a numeric UID (variables count as unknown, not as names).
pub fn is_numeric_uid(value: &str) -> bool {
    let user = user_part(value);
    !user.is_empty() && user.bytes().all(|b| b.is_ascii_digit())
}

/// The USER value of an instruction, as written (its first argument).
pub fn user_value(inst: &Instruction) -> Option<&str> {
    if inst.keyword.kind != Kw::User {
        return None;
    }
    Some(match &inst.args {
        Args::Shell { text, .. } => text.as_str(),
        Args::Exec { .. } => "",
    })
}

/// The image a FROM instruction names, with its class (after expansion), if it names one.
pub fn from_image<'g>(cx: &'g Checker, stage: usize) -> Option<(&'g ImageRef, &'g Classification)> {
    match &cx.graph.stages[stage].base {
        Base::Image { image, class } => Some((image, class)),
        _ => None,
    }
}

/// An edit that inserts a line before `inst` (at its line's start, same indentation).
pub fn insert_line_before(cx: &Checker, inst: &Instruction, line: &str) -> Edit {
    let start = cx.tree.source[..inst.span.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let indent = &cx.tree.source[start..inst.span.start];
    Edit {
        span: Span::new(start, start),
        replacement: format!("{indent}{line}\n"),
    }
}

/// An edit that inserts a line after `inst`.
pub fn insert_line_after(cx: &Checker, inst: &Instruction, line: &str) -> Edit {
    let newline = if cx.tree.source[inst.span.end..].starts_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    Edit {
        span: Span::new(inst.span.end, inst.span.end),
        replacement: format!("{newline}{line}"),
    }
}

/// A fix made of one edit.
pub fn fix(title: impl Into<String>, edit: Edit) -> Fix {
    Fix {
        title: title.into(),
        edits: vec![edit],
    }
}

/// Whether a stage finally rests on a Windows image (where Linux user rules do not apply).
pub fn is_windows(cx: &Checker, stage: usize) -> bool {
    match cx.graph.resolved_base(stage).1 {
        Base::Image { image, .. } => {
            let name = image.name().to_ascii_lowercase();
            name.contains("windows") || name.contains("nanoserver") || name.contains("servercore")
        }
        _ => false,
    }
}

// ---- COPY/ADD paths, compiling, testing and build tools (the builder-pattern rules) ----

/// The sources and the destination of a COPY or ADD, quotes removed; heredoc sources
/// (`<<EOF`) are left out. `None` for other instructions.
pub fn copy_paths(inst: &Instruction) -> Option<(Vec<String>, Option<String>)> {
    if !matches!(inst.keyword.kind, Kw::Copy | Kw::Add) {
        return None;
    }
    let mut values: Vec<String> = inst
        .args
        .values()
        .into_iter()
        .map(|v| unquote(v).to_string())
        .collect();
    let dest = if values.len() >= 2 {
        values.pop()
    } else {
        None
    };
    values.retain(|v| !v.starts_with("<<"));
    Some((values, dest))
}

/// A word without the quotes around it (`"a b"` -> `a b`).
pub fn unquote(word: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = word.strip_prefix(q).and_then(|w| w.strip_suffix(q)) {
            return inner;
        }
    }
    word
}

/// A path with `./` prefixes and trailing `/`, `/.` and `/*` removed (`./src/` -> `src`,
/// `/` -> ``, `.` -> `.`).
pub fn normalize_path(path: &str) -> &str {
    let mut p = path;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    loop {
        if let Some(rest) = p.strip_suffix("/.").or_else(|| p.strip_suffix("/*")) {
            p = rest;
        } else if p.len() > 1 || p == "/" {
            match p.strip_suffix('/') {
                Some(rest) => p = rest,
                None => break,
            }
        } else {
            break;
        }
    }
    p
}

pub use crate::engine::graph::absolute_path;

/// Whether a COPY source names the whole build context (`.`, `./`, `*`, `/`).
pub fn is_whole_context(src: &str) -> bool {
    matches!(normalize_path(src), "" | "." | "*")
}

/// The last path component (`/a/b/` -> `b`).
pub fn base_name(path: &str) -> &str {
    let p = normalize_path(path);
    p.rsplit('/').next().unwrap_or(p)
}

/// The commands of every RUN in a stage (after its FROM), with the instruction's index.
/// (Copies of what the checker read once; `cx.commands(n)` borrows them instead.)
pub fn stage_runs<'a>(
    cx: &'a Checker,
    stage: &'a Stage,
) -> impl Iterator<Item = (usize, &'a Instruction, &'a [Command])> + 'a {
    cx.stage_instructions(stage)
        .filter(|(_, i)| i.keyword.kind == Kw::Run)
        .map(|(n, i)| (n, i, cx.commands(n)))
}

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

// ---- package caches and RUN text edits (the hadolint hygiene rules) ----

/// The RUNs of the shipped stages, with their commands: where caches and leftovers cost
/// image size.
pub fn shipped_runs<'a>(
    cx: &'a Checker,
) -> impl Iterator<Item = (usize, &'a Instruction, &'a [Command])> + 'a {
    cx.graph
        .stages
        .iter()
        .filter(|s| cx.is_shipped(s.index))
        .flat_map(move |s| stage_runs(cx, s))
}

/// The RUNs of every stage, with their commands.
pub fn all_runs<'a>(
    cx: &'a Checker,
) -> impl Iterator<Item = (usize, &'a Instruction, &'a [Command])> + 'a {
    cx.graph.stages.iter().flat_map(move |s| stage_runs(cx, s))
}

/// Whether a command is `yum clean all` (or `dnf`, `microdnf`, `tdnf`; `clean metadata` and
/// `clean dbcache` count too).
fn is_rpm_clean(cmd: &Command) -> bool {
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

/// The RUNs of the shipped image that install with one of `managers` (yum, dnf, zypper ...)
/// and do not clean the cache afterwards in the same RUN (`yum clean all`, `dnf clean all`,
/// `zypper clean`, removing `/var/cache/yum`, `/var/cache/dnf` or `/var/cache/zypp`), unless
/// the RUN cache-mounts the cache.
pub fn rpm_installs_left_uncleaned(cx: &Checker, managers: &[&str]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (_, run, commands) in shipped_runs(cx) {
        if has_cache_mount(
            run,
            &[
                "/var/cache/yum",
                "/var/cache/dnf",
                "/var/cache/libdnf5",
                "/var/cache/zypp",
            ],
        ) {
            continue;
        }
        let left = commands.iter().enumerate().find_map(|(i, c)| {
            let inst = install(c)?;
            let after = &commands[i + 1..];
            let cleaned = after.iter().any(is_rpm_clean)
                || removes_dir(after, "/var/cache/yum")
                || removes_dir(after, "/var/cache/dnf")
                || removes_dir(after, "/var/cache/zypp");
            (managers.contains(&inst.manager.as_str()) && !cleaned).then_some(inst.manager)
        });
        if let Some(m) = left {
            let all = if m == "zypper" { "" } else { " all" };
            hits.push(Hit::new(
                run.span,
                format!("`{m} install` without `{m} clean{all}` afterwards in the same RUN: the package cache stays in the layer"),
            ));
        }
    }
    hits
}

// ---- RUN: cache mounts, clean-up and where a command is written (the hadolint rules) ----

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

/// The spans of `needle` in an instruction's source (heredoc bodies included) where it stands
/// as whole words (`apt-get install`, not `xapt-get installer`).
pub fn word_spans(cx: &Checker, inst: &Instruction, needle: &str) -> Vec<Span> {
    let text = cx.text(inst.span);
    let is_word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    text.match_indices(needle)
        .filter(|(at, _)| {
            !text[..*at].ends_with(is_word) && !text[at + needle.len()..].starts_with(is_word)
        })
        .map(|(at, _)| Span::new(inst.span.start + at, inst.span.start + at + needle.len()))
        .collect()
}

/// A fix that inserts `insert` after each of the `commands` (indices among `all`, the
/// commands of one kind a RUN runs, written as `needle`), when the text spells every one of
/// them as `needle` so that the k-th occurrence is the k-th command; `None` when it cannot be
/// sure (`apt-get -q install`, a command built from variables).
pub fn insert_after_commands(
    cx: &Checker,
    inst: &Instruction,
    needle: &str,
    all: usize,
    commands: &[usize],
    title: &str,
    insert: &str,
) -> Option<Fix> {
    let spans = word_spans(cx, inst, needle);
    if spans.len() != all || commands.is_empty() {
        return None;
    }
    let edits = commands
        .iter()
        .map(|&k| Edit {
            span: Span::new(spans[k].end, spans[k].end),
            replacement: insert.to_string(),
        })
        .collect();
    Some(Fix {
        title: title.to_string(),
        edits,
    })
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

/// Up to three names in backticks, then how many more (`` `a`, `b`, `c` and 2 more ``).
pub fn name_list(names: &[String]) -> String {
    let mut out = names
        .iter()
        .take(3)
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > 3 {
        out.push_str(&format!(" and {} more", names.len() - 3));
    }
    out
}

/// One finding per RUN whose installations (those `wanted` accepts) name packages that
/// `pinned` does not accept; `message` gets the packages as a list (`` `a`, `b` ``).
pub fn unpinned_package_hits(
    cx: &Checker,
    wanted: impl Fn(&Install) -> bool,
    pinned: impl Fn(&str) -> bool,
    message: impl Fn(&str) -> String,
) -> Vec<Hit> {
    all_runs(cx)
        .filter_map(|(_, inst, commands)| {
            let unpinned = unpinned_packages(commands, &wanted, &pinned);
            (!unpinned.is_empty()).then(|| Hit::new(inst.span, message(&name_list(&unpinned))))
        })
        .collect()
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

/// Whether a stage rests on an Alpine or BusyBox image, where `wget` and `/bin/sh` are
/// BusyBox applets rather than GNU wget and dash.
pub fn is_busybox_based(cx: &Checker, stage: usize) -> bool {
    match cx.graph.resolved_base(stage).1 {
        Base::Image { image, .. } => {
            let name = format!(
                "{} {}",
                image.repository,
                image.tag.as_deref().unwrap_or("")
            )
            .to_ascii_lowercase();
            name.contains("alpine") || name.contains("busybox")
        }
        _ => false,
    }
}

/// The package managers of a RUN's installations that lack something, and a fix that inserts
/// it after each of them.
pub struct MissingOption {
    /// The managers as written in the message (`apt-get`), without repeats.
    pub managers: Vec<String>,
    pub fix: Option<Fix>,
}

impl MissingOption {
    /// The finding, with the fix when there is one.
    pub fn hit(&self, span: Span, message: impl Into<String>) -> Hit {
        Hit {
            span,
            message: message.into(),
            fix: self.fix.clone(),
        }
    }
}

/// One finding per RUN whose installs by one of `kinds` (see `installs_missing`) lack a `-y`
/// that `ok` would accept, worded by `message` from the managers; the fix adds `-y`.
pub fn runs_missing_yes(
    cx: &Checker,
    kinds: &[(&str, &str)],
    ok: impl Fn(&Install) -> bool,
    message: impl Fn(&str) -> String,
) -> Vec<Hit> {
    all_runs(cx)
        .filter_map(|(_, inst, commands)| {
            let missing =
                installs_missing(cx, inst, commands, kinds, |_, i| ok(i), "Add `-y`", " -y")?;
            Some(missing.hit(inst.span, message(&missing.managers.join("`/`"))))
        })
        .collect()
}

/// Checks every installation in `commands` by one of `kinds` (a manager and how its install
/// command is written, `("apt-get", "apt-get install")`) with `ok` (given the command's index
/// in `commands`); the fix inserts `insert` after each failing one when the text spells them
/// all as written in `kinds`.
pub fn installs_missing(
    cx: &Checker,
    inst: &Instruction,
    commands: &[Command],
    kinds: &[(&str, &str)],
    ok: impl Fn(usize, &Install) -> bool,
    title: &str,
    insert: &str,
) -> Option<MissingOption> {
    let mut managers: Vec<String> = Vec::new();
    let mut edits = Vec::new();
    let mut fixable = true;
    for (manager, needle) in kinds {
        let installs: Vec<(usize, Install)> = commands
            .iter()
            .enumerate()
            .filter_map(|(k, c)| install(c).map(|i| (k, i)))
            .filter(|(_, i)| i.manager == *manager)
            .collect();
        let failing: Vec<usize> = installs
            .iter()
            .enumerate()
            .filter(|(_, (k, i))| !i.simulates() && !ok(*k, i))
            .map(|(n, _)| n)
            .collect();
        if failing.is_empty() {
            continue;
        }
        managers.push(manager.to_string());
        match insert_after_commands(cx, inst, needle, installs.len(), &failing, title, insert) {
            Some(f) => edits.extend(f.edits),
            None => fixable = false,
        }
    }
    if managers.is_empty() {
        return None;
    }
    Some(MissingOption {
        managers,
        fix: fixable.then(|| Fix {
            title: title.to_string(),
            edits,
        }),
    })
}

/// The stages a stage is built on (`FROM <stage>`), nearest first.
pub fn ancestor_stages<'a>(cx: &Checker<'a>, stage: &Stage) -> Vec<&'a Stage> {
    let graph = cx.graph;
    let mut out: Vec<&'a Stage> = Vec::new();
    let (mut at, mut base) = (stage.index, &stage.base);
    // A stage builds only on an earlier one (the graph reads a later stage's name as an
    // image), so the indexes fall and the walk ends; the check keeps it so for any graph.
    while let Base::Stage { index } = *base {
        if index >= at {
            break;
        }
        let parent = &graph.stages[index];
        out.push(parent);
        (at, base) = (index, &parent.base);
    }
    out
}

/// The literal port words of every EXPOSE (words with variables are not judged).
pub fn expose_ports<'a>(
    cx: &'a Checker,
) -> impl Iterator<Item = &'a crate::engine::syntax::Word> + 'a {
    cx.tree
        .instructions
        .iter()
        .filter(|i| i.keyword.kind == Kw::Expose)
        .flat_map(|i| match &i.args {
            Args::Shell { words, .. } => words.as_slice(),
            Args::Exec { .. } => &[],
        })
        .filter(|w| !w.text.contains('$'))
}
