//! AL102's fix: turns a single-stage Go, Node, Python or C/C++ build into a `builder` stage and
//! a final stage on a minimal runtime that copies only the artifacts (the seed's builder -> prod
//! pattern). It is offered only when the text makes the artifacts and the runtime base certain;
//! otherwise `convert` says why not, and AL102 reports without a fix.
//!
//! The fix is one edit from the FROM to the end of the file, so that applying it together with
//! other rules' fixes never applies half of it (overlapping edits are skipped whole).

use crate::engine::diagnostic::{apply_edits, Edit, Fix};
use crate::engine::graph::{Base, ImageRef};
use crate::engine::paths::absolute_path;
use crate::engine::rules::Checker;
use crate::engine::shell::is_build_tool_package;
use crate::engine::shell::{install, Command};
use crate::engine::syntax::{line_end_of, line_start_of, Args, Instruction, Kw, Span};

/// Why no conversion is offered, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Uncertain(pub String);

type Result<T> = std::result::Result<T, Uncertain>;

fn uncertain<T>(why: impl Into<String>) -> Result<T> {
    Err(Uncertain(why.into()))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lang {
    Go,
    Node,
    Python,
    C,
}

/// The fix for a single-stage build, or why the conversion is not certain.
pub fn convert(cx: &Checker) -> Result<Fix> {
    let [stage] = cx.graph.stages.as_slice() else {
        return uncertain("not a single-stage file");
    };
    let Base::Image { image, .. } = &stage.base else {
        return uncertain("the stage is not built on an image");
    };
    // A line the parser could not read is a line whose intent is not known: the rewrite would
    // carry it into both stages (an ENV with a broken pair, say) and double its error.
    if cx.syntax_errors {
        return uncertain("the file has syntax errors");
    }
    let from = &cx.tree.instructions[stage.instructions.start];
    let walk = Walk::read(cx, stage.instructions.start + 1..stage.instructions.end)?;
    let lang = language(image, &walk)?;
    let launch = Launch::read(cx, &walk)?;
    let base = runtime_base(lang, image, &stage.base_written, &walk)?;
    let plan = artifacts(lang, &walk, &launch, &base)?;
    Ok(render(
        cx,
        from,
        stage.name.as_deref(),
        &walk,
        &launch,
        &base,
        plan,
    ))
}

// ---- reading the stage ----

/// What the stage does, instruction by instruction.
#[derive(Default)]
struct Walk<'a> {
    /// Instructions that move to the final stage (metadata and the start command).
    moved: Vec<&'a Instruction>,
    /// The ENVs that are repeated in the final stage.
    carried_env: Vec<&'a Instruction>,
    /// Stage ARGs by name, for re-declaring the ones the final stage refers to.
    args: Vec<(String, &'a Instruction)>,
    /// The last USER, and whether a build step follows it (then it stays in the builder).
    user: Option<(&'a Instruction, bool)>,
    /// The working directory at the end (`None`: not known, the base image's default).
    workdir: Option<String>,
    /// Every directory the build worked in (WORKDIRs, `cd`s): builder-only places.
    build_dirs: Vec<String>,
    /// Paths that file commands (`cp`, `mkdir` ...) wrote, to check against what ships.
    touched: Vec<String>,
    /// OS packages installed.
    packages: Vec<String>,
    /// `go build -o` outputs, absolute.
    go_outputs: Vec<String>,
    /// `CGO_ENABLED=0` is set for the whole stage (ENV).
    cgo_off: bool,
    /// Every `go build` sets `CGO_ENABLED=0` itself.
    go_builds: usize,
    go_builds_static: usize,
    /// `gcc -o` (and friends) outputs, absolute.
    cc_outputs: Vec<String>,
    /// Directories where `make`, `cmake --build` or `ninja` ran.
    make_dirs: Vec<String>,
    /// Install prefixes of `make install` (and `cmake --install`).
    install_prefixes: Vec<String>,
    /// The prefix `./configure --prefix` or `-DCMAKE_INSTALL_PREFIX` chose.
    configured_prefix: Option<String>,
    /// Node: dependencies installed (`npm ci` ...) and a build step run (`npm run build` ...).
    node_install: bool,
    node_build: bool,
    /// Python: the first RUN that installs with pip into the system, and an existing venv.
    pip_system_run: Option<&'a Instruction>,
    pip_installs: bool,
    venv: Option<String>,
    /// Directories on PATH from the stage's ENV PATH.
    path_dirs: Vec<String>,
}

impl<'a> Walk<'a> {
    fn read(cx: &Checker<'a>, range: std::ops::Range<usize>) -> Result<Walk<'a>> {
        let mut w = Walk::default();
        for i in range.clone() {
            let inst = &cx.tree.instructions[i];
            match inst.keyword.kind {
                Kw::Onbuild | Kw::Unknown | Kw::From => {
                    return uncertain(format!("the stage has an `{}`", inst.keyword.text))
                }
                Kw::Workdir => {
                    let dir = inst.args.values().first().map(|v| v.to_string());
                    w.workdir = match dir {
                        Some(d) if !d.contains('$') => w.resolve(&d),
                        _ => None,
                    };
                    if let Some(d) = &w.workdir {
                        w.build_dirs.push(d.clone());
                    }
                }
                Kw::Env => w.env(inst)?,
                Kw::Arg => {
                    for p in &inst.pairs {
                        w.args.push((p.key.to_string(), inst));
                    }
                }
                Kw::Label
                | Kw::Expose
                | Kw::Volume
                | Kw::Stopsignal
                | Kw::Maintainer
                | Kw::Cmd
                | Kw::Entrypoint
                | Kw::Healthcheck => w.moved.push(inst),
                Kw::User => {
                    let build_follows = cx.tree.instructions[i + 1..range.end]
                        .iter()
                        .any(|n| matches!(n.keyword.kind, Kw::Run | Kw::Copy | Kw::Add));
                    w.user = Some((inst, build_follows));
                }
                Kw::Copy | Kw::Add => {
                    if inst.flag("from").is_none() {
                        w.copy(inst)?;
                    }
                }
                Kw::Run => w.run(inst, cx.commands(i))?,
                Kw::Shell => {}
            }
        }
        Ok(w)
    }

    /// `path` made absolute against the current working directory (`None` when unknown).
    fn resolve(&self, path: &str) -> Option<String> {
        resolve(self.workdir.as_deref(), path)
    }

    fn env(&mut self, inst: &'a Instruction) -> Result<()> {
        let mut build_only = true;
        for p in &inst.pairs {
            let value = p.value.as_deref().unwrap_or("");
            match p.key.as_str() {
                "CGO_ENABLED" if value.trim_matches('"') == "0" => self.cgo_off = true,
                "CGO_ENABLED" => return uncertain("the build enables cgo (`CGO_ENABLED`)"),
                "PATH" => {
                    for d in value.trim_matches('"').split(':') {
                        if d.starts_with('/') {
                            self.path_dirs.push(absolute_path(d));
                        }
                    }
                }
                _ => {}
            }
            if !is_build_only_env(&p.key) {
                build_only = false;
            }
        }
        if !build_only {
            self.carried_env.push(inst);
        }
        Ok(())
    }

    fn copy(&mut self, inst: &Instruction) -> Result<()> {
        let values = inst.args.values();
        let Some(dest) = values.last().filter(|_| values.len() >= 2) else {
            return Ok(());
        };
        let dest = dest.trim_matches('"');
        // The whole context is the build's input; single files elsewhere may be configuration
        // the program reads at run time.
        let whole = values[..values.len() - 1]
            .iter()
            .any(|s| matches!(s.trim_end_matches('/'), "." | "*" | ""));
        match self.resolve(dest) {
            Some(d) if !d.contains('$') => {
                if whole {
                    self.build_dirs.push(d);
                } else {
                    self.touched.push(d);
                }
                Ok(())
            }
            _ => uncertain(format!(
                "`{}` copies to `{dest}`, a place the text does not fix",
                inst.keyword.text
            )),
        }
    }

    fn run(&mut self, inst: &'a Instruction, commands: &[Command]) -> Result<()> {
        let mut cwd = self.workdir.clone();
        for c in commands {
            let c = c.unwrapped();
            let name = c.name().rsplit('/').next().unwrap_or("").to_string();
            if c.name().contains('$') {
                return uncertain("a RUN runs a command named by a variable");
            }
            let args = c.args();
            let first = args
                .iter()
                .find(|a| !a.starts_with('-'))
                .map(String::as_str);
            if let Some(i) = install(&c) {
                match i.manager.as_str() {
                    "pip" => {
                        self.pip(inst, &c)?;
                        continue;
                    }
                    "npm" | "gem" => {}
                    _ => {
                        self.packages.extend(i.packages);
                        continue;
                    }
                }
            }
            match name.as_str() {
                "cd" => {
                    cwd = match args.first() {
                        Some(d) if !d.contains('$') && d != "-" => resolve(cwd.as_deref(), d),
                        _ => None,
                    };
                    if let Some(d) = &cwd {
                        self.build_dirs.push(d.clone());
                    }
                }
                "go" => self.go(&c, cwd.as_deref())?,
                "npm" | "yarn" | "pnpm" => {
                    let verb = first.unwrap_or("install");
                    match verb {
                        "ci" | "install" | "i"
                            if !args.iter().any(|a| a == "-g" || a == "--global") =>
                        {
                            self.node_install = true
                        }
                        "run" | "run-script" => {
                            let script = args.iter().skip(1).find(|a| !a.starts_with('-'));
                            if script.is_some_and(|s| {
                                ["build", "compile", "bundle", "dist"]
                                    .iter()
                                    .any(|b| s.contains(b))
                            }) {
                                self.node_build = true;
                            }
                        }
                        "build" => self.node_build = true,
                        _ => {}
                    }
                }
                "npx" | "tsc" | "webpack" | "vite" | "esbuild" | "rollup" => self.node_build = true,
                "node" => {}
                "python" | "python3" | "virtualenv" => self.python(&c, cwd.as_deref())?,
                n if n.starts_with("python3.") => self.python(&c, cwd.as_deref())?,
                "poetry" | "pipenv" | "uv" | "conda" | "pdm" => {
                    return uncertain(format!(
                        "`{name}` decides where packages go; the venv to copy is not certain"
                    ))
                }
                "make" | "gmake" | "ninja" | "cmake" | "configure" | "meson" | "autoreconf"
                | "autogen.sh" => self.make(&c, &name, cwd.as_deref())?,
                "gcc" | "g++" | "cc" | "c++" | "clang" | "clang++" => {
                    if let Some(o) = option_value(args, "-o") {
                        match resolve(cwd.as_deref(), &o) {
                            Some(p) => self.cc_outputs.push(p),
                            None => return uncertain("a compiler's `-o` is not an exact path"),
                        }
                    }
                }
                "ldconfig" => return uncertain("`ldconfig`: the build installs shared libraries"),
                "cp" | "mv" | "ln" | "mkdir" | "touch" | "chmod" | "chown" | "install" | "tar"
                | "unzip" | "sed" => {
                    for a in args
                        .iter()
                        .filter(|a| !a.starts_with('-') && !a.starts_with('+'))
                    {
                        // `chmod 755 x`, `chown app:app x`, `sed -i s/a/b/ x`: not paths.
                        let is_path =
                            a.starts_with('/') || a.starts_with('.') || !a.contains([':', '=']);
                        if matches!(name.as_str(), "chmod" | "chown" | "sed")
                            && !a.contains('/')
                            && !is_path
                        {
                            continue;
                        }
                        match resolve(cwd.as_deref(), a) {
                            Some(p) if !a.contains('$') => self.touched.push(p),
                            _ if matches!(name.as_str(), "chmod" | "chown" | "sed") => {}
                            _ => {
                                return uncertain(format!(
                                    "`{name}` writes a place the text does not fix"
                                ))
                            }
                        }
                    }
                }
                "rm"
                | "echo"
                | "true"
                | "set"
                | "export"
                | "ls"
                | "cat"
                | "test"
                | "["
                | "git"
                | "curl"
                | "wget"
                | "useradd"
                | "adduser"
                | "groupadd"
                | "addgroup"
                | "apt-mark"
                | "apt-get"
                | "apt"
                | "apk"
                | "yum"
                | "dnf"
                | "microdnf"
                | "zypper"
                | "update-ca-certificates"
                | "find"
                | "xargs"
                | "go-licenses"
                | "corepack"
                | "printf"
                | "which"
                | "env"
                | "pwd"
                | "du"
                | "exit" => {}
                _ => {
                    return uncertain(format!(
                        "a RUN runs `{name}`, whose effect on the image is not certain"
                    ))
                }
            }
        }
        Ok(())
    }

    fn go(&mut self, c: &Command, cwd: Option<&str>) -> Result<()> {
        let args = c.args();
        match args.first().map(String::as_str) {
            Some("build") => {
                self.go_builds += 1;
                match c.env_value("CGO_ENABLED") {
                    Some("0") => self.go_builds_static += 1,
                    Some(_) => return uncertain("the build enables cgo (`CGO_ENABLED`)"),
                    None => {}
                }
                if args
                    .iter()
                    .any(|a| a == "-race" || a.starts_with("-buildmode"))
                {
                    return uncertain(
                        "`go build -race`/`-buildmode` needs cgo or is not a program",
                    );
                }
                let Some(out) = option_value(args, "-o") else {
                    return uncertain("`go build` without `-o`: the binary's path is not certain");
                };
                if out.ends_with('/') || out.contains('$') {
                    return uncertain("`go build -o` names a directory or a variable");
                }
                match resolve(cwd, &out) {
                    Some(p) => self.go_outputs.push(p),
                    None => return uncertain("`go build -o` is relative to an unknown directory"),
                }
            }
            Some("install") if !args.iter().any(|a| a.contains('@')) => {
                return uncertain("`go install` puts the binary under GOPATH by package name")
            }
            _ => {}
        }
        Ok(())
    }

    fn pip(&mut self, inst: &'a Instruction, c: &Command) -> Result<()> {
        let args = c.args();
        if args.iter().any(|a| {
            matches!(
                a.split('=').next().unwrap_or(""),
                "--user" | "--target" | "-t" | "--prefix" | "--root" | "--system"
            )
        }) {
            return uncertain("`pip install` with `--user`, `--target` or `--prefix`");
        }
        self.pip_installs = true;
        let into_venv = self.venv.as_ref().is_some_and(|v| {
            c.name().starts_with(v.as_str())
                || self.path_dirs.iter().any(|d| *d == format!("{v}/bin"))
        });
        if !into_venv {
            if self.venv.is_some() || (c.name().starts_with('/') && !c.name().starts_with("/usr/"))
            {
                return uncertain("`pip` installs both into a venv and into the system");
            }
            self.pip_system_run.get_or_insert(inst);
        }
        Ok(())
    }

    fn python(&mut self, c: &Command, cwd: Option<&str>) -> Result<()> {
        let args = c.args();
        let dir = if c.name().ends_with("virtualenv") {
            args.iter().find(|a| !a.starts_with('-'))
        } else if args.len() >= 2 && args[0] == "-m" && args[1] == "venv" {
            args[2..].iter().find(|a| !a.starts_with('-'))
        } else if args.len() >= 2 && args[0] == "-m" && args[1] == "pip" {
            // Handled as an installation by `install`; other pip verbs change nothing that ships.
            return Ok(());
        } else if args.first().is_some_and(|a| a.ends_with("setup.py")) {
            self.pip_installs = true;
            return Ok(());
        } else {
            return Ok(());
        };
        match dir.and_then(|d| resolve(cwd, d)) {
            Some(d) if self.venv.is_none() => {
                self.venv = Some(d);
                Ok(())
            }
            _ => uncertain("the venv's directory is not certain"),
        }
    }

    fn make(&mut self, c: &Command, name: &str, cwd: Option<&str>) -> Result<()> {
        let args = c.args();
        let dir = option_value(args, "-C")
            .and_then(|d| resolve(cwd, &d))
            .or_else(|| cwd.map(str::to_string));
        let var = |names: &[&str]| {
            args.iter().find_map(|a| {
                let (k, v) = a.split_once('=')?;
                names
                    .contains(&k.trim_start_matches('-'))
                    .then(|| v.to_string())
            })
        };
        match name {
            "configure" | "meson" => {
                if let Some(p) = var(&["prefix"]).or_else(|| option_value(args, "--prefix")) {
                    self.configured_prefix = Some(p);
                }
            }
            "cmake" => {
                if let Some(p) = var(&["DCMAKE_INSTALL_PREFIX"]) {
                    self.configured_prefix = Some(p);
                }
                if args.iter().any(|a| a == "--install") {
                    let prefix = option_value(args, "--prefix")
                        .or_else(|| self.configured_prefix.clone())
                        .unwrap_or_else(|| "/usr/local".into());
                    self.install_prefixes.push(prefix);
                } else if args.iter().any(|a| a == "--build") {
                    let d = option_value(args, "--build").and_then(|d| resolve(cwd, &d));
                    self.make_dirs.extend(d.or(dir));
                }
            }
            _ => {
                if var(&["DESTDIR"]).is_some() {
                    return uncertain("`make install DESTDIR=...` stages the files elsewhere");
                }
                if args.iter().any(|a| a == "install") {
                    let prefix = var(&["PREFIX", "prefix"])
                        .or_else(|| self.configured_prefix.clone())
                        .unwrap_or_else(|| "/usr/local".into());
                    self.install_prefixes.push(prefix);
                } else if !matches!(name, "autoreconf" | "autogen.sh") {
                    self.make_dirs.extend(dir);
                }
            }
        }
        Ok(())
    }
}

/// ENV names that only steer the build (not worth repeating in the runtime stage).
fn is_build_only_env(name: &str) -> bool {
    matches!(
        name,
        "CGO_ENABLED"
            | "GOOS"
            | "GOARCH"
            | "GOARM"
            | "GOFLAGS"
            | "GOPROXY"
            | "GOPRIVATE"
            | "GONOSUMDB"
            | "GO111MODULE"
            | "GOPATH"
            | "GOCACHE"
            | "GOTOOLCHAIN"
            | "DEBIAN_FRONTEND"
            | "CC"
            | "CXX"
            | "CFLAGS"
            | "CXXFLAGS"
            | "LDFLAGS"
            | "MAKEFLAGS"
            | "PIP_NO_CACHE_DIR"
            | "PIP_DISABLE_PIP_VERSION_CHECK"
            | "PIP_DEFAULT_TIMEOUT"
            | "NPM_CONFIG_LOGLEVEL"
    )
}

/// The value of `-o X` or `-o=X` (also `--prefix X` and `--prefix=X` style).
fn option_value(args: &[String], option: &str) -> Option<String> {
    args.iter().enumerate().find_map(|(i, a)| {
        if a == option {
            args.get(i + 1).cloned()
        } else {
            a.strip_prefix(option)
                .and_then(|r| r.strip_prefix('='))
                .map(str::to_string)
        }
    })
}

/// `path` made absolute against `dir` with `.` and `..` resolved.
fn resolve(dir: Option<&str>, path: &str) -> Option<String> {
    let path = path.trim_matches('"');
    if path.starts_with('/') {
        Some(absolute_path(path))
    } else {
        dir.map(|d| absolute_path(&format!("{d}/{path}")))
    }
}

/// Whether `path` is `dir` or inside it.
fn is_inside(path: &str, dir: &str) -> bool {
    dir == "/" || path == dir || path.strip_prefix(dir).is_some_and(|r| r.starts_with('/'))
}

// ---- the command the image runs ----

/// The start command (ENTRYPOINT, else CMD) as words, and how to write it for an image
/// without a shell.
struct Launch<'a> {
    /// The program and its arguments.
    argv: Vec<String>,
    /// The ENTRYPOINT/CMD written in shell form (it needs `/bin/sh` to start).
    shell_form: Vec<&'a Instruction>,
    /// Exec-form replacements for those, when the words are plain.
    exec_form: Option<Vec<(&'a Instruction, String)>>,
}

impl<'a> Launch<'a> {
    fn read(cx: &Checker, walk: &Walk<'a>) -> Result<Launch<'a>> {
        let last = |kw| {
            walk.moved
                .iter()
                .rev()
                .find(|i| i.keyword.kind == kw)
                .copied()
        };
        let (entry, cmd) = (last(Kw::Entrypoint), last(Kw::Cmd));
        let start = entry
            .or(cmd)
            .ok_or_else(|| Uncertain("no CMD or ENTRYPOINT".into()))?;
        let argv = words(start).ok_or_else(|| {
            Uncertain("the start command is a shell script; what it runs is not certain".into())
        })?;
        let shell_form: Vec<&Instruction> = [entry, cmd]
            .into_iter()
            .flatten()
            .filter(|i| !i.args.is_exec())
            .collect();
        // Rewriting to exec form keeps the meaning only when one of the two is given.
        let exec_form = (entry.is_none() || cmd.is_none())
            .then(|| {
                shell_form
                    .iter()
                    .map(|i| words(i).map(|w| (*i, exec_text(cx, i, &w))))
                    .collect::<Option<Vec<_>>>()
            })
            .flatten();
        Ok(Launch {
            argv,
            shell_form,
            exec_form,
        })
    }

    fn program(&self) -> &str {
        self.argv.first().map_or("", String::as_str)
    }
}

/// The words of an exec-form instruction, or of a shell-form one with no shell syntax.
fn words(inst: &Instruction) -> Option<Vec<String>> {
    match &inst.args {
        Args::Exec { elements, .. } => Some(elements.iter().map(|e| e.value.to_string()).collect()),
        Args::Shell { text, .. } => {
            if text.contains(|c: char| "'\"$`&|;<>()*?[]{}~#\\".contains(c)) {
                return None;
            }
            let mut w: Vec<String> = text.split_whitespace().map(str::to_string).collect();
            if w.first().is_some_and(|f| f == "exec") {
                w.remove(0);
            }
            (!w.is_empty()).then_some(w)
        }
    }
}

/// The instruction written in exec form (keyword and flags as written).
fn exec_text(cx: &Checker, inst: &Instruction, words: &[String]) -> String {
    let head = cx.text(Span::new(inst.span.start, inst.args.span().start));
    let list: Vec<String> = words
        .iter()
        .map(|w| format!("\"{}\"", w.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect();
    format!("{}[{}]", head, list.join(", "))
}

// ---- what the build is and what ships ----

fn language(image: &ImageRef, walk: &Walk) -> Result<Lang> {
    let repo = image.repository.to_ascii_lowercase();
    let short = image.short_name().to_ascii_lowercase();
    let named = |names: &[&str]| {
        names.iter().any(|n| {
            short == *n || short == format!("cleanstart-{n}") || repo == format!("cleanstart/{n}")
        })
    };
    let by_image = if named(&["golang", "go"]) {
        Some(Lang::Go)
    } else if named(&["node"]) {
        Some(Lang::Node)
    } else if named(&["python"]) {
        Some(Lang::Python)
    } else if named(&["gcc"]) {
        Some(Lang::C)
    } else {
        None
    };
    let mut by_build = Vec::new();
    if walk.go_builds > 0 {
        by_build.push(Lang::Go);
    }
    if walk.node_install || walk.node_build {
        by_build.push(Lang::Node);
    }
    if walk.pip_installs || walk.venv.is_some() {
        by_build.push(Lang::Python);
    }
    if !walk.make_dirs.is_empty()
        || !walk.install_prefixes.is_empty()
        || !walk.cc_outputs.is_empty()
    {
        by_build.push(Lang::C);
    }
    match (by_image, by_build.as_slice()) {
        (Some(l), []) => Ok(l),
        (Some(l), [b]) if *b == l => Ok(l),
        (None, [b]) => Ok(*b),
        _ => uncertain("the build is not one of Go, Node, Python or C/C++ alone"),
    }
}

/// The runtime image of the final stage.
struct RuntimeBase {
    image: String,
    /// The builder's image when it changes (a CleanStart `-dev` becomes the `-builder`).
    builder: Option<String>,
    /// No `/bin/sh`: shell-form commands cannot start.
    shell: bool,
}

fn runtime_base(lang: Lang, image: &ImageRef, written: &str, walk: &Walk) -> Result<RuntimeBase> {
    let name = image.name();
    let tag = image.tag.as_deref().unwrap_or("latest");
    let short = image.short_name();
    let variable = written.contains('$');
    let base = |image: String, shell| RuntimeBase {
        image,
        builder: None,
        shell,
    };
    // CleanStart, the seed's spelling: `cleanstart-gcc:14-builder` -> `cleanstart-gcc:14-prod`.
    let seed_naming =
        short.starts_with("cleanstart-") || name.starts_with("registry.cleanstart.com/");
    if seed_naming {
        if variable {
            return uncertain("the CleanStart image is named through a variable");
        }
        let stem = ["-builder", "-dev", "-debug"]
            .iter()
            .find_map(|s| tag.strip_suffix(s).map(|stem| (stem, *s)));
        return match stem {
            Some((stem, suffix)) => Ok(RuntimeBase {
                image: format!("{name}:{stem}-prod"),
                builder: (suffix != "-builder").then(|| format!("{name}:{stem}-builder")),
                shell: false,
            }),
            None => uncertain(format!(
                "`{name}:{tag}` has no -builder/-dev tag to pair with -prod"
            )),
        };
    }
    // CleanStart on Docker Hub: `cleanstart/go:latest-dev` builds, `cleanstart/go:latest` runs.
    if image.repository.starts_with("cleanstart/")
        || name.starts_with("ghcr.io/cleanstart-containers/")
    {
        return match tag.strip_suffix("-dev") {
            Some(stem) if !variable => Ok(base(format!("{name}:{stem}"), false)),
            _ => uncertain(format!(
                "`{name}:{tag}` is not a -dev image to pair with its runtime"
            )),
        };
    }
    match lang {
        Lang::Go => Ok(base(
            "gcr.io/distroless/static-debian12:nonroot".to_string(),
            false,
        )),
        Lang::Node | Lang::Python => {
            let official = image.registry.is_none() && image.repository == short;
            let slim = match (lang, official) {
                (Lang::Node, true) if short == "node" => node_slim(tag),
                (Lang::Python, true) if short == "python" => python_slim(tag),
                _ => None,
            };
            match slim {
                Some(_) if variable => uncertain("the image's tag is set through a variable"),
                Some(t) => Ok(base(format!("{short}:{t}"), true)),
                None => uncertain(format!("no slim runtime is certain for `{name}:{tag}`")),
            }
        }
        Lang::C => {
            let runtime_dev = walk.packages.iter().find(|p| {
                let p = p.split(['=', ':']).next().unwrap_or(p);
                (p.ends_with("-dev") || p.ends_with("-devel"))
                    && !matches!(
                        p,
                        "libc6-dev" | "libc-dev" | "musl-dev" | "linux-headers" | "linux-libc-dev"
                    )
            });
            if let Some(p) = runtime_dev {
                return uncertain(format!(
                    "the build links against `{p}`; the runtime library it needs is not certain"
                ));
            }
            if variable {
                return uncertain("the image is named through a variable");
            }
            let suite = |t: &str| {
                if t.contains("bookworm") {
                    Some(12)
                } else if t.contains("trixie") {
                    Some(13)
                } else {
                    None
                }
            };
            let debian = match short {
                "gcc" | "buildpack-deps" => suite(tag),
                "debian" => suite(tag).or_else(|| {
                    let major = tag.split(['.', '-']).next()?;
                    matches!(major, "12" | "13")
                        .then(|| major.parse().ok())
                        .flatten()
                }),
                _ => None,
            };
            match debian {
                Some(v) => Ok(base(format!("gcr.io/distroless/cc-debian{v}:nonroot"), false)),
                // The same OS image, without the build tools: the C library matches.
                None if matches!(short, "alpine" | "debian" | "ubuntu") => {
                    Ok(base(format!("{name}:{tag}"), true))
                }
                None => uncertain(format!(
                    "the C library of `{name}:{tag}` is not certain (name a Debian suite in the tag)"
                )),
            }
        }
    }
}

/// `node:20` -> `20-slim`, `node:20-bookworm` -> `20-bookworm-slim`, alpine and slim unchanged.
fn node_slim(tag: &str) -> Option<String> {
    if tag.contains("windows") || tag.contains("nanoserver") {
        return None;
    }
    Some(if tag.contains("alpine") || tag.contains("slim") {
        tag.to_string()
    } else if tag == "latest" {
        "slim".to_string()
    } else {
        format!("{tag}-slim")
    })
}

/// `python:3.12` -> `3.12-slim`, `python:3.12-bookworm` -> `3.12-slim-bookworm`.
fn python_slim(tag: &str) -> Option<String> {
    if tag.contains("windows") || tag.contains("nanoserver") {
        return None;
    }
    if tag.contains("alpine") || tag.contains("slim") {
        return Some(tag.to_string());
    }
    if tag == "latest" {
        return Some("slim".to_string());
    }
    for suite in ["bookworm", "bullseye", "trixie", "buster"] {
        if tag == suite {
            return Some(format!("slim-{suite}"));
        }
        if let Some(version) = tag.strip_suffix(&format!("-{suite}")) {
            return Some(format!("{version}-slim-{suite}"));
        }
    }
    Some(format!("{tag}-slim"))
}

/// What the final stage copies and what it adds.
struct Plan {
    /// Paths copied from the builder to the same place.
    copies: Vec<String>,
    /// Lines added to the builder after its FROM (`ENV CGO_ENABLED=0`).
    after_from: Vec<String>,
    /// Lines added to the builder before the first pip install (creating the venv).
    before_pip: Option<Vec<String>>,
    /// Lines added to the final stage before the copies (the venv on PATH).
    final_env: Vec<String>,
    /// The title's summary of what ships.
    what: String,
    /// The final stage works in the app's directory (Node, Python).
    keep_workdir: bool,
}

const PATH_DIRS: &[&str] = &[
    "/usr/local/sbin",
    "/usr/local/bin",
    "/usr/sbin",
    "/usr/bin",
    "/sbin",
    "/bin",
];

/// Where the start command's program is, given the candidates the build produced.
fn program_path(walk: &Walk, program: &str, produced: &[String]) -> Option<String> {
    if program.contains('/') {
        return resolve(walk.workdir.as_deref(), program);
    }
    produced
        .iter()
        .find(|p| {
            let (dir, file) = p.rsplit_once('/').unwrap_or(("", p));
            file == program && (PATH_DIRS.contains(&dir) || walk.path_dirs.iter().any(|d| d == dir))
        })
        .cloned()
}

fn artifacts(lang: Lang, walk: &Walk, launch: &Launch, base: &RuntimeBase) -> Result<Plan> {
    if !base.shell && !launch.shell_form.is_empty() && launch.exec_form.is_none() {
        return uncertain("the start command is in shell form and the runtime has no shell");
    }
    if let Some(h) = walk
        .moved
        .iter()
        .find(|i| i.keyword.kind == Kw::Healthcheck)
    {
        let probe = words(h).unwrap_or_default();
        let tool = probe
            .iter()
            .find(|w| !matches!(w.as_str(), "CMD" | "NONE"))
            .cloned();
        if tool.is_some() && !matches!(tool.as_deref(), Some("node" | "python" | "python3")) {
            return uncertain("the HEALTHCHECK runs a tool the runtime image may not have");
        }
    }
    let plan = |copies: Vec<String>, what: String| Plan {
        copies,
        after_from: Vec::new(),
        before_pip: None,
        final_env: Vec::new(),
        what,
        keep_workdir: matches!(lang, Lang::Node | Lang::Python),
    };
    let mut plan = match lang {
        Lang::Go => {
            if let Some(p) = walk
                .packages
                .iter()
                .find(|p| is_build_tool_package(p) && !p.starts_with("git"))
            {
                return uncertain(format!("the build installs `{p}`, which suggests cgo"));
            }
            let program = program_path(walk, launch.program(), &walk.go_outputs);
            let Some(binary) = program.filter(|p| walk.go_outputs.contains(p)) else {
                return uncertain("the start command does not run the `go build -o` binary");
            };
            let mut p = plan(vec![binary.clone()], format!("the binary `{binary}`"));
            if !walk.cgo_off && walk.go_builds_static < walk.go_builds {
                p.after_from.push("ENV CGO_ENABLED=0".to_string());
            }
            p
        }
        Lang::C => {
            let mut produced: Vec<String> = walk.cc_outputs.clone();
            for prefix in &walk.install_prefixes {
                for bin in ["bin", "sbin"] {
                    let dir = absolute_path(&format!("{prefix}/{bin}"));
                    if !launch.program().contains('/') {
                        produced.push(format!("{dir}/{}", launch.program()));
                    }
                }
            }
            let path = program_path(walk, launch.program(), &produced);
            let made = |p: &String| {
                produced.contains(p)
                    || walk.install_prefixes.iter().any(|pre| {
                        is_inside(p, &absolute_path(&format!("{pre}/bin")))
                            || is_inside(p, &absolute_path(&format!("{pre}/sbin")))
                    })
                    || walk.make_dirs.iter().any(|d| is_inside(p, d))
            };
            match path.filter(made) {
                Some(binary) => plan(vec![binary.clone()], format!("the binary `{binary}`")),
                None => return uncertain("the start command does not run a binary the build made"),
            }
        }
        Lang::Node => {
            let Some(app) = walk.workdir.clone().filter(|w| w != "/") else {
                return uncertain("no WORKDIR: the app's directory is not certain");
            };
            if !walk.node_install {
                return uncertain("no `npm ci`/`npm install` of the app's dependencies");
            }
            match launch.program() {
                "node" => {}
                "npm" | "yarn" if !base.image.contains("cleanstart") => {}
                _ => return uncertain("the start command is not `node`, `npm` or `yarn`"),
            }
            if walk.node_build {
                let script = launch
                    .argv
                    .iter()
                    .skip(1)
                    .find(|a| !a.starts_with('-'))
                    .filter(|_| launch.program() == "node");
                let out = script
                    .and_then(|s| resolve(Some(&app), s))
                    .and_then(|s| s.strip_prefix(&format!("{app}/")).map(str::to_string))
                    .and_then(|rel| rel.split_once('/').map(|(dir, _)| format!("{app}/{dir}")));
                let Some(out) = out.filter(|o| !o.ends_with("/node_modules")) else {
                    return uncertain(
                        "the build's output directory is not certain from the start command",
                    );
                };
                plan(
                    vec![
                        format!("{app}/node_modules"),
                        format!("{app}/package.json"),
                        out.clone(),
                    ],
                    format!("`node_modules`, `package.json` and `{out}`"),
                )
            } else {
                plan(
                    vec![app.clone()],
                    format!("the app in `{app}` with its `node_modules`"),
                )
            }
        }
        Lang::Python => {
            let Some(app) = walk.workdir.clone().filter(|w| w != "/") else {
                return uncertain("no WORKDIR: the app's directory is not certain");
            };
            if !walk.pip_installs {
                return uncertain("no `pip install`: nothing to put in a venv");
            }
            if let Some(p) = walk.packages.iter().find(|p| {
                let p = p.split(['=', ':']).next().unwrap_or(p);
                (p.ends_with("-dev") || p.ends_with("-devel")) && p != "python3-dev"
            }) {
                return uncertain(format!(
                    "the build compiles against `{p}`; the runtime library it needs is not certain"
                ));
            }
            if launch.program().starts_with("/usr/") {
                return uncertain("the start command names the system Python, not the venv's");
            }
            match (&walk.venv, walk.pip_system_run) {
                (Some(venv), None) => {
                    let mut copies = vec![venv.clone()];
                    if !is_inside(venv, &app) {
                        copies.push(app.clone());
                    }
                    plan(copies, format!("the venv `{venv}` and the app in `{app}`"))
                }
                (None, Some(_)) => {
                    let venv = "/opt/venv";
                    let mut p = plan(
                        vec![venv.to_string(), app.clone()],
                        format!("a venv in `{venv}` and the app in `{app}`"),
                    );
                    p.before_pip = Some(vec![
                        format!("RUN python -m venv {venv}"),
                        format!("ENV PATH=\"{venv}/bin:$PATH\""),
                    ]);
                    p.final_env.push(format!("ENV PATH=\"{venv}/bin:$PATH\""));
                    p
                }
                _ => return uncertain("the Python packages' location is not certain"),
            }
        }
    };
    // Files the build wrote outside its own directories and what ships could be needed at run
    // time (configuration under /etc, a data directory ...).
    let scratch = [
        "/tmp",
        "/var/tmp",
        "/var/cache",
        "/var/lib/apt",
        "/root",
        "/usr/src",
        "/go",
    ];
    for t in &walk.touched {
        let fine = plan
            .copies
            .iter()
            .any(|c| is_inside(t, c) || is_inside(c, t))
            || walk.build_dirs.iter().any(|d| d != "/" && is_inside(t, d))
            || walk.venv.as_deref().is_some_and(|v| is_inside(t, v))
            || scratch.iter().any(|s| is_inside(t, s));
        if !fine {
            return uncertain(format!(
                "the build writes `{t}`, which the program may need at run time"
            ));
        }
    }
    plan.copies.dedup();
    Ok(plan)
}

// ---- writing the result ----

fn render(
    cx: &Checker,
    from: &Instruction,
    name: Option<&str>,
    walk: &Walk,
    launch: &Launch,
    base: &RuntimeBase,
    plan: Plan,
) -> Fix {
    let src = cx.tree.source.as_str();
    let lower = from.keyword.text.chars().all(|c| c.is_ascii_lowercase());
    // Generated instructions follow the file's keyword casing.
    let kw = |line: &str| -> String {
        if !lower {
            return line.to_string();
        }
        match line.split_once(' ') {
            Some((k, rest)) => format!("{} {rest}", k.to_ascii_lowercase()),
            None => line.to_ascii_lowercase(),
        }
    };
    let stage = name.unwrap_or("builder").to_string();
    let mut edits = Vec::new();

    // The builder: the FROM named, metadata and the start command moved out.
    if let Some(builder) = &base.builder {
        if let Some(word) = from_image_word(from) {
            edits.push(Edit {
                span: word,
                replacement: builder.clone(),
            });
        }
    }
    if name.is_none() {
        let as_kw = if lower { "as" } else { "AS" };
        edits.push(Edit {
            span: Span::new(from.span.end, from.span.end),
            replacement: format!(" {as_kw} builder"),
        });
    }
    if !plan.after_from.is_empty() {
        let eol = line_end_of(src, from.span.end);
        let lines: String = plan
            .after_from
            .iter()
            .map(|l| format!("{}\n", kw(l)))
            .collect();
        edits.push(Edit {
            span: Span::new(eol, eol),
            replacement: lines,
        });
    }
    if let (Some(lines), Some(run)) = (&plan.before_pip, walk.pip_system_run) {
        let start = line_start_of(src, attached_start(cx, run));
        let text: String = lines.iter().map(|l| format!("{}\n", kw(l))).collect();
        edits.push(Edit {
            span: Span::new(start, start),
            replacement: text,
        });
    }
    let mut moved: Vec<&Instruction> = walk.moved.clone();
    if let Some((user, false)) = walk.user {
        moved.push(user);
    }
    for inst in &moved {
        edits.push(Edit {
            span: removal(cx, inst),
            replacement: String::new(),
        });
    }
    let (builder_text, _) = apply_edits(src, &edits);
    let mut out = builder_text[from.span.start..].trim_end().to_string();
    out.push_str("\n\n");

    // The final stage.
    let shown = |inst: &Instruction| -> String {
        let text = match launch
            .exec_form
            .iter()
            .flatten()
            .find(|(i, _)| std::ptr::eq(*i, inst))
        {
            Some((_, exec)) if !base.shell => exec.clone(),
            _ => cx.text(inst.span).to_string(),
        };
        let comments = cx.text(Span::new(
            attached_start(cx, inst),
            line_start_of(src, inst.span.start),
        ));
        format!("{comments}{text}")
    };
    let mut lines: Vec<String> = vec![kw(&format!("FROM {}", base.image))];
    // ARGs the carried instructions refer to must be declared again in the new stage.
    let carried: Vec<&Instruction> = walk
        .carried_env
        .iter()
        .chain(&walk.moved)
        .copied()
        .collect();
    let mut declared: Vec<&str> = Vec::new();
    for inst in &carried {
        for v in &inst.vars {
            if declared.contains(&v.name.as_str()) {
                continue;
            }
            if let Some((_, arg)) = walk.args.iter().find(|(n, _)| *n == v.name) {
                declared.extend(arg.pairs.iter().map(|p| p.key.as_str()));
                lines.push(cx.text(arg.span).to_string());
            } else if cx.graph.global_args.iter().any(|g| g.name == v.name) {
                declared.push(v.name.as_str());
                lines.push(kw(&format!("ARG {}", v.name)));
            }
        }
    }
    // A binary started by an absolute path or from PATH does not need the build's directory.
    let needs_workdir = plan.keep_workdir
        || launch
            .argv
            .iter()
            .any(|a| a.starts_with("./") || a.starts_with("../"));
    if let Some(w) = walk
        .workdir
        .as_deref()
        .filter(|w| *w != "/" && needs_workdir)
    {
        lines.push(kw(&format!("WORKDIR {w}")));
    }
    lines.extend(walk.carried_env.iter().map(|i| shown(i)));
    lines.extend(plan.final_env.iter().map(|l| kw(l)));
    for path in &plan.copies {
        lines.push(kw(&format!("COPY --from={stage} {path} {path}")));
    }
    let starts =
        |i: &&&Instruction| matches!(i.keyword.kind, Kw::Cmd | Kw::Entrypoint | Kw::Healthcheck);
    lines.extend(walk.moved.iter().filter(|i| !starts(i)).map(|i| shown(i)));
    let uid = walk
        .user
        .and_then(|(u, _)| u.args.values().first().map(|v| v.to_string()))
        .filter(|v| {
            let user = v.split(':').next().unwrap_or(v);
            !user.is_empty() && user.bytes().all(|b| b.is_ascii_digit()) && user != "0"
        })
        .or_else(|| {
            // The official Node images' `node` user is UID 1000.
            let user = walk
                .user
                .and_then(|(u, _)| u.args.values().first().copied());
            (user == Some("node") && base.image.starts_with("node:")).then(|| "1000".to_string())
        })
        .unwrap_or_else(|| cx.config.non_root_uid().to_string());
    lines.push(kw(&format!("USER {uid}")));
    lines.extend(walk.moved.iter().filter(starts).map(|i| shown(i)));
    out.push_str(&lines.join("\n"));
    out.push('\n');

    Fix {
        title: format!(
            "Split into a `{stage}` stage and a final stage on `{}` that copies only {}",
            base.image, plan.what
        ),
        edits: vec![Edit {
            span: Span::new(from.span.start, src.len()),
            replacement: out,
        }],
    }
}

/// The span of the image word of a FROM (after its flags).
fn from_image_word(from: &Instruction) -> Option<Span> {
    match &from.args {
        Args::Shell { words, .. } => words
            .iter()
            .find(|w| !w.text.starts_with("--"))
            .filter(|w| !w.text.contains('$'))
            .map(|w| w.span),
        Args::Exec { .. } => None,
    }
}

/// Where the comment lines right above an instruction (no blank line between) begin: they
/// belong to it and move with it.
fn attached_start(cx: &Checker, inst: &Instruction) -> usize {
    let src = cx.tree.source.as_str();
    let mut start = line_start_of(src, inst.span.start);
    while start > 0 {
        let prev = line_start_of(src, start - 1);
        let line = src[prev..start].trim();
        if !line.starts_with('#') || prev == start {
            break;
        }
        // A parser directive or the previous instruction's continuation is not a comment of ours.
        if cx
            .tree
            .directives
            .iter()
            .any(|d| d.span.start >= prev && d.span.start < start)
            || cx
                .tree
                .instructions
                .iter()
                .any(|i| i.span.end > prev && i.span.start < start)
        {
            break;
        }
        start = prev;
    }
    start
}

/// The lines an instruction (with its comments) occupies, and one blank line around it when
/// removing it would leave two.
fn removal(cx: &Checker, inst: &Instruction) -> Span {
    let src = cx.tree.source.as_str();
    let mut start = attached_start(cx, inst);
    let end = line_end_of(src, inst.span.end);
    // Bytes, not a slice of the text: `start - 2` may fall inside a character.
    let blank_before = src.as_bytes()[..start].ends_with(b"\n\n");
    let blank_after =
        src[end..].starts_with('\n') || src[end..].starts_with("\r\n") || end == src.len();
    if blank_before && blank_after {
        start -= 1;
    }
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::graph::{build, GraphConfig};
    use crate::engine::rules::RuleConfig;
    use crate::engine::syntax::parse;

    /// The conversion of `src`: the converted text, or why there is none.
    fn conversion(src: &str) -> std::result::Result<String, String> {
        let (tree, errors) = parse(src);
        let graph = build(&tree, &GraphConfig::default());
        let config = RuleConfig::default();
        let cx = Checker::new(&tree, &graph, &config, !errors.is_empty());
        convert(&cx)
            .map(|fix| apply_edits(src, &fix.edits).0)
            .map_err(|Uncertain(why)| why)
    }

    fn declined(src: &str) -> String {
        match conversion(src) {
            Ok(out) => panic!("converted, but should not be:\n{out}"),
            Err(why) => why,
        }
    }

    #[test]
    fn a_file_with_a_syntax_error_is_not_converted() {
        let file = |env: &str| {
            format!("FROM python:3.12\n{env}\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD [\"python\", \"app.py\"]\n")
        };
        // Clean, it converts; with a pair that is no pair, the rewrite would copy the broken
        // ENV into both stages.
        assert!(conversion(&file("ENV A=1 B=2")).is_ok());
        assert_eq!(
            declined(&file("ENV A=1 \\\n  o B=2")),
            "the file has syntax errors"
        );
    }

    #[test]
    fn go_gets_a_static_build_on_distroless() {
        let out = conversion(
            "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /bin/app .\nCMD [\"/bin/app\"]\n",
        )
        .unwrap();
        assert_eq!(
            out,
            "FROM golang:1.22 AS builder\nENV CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\n\
             RUN go build -o /bin/app .\n\n\
             FROM gcr.io/distroless/static-debian12:nonroot\n\
             COPY --from=builder /bin/app /bin/app\nUSER 65532\nCMD [\"/bin/app\"]\n"
        );
    }

    #[test]
    fn an_existing_stage_name_and_lower_case_keywords_are_kept() {
        let out = conversion(
            "from golang:1.22 as build\nworkdir /src\ncopy . .\nrun CGO_ENABLED=0 go build -o app\ncmd [\"./app\"]\n",
        )
        .unwrap();
        assert!(out.contains("from golang:1.22 as build\n"), "{out}");
        assert!(
            out.contains("copy --from=build /src/app /src/app\n"),
            "{out}"
        );
        assert!(out.contains("workdir /src\n"), "{out}");
        assert!(
            !out.contains("CGO_ENABLED=0\n"),
            "the build is static already:\n{out}"
        );
    }

    #[test]
    fn go_without_an_output_path_is_not_converted() {
        let why =
            declined("FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build .\nCMD [\"./src\"]\n");
        assert!(why.contains("-o"), "{why}");
    }

    #[test]
    fn go_that_installs_a_c_compiler_is_not_converted() {
        let why = declined(
            "FROM golang:1.22-alpine\nRUN apk add --no-cache gcc musl-dev\nWORKDIR /src\nCOPY . .\n\
             RUN go build -o /app .\nCMD [\"/app\"]\n",
        );
        assert!(why.contains("cgo"), "{why}");
    }

    #[test]
    fn go_run_by_a_shell_script_is_not_converted() {
        let why = declined(
            "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD /app && echo done\n",
        );
        assert!(why.contains("shell"), "{why}");
    }

    #[test]
    fn files_written_outside_the_build_block_the_conversion() {
        let why = declined(
            "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nCOPY config.yaml /etc/app/config.yaml\n\
             RUN go build -o /app .\nCMD [\"/app\"]\n",
        );
        assert!(why.contains("/etc/app/config.yaml"), "{why}");
    }

    #[test]
    fn node_build_output_must_be_named_by_the_start_command() {
        let why = declined(
            "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"npm\", \"start\"]\n",
        );
        assert!(why.contains("output directory"), "{why}");
    }

    #[test]
    fn node_user_becomes_its_uid() {
        let out = conversion(
            "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\nCMD [\"node\", \"index.js\"]\n",
        )
        .unwrap();
        assert!(
            out.ends_with(
                "COPY --from=builder /app /app\nUSER 1000\nCMD [\"node\", \"index.js\"]\n"
            ),
            "{out}"
        );
        assert!(!out.contains("USER node"), "{out}");
    }

    #[test]
    fn python_with_native_libraries_is_not_converted() {
        let why = declined(
            "FROM python:3.12\nRUN apt-get update && apt-get install -y libpq-dev\nWORKDIR /app\n\
             COPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
        );
        assert!(why.contains("libpq-dev"), "{why}");
    }

    #[test]
    fn python_user_installs_and_poetry_are_not_converted() {
        let user = "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --user -r r.txt\nCMD [\"python\", \"a.py\"]\n";
        assert!(declined(user).contains("--user"));
        let poetry = "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install poetry && poetry install\nCMD [\"python\", \"a.py\"]\n";
        assert!(declined(poetry).contains("poetry"));
    }

    #[test]
    fn python_slim_tags_follow_the_official_spelling() {
        assert_eq!(python_slim("3.12").as_deref(), Some("3.12-slim"));
        assert_eq!(
            python_slim("3.12-bookworm").as_deref(),
            Some("3.12-slim-bookworm")
        );
        assert_eq!(python_slim("bookworm").as_deref(), Some("slim-bookworm"));
        assert_eq!(python_slim("latest").as_deref(), Some("slim"));
        assert_eq!(
            node_slim("20-bookworm").as_deref(),
            Some("20-bookworm-slim")
        );
        assert_eq!(node_slim("lts").as_deref(), Some("lts-slim"));
        assert_eq!(node_slim("20-alpine").as_deref(), Some("20-alpine"));
        assert_eq!(node_slim("20-windowsservercore"), None);
    }

    #[test]
    fn c_on_an_unknown_debian_suite_is_not_converted() {
        let why = declined(
            "FROM gcc:14\nCOPY . /src\nRUN make -C /src install\nCMD [\"/usr/local/bin/app\"]\n",
        );
        assert!(why.contains("C library"), "{why}");
    }

    #[test]
    fn c_with_shared_libraries_installed_is_not_converted() {
        let why = declined(
            "FROM gcc:14-bookworm\nCOPY . /src\nRUN make -C /src install && ldconfig\nCMD [\"/usr/local/bin/app\"]\n",
        );
        assert!(why.contains("ldconfig"), "{why}");
    }

    #[test]
    fn comments_move_with_the_instruction_they_describe() {
        let out = conversion(
            "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n\n# Serve.\nCMD [\"/app\"]\n",
        )
        .unwrap();
        assert!(
            out.ends_with("USER 65532\n# Serve.\nCMD [\"/app\"]\n"),
            "{out}"
        );
        assert_eq!(out.matches("# Serve.").count(), 1, "{out}");
    }

    #[test]
    fn healthchecks_with_tools_block_the_conversion() {
        let why = declined(
            "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n\
             HEALTHCHECK CMD curl -f http://localhost/\nCMD [\"/app\"]\n",
        );
        assert!(why.contains("HEALTHCHECK"), "{why}");
    }
}
