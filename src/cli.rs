//! The native command line: reads a Dockerfile, runs the engine, prints the result.
//!
//! - `airlock parse [FILE|-] [--format text|json]`: the syntax tree and syntax errors.
//! - `airlock graph [FILE|-] [--target STAGE] [--build-arg K=V]... [--format text|json|dot|mermaid|svg]`:
//!   the stage graph.
//!
//! `FILE` is a path, or `-` (the default) for standard input, shown as `<stdin>` in output.
//! Exit codes: `0` the file parsed cleanly; `1` it has syntax errors (they are printed, they are
//! data; the graph is still printed); `2` usage errors and input that cannot be read (missing
//! file, directory, not UTF-8), reported on stderr as one line naming the file.

mod graph_view;
mod parse_view;

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use thiserror::Error;

use crate::engine::{analyze, Config, GraphConfig};
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
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One line per instruction, then errors as `file:line:col: error: message`.
    Text,
    /// The tree as a JSON document.
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

/// `NAME=VALUE` (a bare `NAME` means an empty value, as with `docker build --build-arg`).
fn parse_build_arg(text: &str) -> Result<(String, String), String> {
    let (name, value) = text.split_once('=').unwrap_or((text, ""));
    if name.is_empty() {
        return Err(format!("`{text}` has no name: expected NAME=VALUE"));
    }
    Ok((name.to_string(), value.to_string()))
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

fn to_json(value: &impl serde::Serialize) -> anyhow::Result<String> {
    let mut json = serde_json::to_string_pretty(value)?;
    json.push('\n');
    Ok(json)
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let (out, clean) = match cli.command {
        Command::Parse { file, format } => {
            let input = Input::from_arg(file.as_deref());
            let text = input.read()?;
            let analysis = analyze(&text, &Config::default());
            let (tree, errors) = (&analysis.tree, &analysis.errors);
            let out = match format {
                Format::Text => parse_view::render_text(&input.name(), tree, errors),
                Format::Json => to_json(&parse_view::FileView::new(input.name(), tree, errors))?,
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
            let text = input.read()?;
            let config = Config {
                graph: GraphConfig { target, build_args },
                ..Config::default()
            };
            let a = analyze(&text, &config);
            let out = match format {
                GraphFormat::Text => graph_view::render_text(&input.name(), &a),
                GraphFormat::Json => to_json(&graph_view::GraphView::new(input.name(), &a))?,
                GraphFormat::Dot => render::dot::render(&a.graph),
                GraphFormat::Mermaid => render::mermaid::render(&a.graph),
                GraphFormat::Svg => render::svg::render(&a.graph),
            };
            (out, a.errors.is_empty())
        }
    };
    io::stdout().lock().write_all(out.as_bytes())?;
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(exit::SYNTAX_ERRORS)
    })
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

/// Keeps a line a line: control characters (line breaks, terminal escapes) are shown escaped.
pub(crate) fn one_line(text: &str) -> String {
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
