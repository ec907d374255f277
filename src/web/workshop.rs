//! The workshop: exercise files (a `# key: value` header over a starting Dockerfile), the small
//! goal language a trainer writes in them, goals checked against the engine, and the progress a
//! learner keeps in the browser. Pure, so `cargo test` checks every exercise file.
//!
//! An exercise file, `static/exercises/NN-slug.Dockerfile`:
//!
//! ```text
//! # title: Split a Go build into builder and prod
//! # task: One or more lines saying what to do (joined with spaces).
//! # goal: stages >= 2
//! # goal: no warnings of AL1xx
//! # hint: Hints are revealed one at a time, in this order.
//!
//! FROM cleanstart-golang:1.21-builder
//! ...
//! ```
//!
//! The header is the run of `# key:` lines at the top; the first other line ends it (a blank
//! line there is dropped) and the rest is the starting Dockerfile. Goals, one per line:
//! `no syntax errors`; `no findings|warnings|errors [of PATTERN]` (warnings counts errors too;
//! PATTERN is a rule code, `x` for any digit, `*` for any rest: `AL104`, `AL1xx`);
//! `stages OP N`; `size OP N [MB|GB]` (the multi-stage estimate, uncompressed);
//! `reduction OP N%` (single- against multi-stage); `final base is [not] builder|dev|runtime|os|scratch`.
//! OP is `<`, `<=`, `>`, `>=`, `=`, `under` or `over`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::engine::graph::{Base, ImageClass};
use crate::engine::number::Fixed;
use crate::engine::registry::RULES;
use crate::engine::syntax::Span;
use crate::engine::{analyze, Analysis, Config, Diagnostic, Severity};

/// One exercise as compiled in by `build.rs`.
pub struct ExerciseFile {
    /// The file name without `.Dockerfile` (`01-go-builder-pattern`).
    pub id: &'static str,
    pub text: &'static str,
    /// `NN-slug.solution.Dockerfile`, if there is one.
    pub solution: Option<&'static str>,
}

mod files {
    use super::ExerciseFile;
    include!(concat!(env!("OUT_DIR"), "/exercises.rs"));
}

pub use files::{FILES, ORPHAN_SOLUTIONS};

/// A parsed exercise.
#[derive(Clone, Debug, PartialEq)]
pub struct Exercise {
    pub id: String,
    pub title: String,
    pub task: String,
    pub goals: Vec<Goal>,
    pub hints: Vec<String>,
    /// The starting Dockerfile (the file without its header).
    pub start: String,
    pub solution: Option<String>,
}

/// A mistake in an exercise file. `line` and `column` count from 1; line 0 is the file name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "file name: {}", self.message)
        } else {
            write!(f, "{}:{}: {}", self.line, self.column, self.message)
        }
    }
}

const KEYS: &[&str] = &["title", "task", "goal", "hint"];

/// A header line (`# goal: ...`): the key, the value, and the key's and the value's columns.
fn header_line(line: &str) -> Option<(&str, &str, usize, usize)> {
    let rest = line.strip_prefix('#')?;
    let lead = rest.len() - rest.trim_start().len();
    let rest = rest.trim_start();
    let key_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    if key_len == 0 || !rest[key_len..].starts_with(':') {
        return None;
    }
    let value = &rest[key_len + 1..];
    let value_lead = value.len() - value.trim_start().len();
    let column = 1 + 1 + lead + key_len + 1 + value_lead;
    Some((&rest[..key_len], value.trim(), 2 + lead, column))
}

