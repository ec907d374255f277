//! The native command line: reads a Dockerfile, runs the engine, prints the result.
//!
//! - `airlock parse [FILE|-] [--format text|json]`: the syntax tree and syntax errors.
//! - `airlock graph [FILE|-] [--target STAGE] [--build-arg K=V]... [--format text|json|dot|mermaid|svg]`:
//!   the stage graph.
//! - `airlock check [PATH|-]... [--hidden] [--include GLOB]... [--exclude GLOB]...
//!   [--stdin-filename NAME] [--target S] [--build-arg K=V]... [--config F] [--context DIR]
//!   [--format ...]`: the policy rules on files, folders (walked for Dockerfiles, `check_run` and
//!   `files`) or standard input; `airlock rules`, `airlock explain CODE`,
//!   `airlock fix FILE [--write]`.
//! - `airlock lsp`: the language server, over standard input and output (`lsp`).
//! - `airlock size [FILE|-] [--target S] [--build-arg K=V]... [--override KEY=MB]... [--format text|json]`:
//!   the single-stage vs multi-stage size estimate.
//!
//! `FILE` is a path, or `-` (the default) for standard input, shown as `<stdin>` in output
//! (`check`'s default is the current folder; `--stdin-filename` names standard input).
//! Exit codes: `0` the file parsed cleanly (for `check`: no finding at or above the threshold);
//! `1` it has syntax errors (they are printed, they are data; the graph is still printed), or
//! `check` found problems at or above the threshold; `2` usage errors and input that cannot be
//! read (missing file, directory, not UTF-8, bad config), reported on stderr as one line
//! (`check` reports each file it cannot read and still checks the others).

mod check_run;
mod check_view;
pub mod config;
mod files;
mod graph_json;
pub mod lsp;
mod parse_view;
mod size_view;

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use thiserror::Error;

use crate::engine::size::SizeConfig;
use crate::engine::syntax::syntax_alias_doc;
use crate::engine::{analyze, fix_all, rules, Config, GraphConfig, Severity};
use crate::render;

