//! The native command line: reads a Dockerfile, runs the engine, prints the result as text or JSON.
//!
//! `airlock parse [FILE|-] [--format text|json]`
//!
//! - `FILE` is a path, or `-` (the default) for standard input, shown as `<stdin>` in output.
//! - Exit codes: `0` the file parsed cleanly; `1` it has syntax errors (they are printed, they are
//!   data); `2` usage errors and input that cannot be read (missing file, directory, not UTF-8),
//!   reported on stderr as one line naming the file.
//! - JSON: `args` is one string for shell form (continuations joined) and an array of strings
//!   for exec form; `form` says which. Error `end_line`/`end_column` point just past the error.
//!   The JSON is built from view structs below, not from the tree, so the tree can change
//!   without changing this format.

use std::fmt::Write as _;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
use thiserror::Error;

use crate::engine::syntax::{self, Args, Dockerfile, Heredoc, Instruction, Kw, SyntaxError};

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
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One line per instruction, then errors as `file:line:col: error: message`.
    Text,
    /// The tree as a JSON document.
    Json,
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
}

/// Exit codes, kept in one place so the doc comment above stays true.
mod exit {
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

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Parse { file, format } => {
            let input = Input::from_arg(file.as_deref());
            let text = input.read()?;
            let (tree, errors) = syntax::parse(&text);
            let out = match format {
                Format::Text => render_text(&input.name(), &tree, &errors),
                Format::Json => {
                    let mut json =
                        serde_json::to_string_pretty(&FileView::new(input.name(), &tree, &errors))?;
                    json.push('\n');
                    json
                }
            };
            io::stdout().lock().write_all(out.as_bytes())?;
            Ok(if errors.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(exit::SYNTAX_ERRORS)
            })
        }
    }
}