/// Parses an exercise file; every mistake is reported, with its position.
pub fn parse_exercise(
    id: &str,
    text: &str,
    solution: Option<&str>,
) -> Result<Exercise, Vec<FormatError>> {
    let mut errors = Vec::new();
    if id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        errors.push(FormatError {
            line: 0,
            column: 0,
            message: format!(
                "`{id}` must be a name without spaces, such as `03-node-copy-artifacts`"
            ),
        });
    }
    let mut title: Option<String> = None;
    let mut task: Vec<&str> = Vec::new();
    let mut goals = Vec::new();
    let mut hints = Vec::new();
    let mut body_start = text.len();
    let mut offset = 0;
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let number = n + 1;
        let Some((key, value, key_column, column)) = header_line(line) else {
            // The header ends here; one blank line after it belongs to the header.
            body_start = if line.trim().is_empty() {
                offset + raw.len()
            } else {
                offset
            };
            break;
        };
        offset += raw.len();
        let at = |message: String| FormatError {
            line: number,
            column,
            message,
        };
        if value.is_empty() && KEYS.contains(&key) {
            errors.push(at(format!("`{key}:` needs a value")));
            continue;
        }
        match key {
            "title" if title.is_some() => errors.push(FormatError {
                column: key_column,
                ..at("a second `title:`".into())
            }),
            "title" => title = Some(value.to_string()),
            "task" => task.push(value),
            "hint" => hints.push(value.to_string()),
            "goal" => match parse_goal(value) {
                Ok(goal) => goals.push(goal),
                Err(e) => errors.push(FormatError {
                    line: number,
                    column: column + e.column - 1,
                    message: format!("goal: {}", e.message),
                }),
            },
            other => errors.push(FormatError {
                line: number,
                column: key_column,
                message: format!("unknown key `{other}:` (known: title, task, goal, hint)"),
            }),
        }
    }
    if offset == text.len() {
        body_start = text.len();
    }
    let start = &text[body_start.min(text.len())..];
    let whole_file = FormatError {
        line: 1,
        column: 1,
        message: String::new(),
    };
    let missing = |what: &str| FormatError {
        message: format!("missing `# {what}:` line in the header"),
        ..whole_file.clone()
    };
    if title.is_none() {
        errors.push(missing("title"));
    }
    if task.is_empty() {
        errors.push(missing("task"));
    }
    if goals.is_empty() && !errors.iter().any(|e| e.message.starts_with("goal:")) {
        errors.push(missing("goal"));
    }
    if hints.is_empty() {
        errors.push(missing("hint"));
    }
    if start.trim().is_empty() {
        errors.push(FormatError {
            line: text.lines().count().max(1),
            column: 1,
            message: "no starting Dockerfile after the header".into(),
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Exercise {
        id: id.to_string(),
        title: title.unwrap_or_default(),
        task: task.join(" "),
        goals,
        hints,
        start: start.to_string(),
        solution: solution.map(str::to_string),
    })
}

/// Every compiled-in exercise, in file-name order: parsed, or the file's id and its mistakes.
pub fn exercises() -> Vec<Result<Exercise, (String, Vec<FormatError>)>> {
    FILES
        .iter()
        .map(|f| parse_exercise(f.id, f.text, f.solution).map_err(|e| (f.id.to_string(), e)))
        .collect()
}

// ---- goals ----

/// One goal line, as written and as understood.
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    pub text: String,
    pub test: Test,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Test {
    NoSyntaxErrors,
    /// No finding at `at_least` or worse (any severity when `None`) whose code matches.
    NoFindings {
        at_least: Option<Severity>,
        pattern: Option<String>,
    },
    Stages(Cmp, f64),
    /// The multi-stage estimate, uncompressed MB.
    Size(Cmp, f64),
    /// The uncompressed reduction, single- against multi-stage, in percent.
    Reduction(Cmp, f64),
    FinalBase {
        not: bool,
        class: BaseClass,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
}

impl Cmp {
    fn holds(self, left: f64, right: f64) -> bool {
        match self {
            Cmp::Lt => left < right,
            Cmp::Le => left <= right,
            Cmp::Gt => left > right,
            Cmp::Ge => left >= right,
            Cmp::Eq => (left - right).abs() < 1e-9,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseClass {
    /// A toolchain or `-builder` image.
    Builder,
    Dev,
    Runtime,
    Os,
    Scratch,
}

impl BaseClass {
    fn name(self) -> &'static str {
        match self {
            BaseClass::Builder => "a builder image",
            BaseClass::Dev => "a -dev image",
            BaseClass::Runtime => "a runtime image",
            BaseClass::Os => "an OS image",
            BaseClass::Scratch => "scratch",
        }
    }
}

/// A mistake in a goal; `column` counts characters from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalError {
    pub column: usize,
    pub message: String,
}

/// The words of a goal with their columns.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, (byte, c)) in text.char_indices().enumerate() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some((i + 1, byte)),
            (true, Some((column, from))) => {
                out.push((column, &text[from..byte]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some((column, from)) = start {
        out.push((column, &text[from..]));
    }
    out
}

const GOAL_FORMS: &str = "`no syntax errors`, `no findings|warnings|errors [of CODE]`, `stages OP N`, `size OP N MB`, `reduction OP N%` or `final base is [not] CLASS`";

/// Parses one goal line.
pub fn parse_goal(text: &str) -> Result<Goal, GoalError> {
    let words = words(text);
    let end = text.chars().count() + 1;
    let mut at = 0;
    let mut next = |expected: &str| -> Result<(usize, String), GoalError> {
        let word = words.get(at).map(|&(c, w)| (c, w.to_string()));
        at += 1;
        word.ok_or(GoalError {
            column: end,
            message: format!("expected {expected}, found the end of the goal"),
        })
    };
    let (column, first) = next("a goal")?;
    let test = match first.to_ascii_lowercase().as_str() {
        "no" => {
            let (column, what) = next("`findings`, `warnings`, `errors` or `syntax errors`")?;
            let at_least = match what.to_ascii_lowercase().as_str() {
                "syntax" => {
                    let (column, word) = next("`errors`")?;
                    if !word.eq_ignore_ascii_case("errors") {
                        return Err(GoalError {
                            column,
                            message: format!("expected `errors`, found `{word}`"),
                        });
                    }
                    None
                }
                "finding" | "findings" => Some(None),
                "warning" | "warnings" => Some(Some(Severity::Warning)),
                "error" | "errors" => Some(Some(Severity::Error)),
                _ => {
                    return Err(GoalError {
                        column,
                        message: format!(
                            "expected `findings`, `warnings`, `errors` or `syntax errors`, found `{what}`"
                        ),
                    })
                }
            };
            match at_least {
                None => Test::NoSyntaxErrors,
                Some(at_least) => {
                    let mut pattern = words.get(at).copied();
                    if pattern.is_some_and(|(_, w)| w.eq_ignore_ascii_case("of")) {
                        at += 1;
                        pattern = words.get(at).copied();
                        if pattern.is_none() {
                            return Err(GoalError {
                                column: end,
                                message:
                                    "expected a rule code after `of`, such as `AL104` or `AL1xx`"
                                        .into(),
                            });
                        }
                    }
                    if let Some((column, code)) = pattern {
                        at += 1;
                        if !RULES.iter().any(|r| code_matches(code, r.code)) {
                            return Err(GoalError {
                                column,
                                message: format!(
                                    "`{code}` matches no rule code (`AL104`, `AL1xx`, `AL2*` ...)"
                                ),
                            });
                        }
                    }
                    Test::NoFindings {
                        at_least,
                        pattern: pattern.map(|(_, w)| w.to_ascii_uppercase()),
                    }
                }
            }
        }
        "stages" => {
            let cmp = comparison(next("a comparison")?)?;
            let (column, n) = next("a number of stages")?;
            match n.parse::<u32>() {
                Ok(n) => Test::Stages(cmp, n.into()),
                Err(_) => {
                    return Err(GoalError {
                        column,
                        message: format!("expected a whole number of stages, found `{n}`"),
                    })
                }
            }
        }
        "size" => {
            let cmp = comparison(next("a comparison")?)?;
            let (column, n) = next("a size such as `50 MB`")?;
            let lower = n.to_ascii_lowercase();
            let (number, attached) = split_unit(&lower);
            if number.is_empty() {
                return Err(GoalError {
                    column,
                    message: format!("expected a number, found `{lower}`"),
                });
            }
            let unit = match attached {
                "" => words.get(at).map(|&(c, w)| {
                    at += 1;
                    (c, w.to_ascii_lowercase())
                }),
                unit => Some((column + number.len(), unit.to_string())),
            };
            let factor = match unit {
                None => 1.0,
                Some((_, u)) if u == "mb" => 1.0,
                Some((_, u)) if u == "gb" => 1000.0,
                Some((column, u)) => {
                    return Err(GoalError {
                        column,
                        message: format!("expected `MB` or `GB`, found `{u}`"),
                    })
                }
            };
            Test::Size(cmp, number_at(column, number)? * factor)
        }
        "reduction" => {
            let cmp = comparison(next("a comparison")?)?;
            let (column, n) = next("a percentage such as `80%`")?;
            let mut number = n.trim_end_matches('%');
            if number.len() == n.len() && words.get(at).is_some_and(|&(_, w)| w == "%") {
                at += 1;
            }
            number = number.trim();
            Test::Reduction(cmp, number_at(column, number)?)
        }
        "final" => {
            for expected in ["base", "is"] {
                let (column, word) = next(&format!("`{expected}`"))?;
                if !word.eq_ignore_ascii_case(expected) {
                    return Err(GoalError {
                        column,
                        message: format!("expected `{expected}`, found `{word}`"),
                    });
                }
            }
            let (mut column, mut word) = next("an image class")?;
            let not = word.eq_ignore_ascii_case("not");
            if not {
                (column, word) = next("an image class")?;
            }
            let class = match word.to_ascii_lowercase().as_str() {
                "builder" | "toolchain" => BaseClass::Builder,
                "dev" => BaseClass::Dev,
                "runtime" | "prod" => BaseClass::Runtime,
                "os" => BaseClass::Os,
                "scratch" => BaseClass::Scratch,
                _ => {
                    return Err(GoalError {
                        column,
                        message: format!(
                        "expected `builder`, `dev`, `runtime`, `os` or `scratch`, found `{word}`"
                    ),
                    })
                }
            };
            Test::FinalBase { not, class }
        }
        _ => {
            return Err(GoalError {
                column,
                message: format!("unknown goal `{first}`: write {GOAL_FORMS}"),
            })
        }
    };
    if let Some(&(column, word)) = words.get(at) {
        return Err(GoalError {
            column,
            message: format!("unexpected `{word}` after the goal"),
        });
    }
    Ok(Goal {
        text: text.trim().to_string(),
        test,
    })
}

fn comparison((column, word): (usize, String)) -> Result<Cmp, GoalError> {
    Ok(match word.to_ascii_lowercase().as_str() {
        "<" | "under" => Cmp::Lt,
        "<=" => Cmp::Le,
        ">" | "over" => Cmp::Gt,
        ">=" => Cmp::Ge,
        "=" | "==" => Cmp::Eq,
        _ => {
            return Err(GoalError {
                column,
                message: format!(
                    "expected a comparison (`<`, `<=`, `>`, `>=`, `=`, `under`, `over`), found `{word}`"
                ),
            })
        }
    })
}

/// `50mb` -> (`50`, `mb`).
fn split_unit(word: &str) -> (&str, &str) {
    let digits = word
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(word.len());
    (&word[..digits], &word[digits..])
}

fn number_at(column: usize, text: &str) -> Result<f64, GoalError> {
    match crate::engine::number::parse_f64(text) {
        Some(n) if n.is_finite() && n >= 0.0 => Ok(n),
        _ => Err(GoalError {
            column,
            message: format!("expected a number, found `{text}`"),
        }),
    }
}

/// Whether a rule code matches a goal's pattern: `x` is any digit, a final `*` any rest.
pub fn code_matches(pattern: &str, code: &str) -> bool {
    let mut code_chars = code.chars();
    let mut pattern_chars = pattern.chars().peekable();
    while let Some(p) = pattern_chars.next() {
        if p == '*' && pattern_chars.peek().is_none() {
            return true;
        }
        match code_chars.next() {
            Some(c) if (p == 'x' || p == 'X') && c.is_ascii_digit() => {}
            Some(c) if c.eq_ignore_ascii_case(&p) => {}
            _ => return false,
        }
    }
    code_chars.next().is_none()
}

// ---- checking ----

/// One goal's result, in words for the learner.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub goal: String,
    pub pass: bool,
    pub detail: String,
    /// Where a failing goal went wrong, for the learner to jump to: the syntax errors, the
    /// findings it counts, or the final stage's `FROM` (at most `MAX_PLACES`).
    pub places: Vec<Place>,
}

/// A place in the checked text.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// What is there and on which line, e.g. "AL101 on line 12".
    pub label: String,
    pub span: Span,
}

/// A long list of places helps no one: the first few show where to start.
const MAX_PLACES: usize = 6;

/// The final stage's `FROM`, when a goal about the final image fails.
fn final_from(text: &str, a: &Analysis) -> Vec<Place> {
    a.graph
        .target
        .and_then(|t| a.graph.stages.get(t))
        .map(|stage| Place {
            label: format!(
                "the final FROM on line {}",
                line_of(text, stage.from_span.start)
            ),
            span: stage.from_span,
        })
        .into_iter()
        .collect()
}

fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 3,
        Severity::Warning => 2,
        Severity::Info => 1,
        Severity::Style => 0,
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

fn mb(value: f64) -> String {
    format!("{} MB", Fixed(value, 1))
}

/// Checks `goals` against `text` analysed with the default settings (the learner's rule settings
/// must not make a goal pass). A Dockerfile with syntax errors never passes.
pub fn check(goals: &[Goal], text: &str) -> Vec<Outcome> {
    evaluate(goals, text, &analyze(text, &Config::default()))
}

/// Checks `goals` against an analysis of `text`; the first outcome is always "no syntax errors".
pub fn evaluate(goals: &[Goal], text: &str, a: &Analysis) -> Vec<Outcome> {
    let syntax = Outcome {
        goal: "the Dockerfile parses without syntax errors".into(),
        pass: a.errors.is_empty(),
        detail: match a.errors.first() {
            None => "no syntax errors".into(),
            Some(e) => format!(
                "{} syntax error(s), the first on line {}",
                a.errors.len(),
                line_of(text, e.span.start)
            ),
        },
        places: a
            .errors
            .iter()
            .take(MAX_PLACES)
            .map(|e| Place {
                label: format!("syntax error on line {}", line_of(text, e.span.start)),
                span: e.span,
            })
            .collect(),
    };
    std::iter::once(syntax)
        .chain(goals.iter().map(|g| {
            let (pass, detail) = outcome(&g.test, text, a);
            Outcome {
                goal: g.text.clone(),
                pass,
                detail,
                places: if pass {
                    Vec::new()
                } else {
                    places(&g.test, text, a)
                },
            }
        }))
        .collect()
}

/// Where a failing goal points in the text.
fn places(test: &Test, text: &str, a: &Analysis) -> Vec<Place> {
    match test {
        Test::NoFindings { at_least, pattern } => a
            .findings
            .iter()
            .filter(|f| counted(f, *at_least, pattern.as_deref()))
            .take(MAX_PLACES)
            .map(|f| Place {
                label: format!("{} on line {}", f.code, line_of(text, f.span.start)),
                span: f.span,
            })
            .collect(),
        Test::Size(..) | Test::Reduction(..) | Test::FinalBase { .. } => final_from(text, a),
        Test::NoSyntaxErrors | Test::Stages(..) => Vec::new(),
    }
}

/// Whether a `NoFindings` goal counts finding `f`.
fn counted(f: &Diagnostic, at_least: Option<Severity>, pattern: Option<&str>) -> bool {
    at_least.is_none_or(|s| severity_rank(f.severity) >= severity_rank(s))
        && pattern.is_none_or(|p| code_matches(p, f.code))
}

fn outcome(test: &Test, text: &str, a: &Analysis) -> (bool, String) {
    match test {
        Test::NoSyntaxErrors => (
            a.errors.is_empty(),
            format!("{} syntax error(s)", a.errors.len()),
        ),
        Test::NoFindings { at_least, pattern } => {
            let found: Vec<String> = a
                .findings
                .iter()
                .filter(|f| counted(f, *at_least, pattern.as_deref()))
                .map(|f| format!("{} on line {}", f.code, line_of(text, f.span.start)))
                .collect();
            let detail = if found.is_empty() {
                "none found".to_string()
            } else {
                format!("found {}", found.join(", "))
            };
            (found.is_empty(), detail)
        }
        Test::Stages(cmp, n) => {
            let count = a.graph.stages.len();
            (cmp.holds(count as f64, *n), format!("{count} stage(s)"))
        }
        Test::Size(cmp, limit) => {
            let size = a.size.multi_stage.uncompressed;
            let pass = a.graph.target.is_some() && cmp.holds(size, *limit);
            (pass, format!("the estimate is {} (uncompressed)", mb(size)))
        }
        Test::Reduction(cmp, pct) => match a.size.reduction_uncompressed.pct {
            Some(r) => (
                cmp.holds(r, *pct),
                format!(
                    "{}% smaller than one stage ({} -> {})",
                    Fixed(r, 1),
                    mb(a.size.single_stage_mb().uncompressed),
                    mb(a.size.multi_stage.uncompressed)
                ),
            ),
            None => (false, "no single-stage estimate to compare with".into()),
        },
        Test::FinalBase { not, class } => {
            let Some(target) = a.graph.target else {
                return (false, "there is no stage yet".into());
            };
            let (stage, base) = a.graph.resolved_base(target);
            let (actual, label) = match base {
                Base::Scratch => (Some(BaseClass::Scratch), "scratch".to_string()),
                Base::Image { image, class } => (
                    match class.class {
                        ImageClass::Toolchain => Some(BaseClass::Builder),
                        ImageClass::Dev => Some(BaseClass::Dev),
                        ImageClass::Runtime => Some(BaseClass::Runtime),
                        ImageClass::Os => Some(BaseClass::Os),
                        ImageClass::Unknown => None,
                    },
                    format!("`{}`", image.raw),
                ),
                Base::Missing | Base::Stage { .. } => (None, "no image".into()),
            };
            let is = actual == Some(*class);
            let what = actual.map_or("an image airlock does not know", BaseClass::name);
            (
                is != *not,
                format!("the final stage ({}) rests on {label}: {what}", stage + 1),
            )
        }
    }
}

/// Whether every outcome passed.
pub fn passed(outcomes: &[Outcome]) -> bool {
    outcomes.iter().all(|o| o.pass)
}

// ---- progress ----

/// What a learner has done, kept in the browser's storage as a few lines of text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub solved: BTreeSet<String>,
    /// The exercise open last.
    pub current: Option<String>,
    /// How many hints each exercise has shown.
    pub hints: BTreeMap<String, usize>,
}

const PROGRESS_HEADER: &str = "airlock-workshop 1";

impl Progress {
    /// Reads what `serialize` wrote. Anything else (another version, a damaged entry) gives
    /// what could be read, never an error: progress is a convenience, not data to defend.
    pub fn parse(text: &str) -> Progress {
        let mut lines = text.lines();
        let mut p = Progress::default();
        if lines.next().map(str::trim) != Some(PROGRESS_HEADER) {
            return p;
        }
        for line in lines {
            let mut parts = line.split_whitespace();
            match (parts.next(), parts.next(), parts.next(), parts.next()) {
                (Some("solved"), Some(id), None, None) => {
                    p.solved.insert(id.to_string());
                }
                (Some("current"), Some(id), None, None) => p.current = Some(id.to_string()),
                (Some("hints"), Some(id), Some(n), None) => {
                    if let Ok(n) = n.parse::<usize>() {
                        p.hints.insert(id.to_string(), n.min(1000));
                    }
                }
                _ => {}
            }
        }
        p
    }

    pub fn serialize(&self) -> String {
        let mut out = format!("{PROGRESS_HEADER}\n");
        if let Some(id) = &self.current {
            out.push_str(&format!("current {id}\n"));
        }
        for id in &self.solved {
            out.push_str(&format!("solved {id}\n"));
        }
        for (id, n) in &self.hints {
            out.push_str(&format!("hints {id} {n}\n"));
        }
        out
    }

    pub fn hints_shown(&self, id: &str) -> usize {
        self.hints.get(id).copied().unwrap_or(0)
    }
}

/// What the page's query asks for: `?workshop` (optionally `=ID`) or `?trainer`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Playground,
    Workshop(Option<String>),
    Trainer,
}

/// Reads `location.search` (`?workshop=02-python-venv&...`).
pub fn mode_from_query(search: &str) -> Mode {
    let mut mode = Mode::Playground;
    for pair in search.trim_start_matches('?').split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "trainer" => return Mode::Trainer,
            "workshop" => {
                mode = Mode::Workshop(
                    (!value.is_empty()
                        && value
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                    .then(|| value.to_string()),
                )
            }
            _ => {}
        }
    }
    mode
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(text: &str) -> Test {
        parse_goal(text)
            .unwrap_or_else(|e| panic!("{text}: {e:?}"))
            .test
    }

    fn goal_error(text: &str) -> (usize, String) {
        let e = parse_goal(text).expect_err(text);
        (e.column, e.message)
    }

    // ---- every exercise file ----

    #[test]
    fn there_are_at_least_eight_exercises_and_no_orphan_solutions() {
        assert!(FILES.len() >= 8, "{} exercises", FILES.len());
        assert_eq!(ORPHAN_SOLUTIONS, &[] as &[&str]);
    }

    #[test]
    fn every_exercise_parses_with_title_task_goals_and_hints() {
        for result in exercises() {
            let x = result.unwrap_or_else(|(id, errors)| {
                let errors: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                panic!("static/exercises/{id}.Dockerfile:\n{}", errors.join("\n"))
            });
            assert!(!x.title.is_empty() && !x.task.is_empty(), "{}", x.id);
            assert!(!x.goals.is_empty() && !x.hints.is_empty(), "{}", x.id);
            assert!(
                x.start.starts_with("FROM") || x.start.starts_with("ARG"),
                "{}",
                x.id
            );
        }
    }

    #[test]
    fn every_start_fails_its_goals_and_every_solution_passes_them() {
        for x in exercises().into_iter().map(|r| r.unwrap()) {
            let start = check(&x.goals, &x.start);
            assert!(start[0].pass, "{}: the start must parse: {start:?}", x.id);
            assert!(!passed(&start), "{}: the start already passes", x.id);
            let solution = x.solution.as_deref().unwrap_or_else(|| {
                panic!("{}: no static/exercises/{}.solution.Dockerfile", x.id, x.id)
            });
            let outcomes = check(&x.goals, solution);
            assert!(
                passed(&outcomes),
                "{}: the solution fails: {outcomes:#?}",
                x.id
            );
        }
    }

    #[test]
    fn exercise_ids_are_unique_and_sorted() {
        let ids: Vec<&str> = FILES.iter().map(|f| f.id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids, sorted);
    }

    // ---- the file format ----

    const GOOD: &str = "# title: T\n# task: one\n# task: two\n# goal: stages >= 2\n# hint: h1\n# hint: h2\n\nFROM alpine:3.20\n";

    #[test]
    fn the_header_is_read_and_stripped_from_the_start() {
        let x = parse_exercise("01-x", GOOD, Some("FROM a")).unwrap();
        assert_eq!(x.title, "T");
        assert_eq!(x.task, "one two");
        assert_eq!(x.hints, ["h1", "h2"]);
        assert_eq!(x.goals[0].test, Test::Stages(Cmp::Ge, 2.0));
        assert_eq!(x.start, "FROM alpine:3.20\n");
        assert_eq!(x.solution.as_deref(), Some("FROM a"));
    }

    #[test]
    fn a_header_without_a_blank_line_ends_at_the_first_instruction() {
        let x = parse_exercise("x", "# title: T\n# task: t\n# goal: stages = 1\n# hint: h\n# syntax=docker/dockerfile:1\nFROM a\n", None).unwrap();
        assert_eq!(x.start, "# syntax=docker/dockerfile:1\nFROM a\n");
    }

    #[test]
    fn an_unknown_key_is_reported_at_its_column() {
        let errors = parse_exercise("x", "# title: T\n#  gaol: stages >= 2\n", None).unwrap_err();
        assert_eq!(errors[0].line, 2);
        assert_eq!(errors[0].column, 4);
        assert!(
            errors[0].message.contains("unknown key `gaol:`"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_bad_goal_is_reported_at_the_column_of_the_mistake() {
        let text = "# title: T\n# task: t\n# goal: stages >= two\n# hint: h\nFROM a\n";
        let errors = parse_exercise("x", text, None).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].column), (3, 19));
        assert_eq!(&text.lines().nth(2).unwrap()[18..], "two");
        assert!(errors[0]
            .to_string()
            .starts_with("3:19: goal: expected a whole number"));
    }

    #[test]
    fn missing_parts_are_each_reported() {
        let errors = parse_exercise("x", "# title: T\n\n", None).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.contains("`# task:`")),
            "{messages:?}"
        );
        assert!(messages.iter().any(|m| m.contains("`# goal:`")));
        assert!(messages.iter().any(|m| m.contains("`# hint:`")));
        assert!(messages
            .iter()
            .any(|m| m.contains("no starting Dockerfile")));
    }

    #[test]
    fn empty_values_a_second_title_and_a_bad_name_are_reported() {
        let errors = parse_exercise(
            "a b",
            "# title: T\n# title: U\n# hint:\n# task: t\n# goal: stages > 1\nFROM a",
            None,
        )
        .unwrap_err();
        let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert!(
            shown.iter().any(|e| e.starts_with("file name:")),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|e| e.starts_with("2:3: a second `title:`")),
            "{shown:?}"
        );
        assert!(
            shown.iter().any(|e| e.contains("`hint:` needs a value")),
            "{shown:?}"
        );
    }

    #[test]
    fn a_file_that_is_only_header_or_empty_is_an_error_not_a_panic() {
        assert!(parse_exercise("x", "", None).is_err());
        assert!(parse_exercise("x", "# title: T", None).is_err());
        assert!(parse_exercise("x", "# title: é\n# tâsk: t\n", None).is_err());
    }

    // ---- the goal language ----

    #[test]
    fn goals_of_every_form_parse() {
        assert_eq!(goal("no syntax errors"), Test::NoSyntaxErrors);
        assert_eq!(
            goal("no findings of AL1xx"),
            Test::NoFindings {
                at_least: None,
                pattern: Some("AL1XX".into())
            }
        );
        assert_eq!(
            goal("No warnings of al104"),
            Test::NoFindings {
                at_least: Some(Severity::Warning),
                pattern: Some("AL104".into())
            }
        );
        assert_eq!(
            goal("no errors"),
            Test::NoFindings {
                at_least: Some(Severity::Error),
                pattern: None
            }
        );
        assert_eq!(
            goal("no finding AL104").clone(),
            Test::NoFindings {
                at_least: None,
                pattern: Some("AL104".into())
            }
        );
        assert_eq!(goal("stages >= 2"), Test::Stages(Cmp::Ge, 2.0));
        assert_eq!(goal("size < 50 MB"), Test::Size(Cmp::Lt, 50.0));
        assert_eq!(goal("size under 1.5GB"), Test::Size(Cmp::Lt, 1500.0));
        assert_eq!(goal("size <= 20"), Test::Size(Cmp::Le, 20.0));
        assert_eq!(goal("reduction >= 80%"), Test::Reduction(Cmp::Ge, 80.0));
        assert_eq!(goal("reduction over 80 %"), Test::Reduction(Cmp::Gt, 80.0));
        assert_eq!(
            goal("final base is not builder"),
            Test::FinalBase {
                not: true,
                class: BaseClass::Builder
            }
        );
        assert_eq!(
            goal("final base is scratch"),
            Test::FinalBase {
                not: false,
                class: BaseClass::Scratch
            }
        );
    }

    #[test]
    fn goal_mistakes_say_where_and_what() {
        assert_eq!(goal_error("stages => 2").0, 8);
        assert!(goal_error("stages => 2")
            .1
            .contains("expected a comparison"));
        assert_eq!(
            goal_error("size < 50 KB"),
            (11, "expected `MB` or `GB`, found `kb`".into())
        );
        assert_eq!(goal_error("no findings of AL9xx").0, 16);
        assert_eq!(goal_error("no findings of").0, 15);
        assert_eq!(goal_error("final base is shiny").0, 15);
        assert_eq!(goal_error("final stage is builder").0, 7);
        assert_eq!(goal_error("stages >= 2 please").0, 13);
        assert!(goal_error("make it small")
            .1
            .starts_with("unknown goal `make`"));
        assert_eq!(goal_error("").0, 1);
        assert_eq!(
            goal_error("size < -3 MB").1,
            "expected a number, found `-3`"
        );
        assert_eq!(goal_error("size < NaN").1, "expected a number, found `nan`");
        // Columns count characters, not bytes.
        assert_eq!(goal_error("final base is é").0, 15);
    }

    #[test]
    fn code_patterns_match_digits_and_rests() {
        assert!(code_matches("AL1xx", "AL104"));
        assert!(code_matches("al104", "AL104"));
        assert!(!code_matches("AL1xx", "AL204"));
        assert!(!code_matches("AL10", "AL104"));
        assert!(code_matches("AL2*", "AL271"));
        assert!(code_matches("*", "AL101"));
        assert!(!code_matches("AL1xx", "AL1"));
    }

    #[test]
    fn checking_reports_each_goal_with_what_was_found() {
        let goals: Vec<Goal> = [
            "stages >= 2",
            "no warnings of AL1xx",
            "final base is not builder",
            "size < 50 MB",
        ]
        .iter()
        .map(|g| parse_goal(g).unwrap())
        .collect();
        let text = "FROM cleanstart-golang:1.21-builder\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /usr/local/bin/app .\nUSER 65532\nENTRYPOINT [\"/usr/local/bin/app\"]\n";
        let out = check(&goals, text);
        assert_eq!(out.len(), 5);
        assert!(out[0].pass);
        assert_eq!((out[1].pass, out[1].detail.as_str()), (false, "1 stage(s)"));
        assert!(
            !out[2].pass && out[2].detail.contains("AL102 on line 1"),
            "{:?}",
            out[2]
        );
        assert!(
            !out[3].pass && out[3].detail.contains("a builder image"),
            "{:?}",
            out[3]
        );
        assert!(!out[4].pass && out[4].detail.contains("MB"), "{:?}", out[4]);

        // Failing goals point at their places in the text; passing ones and stage counts do not.
        let at = |o: &Outcome| -> Vec<(String, &str)> {
            o.places
                .iter()
                .map(|p| (p.label.clone(), &text[p.span.start..p.span.end]))
                .collect()
        };
        assert!(out[0].places.is_empty() && out[1].places.is_empty());
        let findings = at(&out[2]);
        assert_eq!(findings[0].0, "AL102 on line 1", "{findings:?}");
        assert!(
            findings[0].1.contains("cleanstart-golang:1.21-builder"),
            "{findings:?}"
        );
        let from = "FROM cleanstart-golang:1.21-builder";
        for o in &out[3..] {
            assert_eq!(at(o), vec![("the final FROM on line 1".to_string(), from)]);
        }
    }

    #[test]
    fn places_are_few_and_follow_the_goal() {
        // Eight stages that each break AL1xx rules: at most six places, in text order.
        let text: String = (0..8)
            .map(|i| format!("FROM golang:1.22 AS s{i}\nRUN go build ./...\n"))
            .collect();
        let goals = vec![parse_goal("no findings").unwrap()];
        let out = check(&goals, &text);
        assert!(!out[1].pass);
        assert_eq!(out[1].places.len(), MAX_PLACES, "{:?}", out[1].places);
        assert!(out[1]
            .places
            .windows(2)
            .all(|w| w[0].span.start <= w[1].span.start));
        // A syntax error is a place of the first outcome.
        let out = check(&goals, "FROM alpine:3.20\nFORM x\n");
        assert_eq!(out[0].places.len(), 1);
        assert_eq!(out[0].places[0].label, "syntax error on line 2");
    }

    #[test]
    fn a_file_with_syntax_errors_never_passes() {
        let goals = vec![parse_goal("stages >= 1").unwrap()];
        let out = check(&goals, "FROM alpine:3.20\nFORM x\n");
        assert!(out[1].pass);
        assert!(
            !out[0].pass && out[0].detail.contains("line 2"),
            "{:?}",
            out[0]
        );
        assert!(!passed(&out));
    }

    #[test]
    fn an_empty_file_fails_size_and_final_base_goals() {
        let goals: Vec<Goal> = [
            "size < 50 MB",
            "final base is not builder",
            "reduction >= 10%",
        ]
        .iter()
        .map(|g| parse_goal(g).unwrap())
        .collect();
        let out = check(&goals, "");
        assert!(out[1..].iter().all(|o| !o.pass), "{out:?}");
    }

    // ---- progress and the query ----

    #[test]
    fn progress_round_trips_and_survives_damage() {
        let mut p = Progress::default();
        p.solved.insert("01-a".into());
        p.current = Some("02-b".into());
        p.hints.insert("02-b".into(), 2);
        assert_eq!(Progress::parse(&p.serialize()), p);
        assert_eq!(p.hints_shown("02-b"), 2);
        assert_eq!(Progress::parse("garbage"), Progress::default());
        assert_eq!(Progress::parse(""), Progress::default());
        let damaged = "airlock-workshop 1\nsolved 01-a\nhints 02-b many\nsolved\nwhat is this\n";
        let q = Progress::parse(damaged);
        assert!(q.solved.contains("01-a") && q.hints.is_empty() && q.solved.len() == 1);
    }

    #[test]
    fn the_query_picks_the_mode() {
        assert_eq!(mode_from_query(""), Mode::Playground);
        assert_eq!(mode_from_query("?workshop"), Mode::Workshop(None));
        assert_eq!(
            mode_from_query("?x=1&workshop=02-python-venv"),
            Mode::Workshop(Some("02-python-venv".into()))
        );
        assert_eq!(mode_from_query("?workshop=<script>"), Mode::Workshop(None));
        assert_eq!(mode_from_query("?trainer"), Mode::Trainer);
        assert_eq!(mode_from_query("?workshop&trainer"), Mode::Trainer);
    }
}