/// Understand and check multi-stage Dockerfiles.
#[derive(Debug, Parser)]
#[command(name = "airlock", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse a Dockerfile and print its instructions and syntax errors.
    ///
    /// Exits with 1 when the file has syntax errors, 2 when it cannot be read.
    Parse {
        /// The Dockerfile to read; `-` or nothing reads standard input.
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ParseFormat::Text)]
        format: ParseFormat,
    },
    /// Print the stage graph: stages and their roles, the artifacts copied between them, the
    /// target and which stages it needs.
    ///
    /// Exits with 1 when the file has syntax errors (the graph of what could be read is still
    /// printed), 2 when it cannot be read.
    Graph {
        /// The Dockerfile to read; `-` or nothing reads standard input.
        file: Option<PathBuf>,
        /// The stage to build (name or index); the last stage by default.
        #[arg(long)]
        target: Option<String>,
        /// A build argument, `NAME=VALUE` (repeatable); overrides the ARG's default.
        #[arg(long = "build-arg", value_name = "NAME=VALUE", value_parser = parse_build_arg)]
        build_args: Vec<(String, String)>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = GraphFormat::Text)]
        format: GraphFormat,
    },
    /// Run the policy rules (builder pattern and Dockerfile hygiene) and report the findings.
    ///
    /// Folders are walked for Dockerfiles (`Dockerfile`, `Dockerfile.*`, `*.Dockerfile`,
    /// `Containerfile`, `Containerfile.*`, `*.containerfile`, any case), skipping what
    /// `.gitignore` and `.ignore` leave out and hidden files; files are checked in parallel and
    /// reported sorted by path, each with the nearest airlock.toml above it.
    ///
    /// Exits with 1 when a finding (or a syntax error) is at or above the threshold (`--fail-on`,
    /// or `fail-on` in airlock.toml; `warning` by default), 2 when a file or the config cannot be
    /// read (the other files are still checked and reported).
    Check(CheckArgs),
    /// List every rule: code, severity, category, name, fix, aliases.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Print a rule's documentation (also by alias: `airlock explain DL3002`).
    Explain {
        /// A rule code, name or alias.
        code: String,
    },
    /// Apply every machine-applicable fix until none is left; prints a diff unless `--write`.
    Fix {
        /// The Dockerfile to fix.
        file: PathBuf,
        /// Write the fixed file instead of printing the diff.
        #[arg(long)]
        write: bool,
        /// The config file; by default the nearest airlock.toml above the Dockerfile.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Run the language server on standard input and output: diagnostics as you type, quick
    /// fixes, hover, go to definition, references, symbols and completion (see the README's
    /// "Editors").
    Lsp,
    /// Estimate the image size built in one stage on the builder's base against the target as
    /// written, from the built-in size table; every figure says where it comes from.
    ///
    /// Exits with 1 when the file has syntax errors (the estimate of what could be read is still
    /// printed), 2 when it cannot be read.
    Size {
        /// The Dockerfile to read; `-` or nothing reads standard input.
        file: Option<PathBuf>,
        /// The stage to build (name or index); the last stage by default.
        #[arg(long)]
        target: Option<String>,
        /// A build argument, `NAME=VALUE` (repeatable); overrides the ARG's default.
        #[arg(long = "build-arg", value_name = "NAME=VALUE", value_parser = parse_build_arg)]
        build_args: Vec<(String, String)>,
        /// A size in uncompressed MB for an image (`golang:1.25=800`), an artifact path
        /// (`/out/app=15`) or an item kind (`go-binary=15`) (repeatable).
        #[arg(long = "override", value_name = "KEY=MB", value_parser = parse_override)]
        overrides: Vec<(String, f64)>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SizeFormat::Text)]
        format: SizeFormat,
    },
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Dockerfiles and folders to check; `-` reads standard input. Nothing: the current folder
    /// (standard input with `--stdin-filename`). A file named here is checked whatever its name.
    files: Vec<PathBuf>,
    /// Walk hidden files and folders too.
    #[arg(long)]
    hidden: bool,
    /// Also check walked files that match this glob (gitignore syntax, relative to the current
    /// folder: `*.df`, `docker/Dockerfile-*`) (repeatable).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Leave out walked files or folders that match this glob (gitignore syntax: `vendor/`,
    /// `*.old.Dockerfile`) (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// The name of the text read from standard input: shown in the output, and where the
    /// airlock.toml is looked for (editors and hooks that pipe a buffer).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,
    /// The stage to build (name or index); the last stage by default.
    #[arg(long)]
    target: Option<String>,
    /// A build argument, `NAME=VALUE` (repeatable).
    #[arg(long = "build-arg", value_name = "NAME=VALUE", value_parser = parse_build_arg)]
    build_args: Vec<(String, String)>,
    /// The config file for every file; by default the nearest airlock.toml above each one.
    #[arg(long)]
    config: Option<PathBuf>,
    /// The build context: COPY and ADD sources its `.dockerignore` excludes are reported
    /// (AL220, BuildKit's CopyIgnoredFile).
    #[arg(long, value_name = "DIR")]
    context: Option<PathBuf>,
    /// Turn on a rule, alias or category (repeatable).
    #[arg(long, value_name = "CODE")]
    enable: Vec<String>,
    /// Turn off a rule, alias or category (repeatable).
    #[arg(long, value_name = "CODE")]
    disable: Vec<String>,
    /// The lowest severity that fails the check.
    #[arg(long, value_enum)]
    fail_on: Option<SeverityArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ParseFormat {
    /// One line per instruction, then errors as `file:line:col: error: message`.
    Text,
    /// The tree as a JSON document.
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum SizeFormat {
    /// The totals, a table of stages, where each figure comes from, and notes.
    Text,
    /// The estimate as a JSON document, every figure with its source.
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    /// Stages, edges and problems, one per line.
    Text,
    /// The graph as a JSON document.
    Json,
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
    /// A standalone SVG picture.
    Svg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// `file:line:col: severity[CODE] message`, then a summary.
    Text,
    /// An array of findings.
    Json,
    /// SARIF 2.1.0 (code scanning): one run, every file checked listed as an artifact.
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// A Markdown table.
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    /// One line per rule: code, severity, category, name, fix, aliases.
    Text,
    /// An array of rules with their docs.
    Json,
    /// A Markdown table (the README's rule list).
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum SeverityArg {
    Error,
    Warning,
    Info,
    Style,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Severity {
        match s {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
            SeverityArg::Style => Severity::Style,
        }
    }
}

/// `NAME=VALUE` (a bare `NAME` means an empty value, as with `docker build --build-arg`).
fn parse_build_arg(text: &str) -> Result<(String, String), String> {
    let (name, value) = text.split_once('=').unwrap_or((text, ""));
    if name.is_empty() {
        return Err(format!("`{text}` has no name: expected NAME=VALUE"));
    }
    Ok((name.to_string(), value.to_string()))
}

/// `KEY=MB`: an image, artifact path or item kind and a size in MB (0 or more). The last `=`
/// splits, so keys may contain `=`.
fn parse_override(text: &str) -> Result<(String, f64), String> {
    let Some((key, mb)) = text.rsplit_once('=') else {
        return Err(format!(
            "`{text}` has no size: expected IMAGE_OR_ARTIFACT=MB"
        ));
    };
    if key.is_empty() {
        return Err(format!("`{text}` has no image, path or kind before `=`"));
    }
    match mb.trim().trim_end_matches("MB").trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok((key.to_string(), v)),
        _ => Err(format!("`{mb}` is not a size in MB (a number, 0 or more)")),
    }
}

/// The change as `git diff` prints it (`diff --git a/F b/F`, `--- a/F`, `+++ b/F`), so that
/// `git apply` and `patch -p1` take it; empty when nothing changes. A path is shown as given,
/// without a leading `./` or `/`.
fn git_diff(file: &Path, original: &str, fixed: &str) -> String {
    if original == fixed {
        return String::new();
    }
    let shown = file.to_string_lossy().replace('\\', "/");
    let mut path = shown.as_str();
    while let Some(rest) = path.strip_prefix("./").or_else(|| path.strip_prefix('/')) {
        path = rest;
    }
    let diff = similar::TextDiff::from_lines(original, fixed)
        .unified_diff()
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string();
    format!("diff --git a/{path} b/{path}\n{diff}")
}

/// Why the CLI could not do its work (as opposed to syntax errors, which are output).
#[derive(Debug, Error)]
pub enum CliError {
    #[error("cannot read {name}: {reason}")]
    Read {
        name: String,
        reason: String,
        #[source]
        source: io::Error,
    },
    #[error("cannot read {name}: is a directory")]
    IsDirectory { name: String },
    #[error("cannot read {name}: not UTF-8 text (invalid byte at line {line}, column {column})")]
    NotUtf8 {
        name: String,
        line: usize,
        column: usize,
    },
    #[error("no input: give a FILE, or `-` to read a Dockerfile from standard input")]
    NoInput,
    #[error("{0}")]
    Glob(String),
    #[error("no rule `{0}`: `airlock rules` lists them")]
    UnknownRule(String),
    #[error("cannot write {name}: {source}")]
    Write { name: String, source: io::Error },
    #[error(transparent)]
    Config(#[from] config::ConfigError),
}

/// Exit codes, kept in one place so the doc comment above stays true.
pub(crate) mod exit {
    pub const SYNTAX_ERRORS: u8 = 1;
    pub const USAGE: u8 = 2;
}

/// Entry point of the `airlock` binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help and version to stdout (exit 0) and usage errors to stderr (exit 2).
            let _ = err.print();
            return ExitCode::from(err.exit_code().clamp(0, 255) as u8);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("airlock: {err}");
            ExitCode::from(exit::USAGE)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

fn to_json(value: &impl serde::Serialize) -> anyhow::Result<String> {
    let mut json = serde_json::to_string_pretty(value)?;
    json.push('\n');
    Ok(json)
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let (out, clean) = match cli.command {
        Command::Lsp => return Ok(lsp::run_stdio()),
        Command::Parse { file, format } => {
            let input = Input::from_arg(file.as_deref());
            let text = input.read()?;
            let analysis = analyze(&text, &Config::default());
            let (tree, errors) = (&analysis.tree, &analysis.errors);
            let out = match format {
                ParseFormat::Text => parse_view::render_text(&input.name(), tree, errors),
                ParseFormat::Json => {
                    to_json(&parse_view::FileView::new(input.name(), tree, errors))?
                }
            };
            (out, errors.is_empty())
        }
        Command::Graph {
            file,
            target,
            build_args,
            format,
        } => {
            let input = Input::from_arg(file.as_deref());
            let a = analyze_input(&input, target, build_args, SizeConfig::default())?;
            let out = match format {
                GraphFormat::Text => graph_json::render_text(&input.name(), &a),
                GraphFormat::Json => to_json(&graph_json::GraphView::new(input.name(), &a))?,
                GraphFormat::Dot => render::dot::render(&a.graph),
                GraphFormat::Mermaid => render::mermaid::render(&a.graph),
                GraphFormat::Svg => render::svg::render(&a.graph),
            };
            (out, a.errors.is_empty())
        }
        Command::Size {
            file,
            target,
            build_args,
            overrides,
            format,
        } => {
            let input = Input::from_arg(file.as_deref());
            let a = analyze_input(&input, target, build_args, SizeConfig { overrides })?;
            let out = match format {
                SizeFormat::Text => size_view::render_text(&input.name(), &a),
                SizeFormat::Json => to_json(&size_view::SizeView::new(input.name(), &a))?,
            };
            (out, a.errors.is_empty())
        }
        Command::Check(args) => return check_run::run(args),
        Command::Rules { format } => {
            let out = match format {
                RulesFormat::Text => check_view::rules_text(),
                RulesFormat::Json => to_json(&check_view::rules_json())?,
                RulesFormat::Markdown => check_view::rules_markdown(),
            };
            (out, true)
        }
        Command::Explain { code } => match rules::find(&code) {
            Some(rule) => (check_view::explain(rule), true),
            None => match syntax_alias_doc(&code) {
                Some(doc) => (doc.to_string(), true),
                None => return Err(CliError::UnknownRule(code).into()),
            },
        },
        Command::Fix {
            file,
            write,
            config,
        } => {
            let input = Input::from_arg(Some(&file));
            let settings = settings_for(config.as_deref(), Some(&input))?;
            let engine = Config {
                graph: graph_config(None, Vec::new(), &settings),
                rules: settings.rules,
                ..Config::default()
            };
            let original = input.read()?;
            let fixed = fix_all(&original, &engine);
            let left = analyze(&fixed, &engine);
            if write {
                if fixed != original {
                    std::fs::write(&file, &fixed).map_err(|source| CliError::Write {
                        name: input.name(),
                        source,
                    })?;
                }
                let out = format!(
                    "{}: {} finding(s) left\n",
                    input.name(),
                    left.findings.len() + left.errors.len()
                );
                (out, true)
            } else {
                (git_diff(&file, &original, &fixed), true)
            }
        }
    };
    io::stdout().lock().write_all(out.as_bytes())?;
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(exit::SYNTAX_ERRORS)
    })
}

