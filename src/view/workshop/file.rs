//! The exercise file format: a `# key: value` header over a starting Dockerfile, and the
//! exercises compiled in from `static/exercises/` (listed by `build.rs`).

use std::fmt;

use super::goal::{parse_goal, Goal};

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
