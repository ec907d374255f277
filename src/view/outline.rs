//! What the playground shows of an analysis, as plain rows: one per instruction, one per syntax
//! error, one per graph problem, each with its 1-based position.

use crate::engine::graph::GraphProblemKind;
use crate::engine::syntax::Kw;
use crate::engine::Analysis;

/// The rows the page lists, in source order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    pub instructions: Vec<InstructionRow>,
    pub errors: Vec<ErrorRow>,
    pub problems: Vec<ProblemRow>,
}

/// One instruction: its keyword and the lines it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstructionRow {
    /// Upper case for known instructions; an unknown word as the user wrote it.
    pub keyword: String,
    pub known: bool,
    pub line: u32,
    pub end_line: u32,
}

/// One problem of the stage graph (undefined variable, unknown target...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProblemRow {
    /// `line:column`, or what the user set in the controls when the text has no place for it.
    pub position: String,
    pub message: String,
}

/// One syntax error at its start position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorRow {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl Outline {
    pub fn new(analysis: &Analysis) -> Self {
        let tree = &analysis.tree;
        let instructions = tree
            .instructions
            .iter()
            .map(|ins| {
                let (line, end_line) = tree.lines(ins.span);
                let known = ins.keyword.kind != Kw::Unknown;
                let keyword = if known {
                    ins.keyword.kind.as_str().to_string()
                } else {
                    ins.keyword.text.to_string()
                };
                InstructionRow {
                    keyword,
                    known,
                    line,
                    end_line,
                }
            })
            .collect();
        let errors = analysis
            .errors
            .iter()
            .map(|err| {
                let at = tree.line_col(err.span.start);
                ErrorRow {
                    line: at.line,
                    column: at.column,
                    message: err.message(),
                }
            })
            .collect();
        let problems = analysis
            .graph
            .problems
            .iter()
            .map(|p| {
                let position = match p.kind {
                    GraphProblemKind::UnknownTarget { .. } => "target".to_string(),
                    GraphProblemKind::UnusedBuildArg { .. } => "build arg".to_string(),
                    _ => {
                        let at = tree.line_col(p.span.start);
                        format!("{}:{}", at.line, at.column)
                    }
                };
                ProblemRow {
                    position,
                    message: p.kind.to_string(),
                }
            })
            .collect();
        Outline {
            instructions,
            errors,
            problems,
        }
    }
}

impl InstructionRow {
    /// `line 3` or `lines 3–5` for an instruction with continuation lines or heredocs.
    pub fn lines_label(&self) -> String {
        if self.end_line > self.line {
            format!("lines {}–{}", self.line, self.end_line)
        } else {
            format!("line {}", self.line)
        }
    }
}

impl ErrorRow {
    /// `line:column`, as compilers print it.
    pub fn position(&self) -> String {
        format!("{}:{}", self.line, self.column)
    }
}

/// `1 error`, `2 errors`: counts read better spelled out than as a bare number.
pub fn count_label(count: usize, singular: &str, plural: &str) -> String {
    format!("{count} {}", if count == 1 { singular } else { plural })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::syntax::{ErrorKind, Span};
    use crate::engine::{analyze, Config, SyntaxError};

    #[test]
    fn the_bundled_example_lists_its_instructions_and_no_errors() {
        let example = include_str!("../../static/examples/go-distroless.Dockerfile");
        let outline = Outline::new(&analyze(example, &Config::default()));
        assert_eq!(outline.errors, []);
        let first: Vec<_> = outline.instructions[..3]
            .iter()
            .map(|r| (r.keyword.as_str(), r.line))
            .collect();
        assert_eq!(first, [("ARG", 3), ("FROM", 5), ("WORKDIR", 6)]);
        let env = &outline.instructions[3];
        assert_eq!(
            (env.keyword.as_str(), env.line, env.end_line),
            ("ENV", 7, 8)
        );
    }

    #[test]
    fn error_rows_carry_line_and_column_of_the_span_start() {
        let mut analysis = analyze("FROM alpine\n  FORM x\n", &Config::default());
        let start = analysis.tree.source.find("FORM").unwrap_or_default();
        analysis.errors = vec![SyntaxError::new(
            ErrorKind::Empty,
            Span::new(start, start + 4),
        )];
        let outline = Outline::new(&analysis);
        assert_eq!(outline.errors[0].position(), "2:3");
        assert_eq!(outline.errors[0].message, "the file has no instructions");
    }

    #[test]
    fn graph_problems_carry_the_position_of_the_variable() {
        let text = "FROM alpine:$NOPE\n";
        let outline = Outline::new(&analyze(text, &Config::default()));
        assert_eq!(outline.problems.len(), 1, "{:?}", outline.problems);
        assert_eq!(outline.problems[0].position, "1:13");
        assert!(outline.problems[0].message.contains("`NOPE`"));
    }

    #[test]
    fn a_problem_with_the_controls_names_the_control() {
        let config = Config {
            graph: crate::engine::GraphConfig {
                target: Some("nowhere".into()),
                build_args: vec![("UNUSED".into(), "1".into())],
                ..Default::default()
            },
            ..Config::default()
        };
        let outline = Outline::new(&analyze("FROM alpine\n", &config));
        let positions: Vec<_> = outline
            .problems
            .iter()
            .map(|p| p.position.as_str())
            .collect();
        assert_eq!(positions, ["build arg", "target"]);
    }

    #[test]
    fn an_instruction_is_labelled_with_its_line_or_its_line_range() {
        for (line, end_line, label) in [(3, 3, "line 3"), (4, 6, "lines 4–6")] {
            let row = InstructionRow {
                keyword: "RUN".into(),
                known: true,
                line,
                end_line,
            };
            assert_eq!(row.lines_label(), label);
        }
    }

    #[test]
    fn counts_are_pluralised() {
        assert_eq!(count_label(0, "error", "errors"), "0 errors");
        assert_eq!(count_label(1, "error", "errors"), "1 error");
        assert_eq!(count_label(2, "error", "errors"), "2 errors");
    }
}