/// `graph` and `size`: the input analysed with its target, build args and size overrides, and
/// the settings of the nearest airlock.toml.
fn analyze_input(
    input: &Input,
    target: Option<String>,
    build_args: Vec<(String, String)>,
    size: SizeConfig,
) -> Result<crate::engine::Analysis, CliError> {
    let text = input.read()?;
    let settings = settings_for(None, Some(input))?;
    let config = Config {
        graph: graph_config(target, build_args, &settings),
        size,
        ..Config::default()
    };
    Ok(analyze(&text, &config))
}

/// The graph settings of a command: its target and build args, the config's image patterns.
pub(crate) fn graph_config(
    target: Option<String>,
    build_args: Vec<(String, String)>,
    settings: &config::Settings,
) -> GraphConfig {
    GraphConfig {
        target,
        build_args,
        builder_images: settings.builder_images.clone(),
        prod_images: settings.prod_images.clone(),
    }
}

/// The settings of the nearest airlock.toml above `file` (or the defaults): what `check FILE`
/// uses, for the language server's documents.
pub(crate) fn settings_near(file: &Path) -> Result<config::Settings, CliError> {
    settings_for(None, Some(&Input::File(file)))
}

/// Settings from `--config`, or the nearest airlock.toml above the input, or the defaults.
fn settings_for(
    explicit: Option<&Path>,
    input: Option<&Input>,
) -> Result<config::Settings, CliError> {
    if let Some(path) = explicit {
        return Ok(config::load(path)?);
    }
    let start = match input {
        Some(Input::File(path) | Input::NamedStdin(path)) => {
            path.parent().map(Path::to_path_buf).unwrap_or_default()
        }
        _ => std::env::current_dir().unwrap_or_default(),
    };
    let start = if start.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        start
    };
    match config::find(&start.canonicalize().unwrap_or(start)) {
        Some(path) => Ok(config::load(&path)?),
        None => Ok(config::Settings::default()),
    }
}