/// Where the Dockerfile comes from.
enum Input<'a> {
    Stdin,
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
            Input::File(path) => path.display().to_string(),
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
            Input::Stdin => {
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

// ---------------------------------------------------------------------------------------------
// JSON view

/// The JSON document of `airlock parse --format json`.
#[derive(Debug, Serialize)]
struct FileView {
    file: String,
    directives: Vec<DirectiveView>,
    instructions: Vec<InstructionView>,
    errors: Vec<ErrorView>,
}

#[derive(Debug, Serialize)]
struct DirectiveView {
    name: String,
    value: String,
    line: u32,
}

#[derive(Debug, Serialize)]
struct InstructionView {
    /// Upper case; for an unknown instruction, the word as written, upper-cased.
    keyword: String,
    line: u32,
    /// Inclusive; covers continuation lines and heredoc bodies.
    end_line: u32,
    column: u32,
    flags: Vec<FlagView>,
    /// HEALTHCHECK's `CMD` or `NONE`, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    subcommand: Option<String>,
    args: ArgsView,
    form: Form,
    heredocs: Vec<HeredocView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    onbuild: Option<Box<InstructionView>>,
}

#[derive(Debug, Serialize)]
struct FlagView {
    name: String,
    value: Option<String>,
}

/// Shell form: one string; exec form: the array's decoded elements.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum ArgsView {
    Shell(String),
    Exec(Vec<String>),
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase")]
enum Form {
    Shell,
    Exec,
}

#[derive(Debug, Serialize)]
struct HeredocView {
    name: String,
    chomp: bool,
    expand: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    fd: Option<u32>,
    /// The line of the `<<EOF` marker.
    line: u32,
    /// The line that closes the heredoc (the file's last line when nothing closes it).
    end_line: u32,
    body: String,
}

#[derive(Debug, Serialize)]
struct ErrorView {
    message: String,
    line: u32,
    column: u32,
    /// Just past the end of the error (exclusive), like an editor selection.
    end_line: u32,
    end_column: u32,
}

impl FileView {
    fn new(file: String, tree: &Dockerfile, errors: &[SyntaxError]) -> Self {
        FileView {
            file,
            directives: tree
                .directives
                .iter()
                .map(|d| DirectiveView {
                    name: d.name.clone(),
                    value: d.value.clone(),
                    line: tree.line_col(d.span.start).line,
                })
                .collect(),
            instructions: tree
                .instructions
                .iter()
                .map(|i| InstructionView::new(tree, i))
                .collect(),
            errors: errors.iter().map(|e| ErrorView::new(tree, e)).collect(),
        }
    }
}

impl InstructionView {
    fn new(tree: &Dockerfile, ins: &Instruction) -> Self {
        let (line, end_line) = tree.lines(ins.span);
        let (args, form) = match &ins.args {
            Args::Shell { text, .. } => (ArgsView::Shell(text.clone()), Form::Shell),
            Args::Exec { elements, .. } => (
                ArgsView::Exec(elements.iter().map(|e| e.value.clone()).collect()),
                Form::Exec,
            ),
        };
        InstructionView {
            keyword: keyword(ins),
            line,
            end_line,
            column: tree.line_col(ins.keyword.span.start).column,
            flags: ins
                .flags
                .iter()
                .map(|f| FlagView {
                    name: f.name.clone(),
                    value: f.value.clone(),
                })
                .collect(),
            subcommand: ins.subcommand.as_ref().map(|w| w.text.clone()),
            args,
            form,
            heredocs: ins
                .heredocs
                .iter()
                .map(|h| HeredocView::new(tree, h))
                .collect(),
            onbuild: ins
                .onbuild
                .as_ref()
                .map(|inner| Box::new(InstructionView::new(tree, inner))),
        }
    }
}

impl HeredocView {
    fn new(tree: &Dockerfile, h: &Heredoc) -> Self {
        let whole = h
            .marker_span
            .cover(h.body_span)
            .cover(h.end_span.unwrap_or(h.body_span));
        let (line, end_line) = tree.lines(whole);
        HeredocView {
            name: h.name.clone(),
            chomp: h.chomp,
            expand: h.expand,
            fd: h.fd,
            line,
            end_line,
            body: h.body.clone(),
        }
    }
}

impl ErrorView {
    fn new(tree: &Dockerfile, err: &SyntaxError) -> Self {
        let start = tree.line_col(err.span.start);
        let end = tree.line_col(err.span.end);
        ErrorView {
            message: err.message(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }
}

/// The keyword in upper case; an unknown word keeps its spelling, upper-cased.
fn keyword(ins: &Instruction) -> String {
    match ins.keyword.kind {
        Kw::Unknown => ins.keyword.text.to_uppercase(),
        kind => kind.as_str().to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Text view

/// One line per directive and instruction (`3: FROM --platform=$P golang AS build`, or
/// `5-9: RUN <<EOF` when it spans lines), then one `file:line:col: error: message` per error.
fn render_text(file: &str, tree: &Dockerfile, errors: &[SyntaxError]) -> String {
    let mut out = String::new();
    for d in &tree.directives {
        let line = tree.line_col(d.span.start).line;
        let _ = writeln!(out, "{line}: # {}={}", d.name, one_line(&d.value));
    }
    for ins in &tree.instructions {
        let (line, end_line) = tree.lines(ins.span);
        let lines = if end_line > line {
            format!("{line}-{end_line}")
        } else {
            line.to_string()
        };
        let _ = writeln!(out, "{lines}: {}", instruction_text(ins));
    }
    for err in errors {
        let at = tree.line_col(err.span.start);
        let _ = writeln!(
            out,
            "{file}:{}:{}: error: {}",
            at.line,
            at.column,
            one_line(&err.message())
        );
    }
    out
}

/// An instruction on one line: keyword, flags, subcommand and arguments.
fn instruction_text(ins: &Instruction) -> String {
    let mut parts = vec![keyword(ins)];
    for flag in &ins.flags {
        parts.push(match &flag.value {
            Some(value) => format!("--{}={}", flag.name, value),
            None => format!("--{}", flag.name),
        });
    }
    if let Some(sub) = &ins.subcommand {
        parts.push(sub.text.clone());
    }
    if let Some(inner) = &ins.onbuild {
        parts.push(instruction_text(inner));
    } else {
        match &ins.args {
            Args::Shell { text, .. } if text.is_empty() => {}
            Args::Shell { text, .. } => parts.push(text.clone()),
            Args::Exec { elements, .. } => {
                let values: Vec<&str> = elements.iter().map(|e| e.value.as_str()).collect();
                parts.push(serde_json::to_string(&values).unwrap_or_default());
            }
        }
    }
    one_line(&parts.join(" "))
}

/// Keeps a line a line: control characters (line breaks, terminal escapes) are shown escaped.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\t' {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
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
