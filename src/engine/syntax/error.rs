//! Syntax errors: typed, each with the span it is about. The parser never stops at one.

use serde::Serialize;
use thiserror::Error;

use super::tree::Span;

/// What went wrong. The `Display` text is the message shown to users.
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ErrorKind {
    #[error("the file has no instructions")]
    Empty,
    #[error("unknown instruction `{word}`{}", suggestion.as_ref().map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
    UnknownInstruction {
        word: String,
        suggestion: Option<String>,
    },
    #[error("{keyword} before the first FROM: only ARG may come before FROM")]
    InstructionBeforeFrom { keyword: String },
    #[error("unterminated heredoc: no line `{name}` closes it before the end of the file")]
    UnterminatedHeredoc { name: String },
    #[error("unterminated JSON array: the arguments are read as shell form")]
    UnterminatedJson,
    #[error("flag without a name")]
    FlagWithoutName,
    #[error("unknown flag `--{flag}` for {keyword}")]
    UnknownFlag { flag: String, keyword: String },
    #[error("flag `--{flag}` needs a value")]
    FlagNeedsValue { flag: String },
    #[error("{keyword} requires {expected}")]
    MissingArguments {
        keyword: String,
        expected: &'static str,
    },
    #[error("invalid escape directive `{value}`: the escape character must be \\ or `")]
    InvalidEscape { value: String },
    #[error("only one `{name}` parser directive can be used")]
    DuplicateDirective { name: String },
    #[error("`{word}` is not of the form name=value")]
    MissingEquals { word: String },
    #[error("{keyword} name must not be empty")]
    EmptyName { keyword: String },
    #[error("ONBUILD cannot wrap {keyword}")]
    OnbuildNotAllowed { keyword: String },
    #[error("unknown HEALTHCHECK type `{word}`: expected CMD or NONE")]
    UnknownHealthcheckType { word: String },
    #[error("HEALTHCHECK NONE takes no arguments")]
    HealthcheckNoneArgs,
    #[error("expected AS before the stage name, found `{found}`")]
    ExpectedAs { found: String },
    #[error("SHELL requires the arguments in JSON form, such as [\"/bin/sh\", \"-c\"]")]
    ShellNotJson,
    #[error("unterminated {quote} quote")]
    UnterminatedQuote { quote: char },
}

/// A syntax error at a span of the source.
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize)]
#[error("{kind}")]
pub struct SyntaxError {
    pub kind: ErrorKind,
    pub span: Span,
}

impl ErrorKind {
    /// The codes hadolint gives the same mistake, spelled as hadolint does, so that reports
    /// and `airlock explain` line up with theirs. These are syntax errors here, not rules:
    /// BuildKit refuses such a file, so no ignore comment can make it pass.
    pub fn aliases(&self) -> &'static [&'static str] {
        match self {
            ErrorKind::InstructionBeforeFrom { .. } => &["DL3061"],
            ErrorKind::OnbuildNotAllowed { .. } => &["DL3043"],
            _ => &[],
        }
    }
}

/// What `airlock explain` says for a hadolint code that airlock reports as a syntax error.
pub fn syntax_alias_doc(code: &str) -> Option<&'static str> {
    const DOCS: [(&str, &str); 2] = [
        (
            "DL3061",
            "DL3061 (instruction before FROM) is a syntax error in airlock, not a rule: only ARG \
             (and comments and parser directives) may come before the first FROM, and BuildKit \
             refuses the file otherwise. airlock reports it as `<KEYWORD> before the first FROM` \
             at the instruction, with code `syntax` and alias DL3061.\n",
        ),
        (
            "DL3043",
            "DL3043 (ONBUILD wrapping ONBUILD, FROM or MAINTAINER) is a syntax error in airlock, \
             not a rule: BuildKit refuses `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD \
             MAINTAINER`. airlock reports it as `ONBUILD cannot wrap <KEYWORD>` at the wrapped \
             keyword, with code `syntax` and alias DL3043.\n",
        ),
    ];
    DOCS.iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, doc)| *doc)
}

impl SyntaxError {
    pub fn new(kind: ErrorKind, span: Span) -> Self {
        SyntaxError { kind, span }
    }
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}