/// Where the Dockerfile comes from.
enum Input<'a> {
    Stdin,
    /// Standard input, named (`--stdin-filename`).
    NamedStdin(&'a Path),
    File(&'a Path),
}

impl<'a> Input<'a> {
    fn from_arg(arg: Option<&'a Path>) -> Self {
        match arg {
            Some(path) if path != Path::new("-") => Input::File(path),
            _ => Input::Stdin,
        }
    }

    /// The name shown in messages and output.
    fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(path) | Input::NamedStdin(path) => path.display().to_string(),
        }
    }

    fn read(&self) -> Result<String, CliError> {
        let name = self.name();
        let read_error = |source: io::Error| CliError::Read {
            name: name.clone(),
            reason: io_reason(&source),
            source,
        };
        let bytes = match self {
            Input::Stdin | Input::NamedStdin(_) => {
                if io::stdin().is_terminal() {
                    return Err(CliError::NoInput);
                }
                let mut bytes = Vec::new();
                io::stdin()
                    .lock()
                    .read_to_end(&mut bytes)
                    .map_err(read_error)?;
                bytes
            }
            Input::File(path) => {
                // Checked up front: reading a directory fails differently on each platform.
                if path.is_dir() {
                    return Err(CliError::IsDirectory { name });
                }
                std::fs::read(path).map_err(read_error)?
            }
        };
        String::from_utf8(bytes).map_err(|err| {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            // `valid` is UTF-8 by definition, so lines and columns count characters.
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
            CliError::NotUtf8 {
                name: name.clone(),
                line: valid.matches('\n').count() + 1,
                column: valid[line_start..].chars().count() + 1,
            }
        })
    }
}

/// The OS reason without Rust's ` (os error N)` suffix: `No such file or directory`.
fn io_reason(err: &io::Error) -> String {
    let text = err.to_string();
    match text.rfind(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

pub(crate) use crate::render::report::one_line;

/// A message at a place in the file: `FILE:LINE:COLUMN: LEVEL: MESSAGE`, on one line.
pub(crate) fn write_located(
    out: &mut String,
    file: &str,
    tree: &crate::engine::syntax::Dockerfile,
    offset: usize,
    level: &str,
    message: &str,
) {
    use std::fmt::Write as _;
    let at = tree.line_col(offset);
    let _ = writeln!(
        out,
        "{file}:{}:{}: {level}: {}",
        at.line,
        at.column,
        one_line(message)
    );
}

/// The syntax errors, the text output's last part.
pub(crate) fn write_errors(
    out: &mut String,
    file: &str,
    tree: &crate::engine::syntax::Dockerfile,
    errors: &[crate::engine::syntax::SyntaxError],
) {
    for err in errors {
        write_located(out, file, tree, err.span.start, "error", &err.message());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_reason_drops_the_os_error_number() {
        let err = io::Error::from_raw_os_error(2);
        assert_eq!(io_reason(&err), "No such file or directory");
    }

    #[test]
    fn one_line_escapes_line_breaks_and_terminal_escapes() {
        assert_eq!(one_line("a\nb\r\x1b[31m\tc"), "a\\nb\\r\\u{1b}[31m\tc");
    }

    #[test]
    fn cli_definition_is_valid() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
