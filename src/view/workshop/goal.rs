//! The goal language a trainer writes in an exercise's `# goal:` lines.

use crate::engine::registry::RULES;
use crate::engine::Severity;

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
    /// The final stage's image (`cleanstart-golang:1.21-prod`, `scratch`) or the command it
    /// runs (ENTRYPOINT then CMD, words joined by spaces) matches a pattern where `*` is any run
    /// of characters: what ties a goal to the exercise's own program and image.
    FinalMatches {
        what: Final,
        pattern: String,
    },
}

/// What a `final ... matches` goal looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Final {
    Image,
    Command,
}

impl Final {
    pub(super) fn name(self) -> &'static str {
        match self {
            Final::Image => "image",
            Final::Command => "command",
        }
    }
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
    pub(super) fn holds(self, left: f64, right: f64) -> bool {
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
    pub(super) fn name(self) -> &'static str {
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

const GOAL_FORMS: &str = "`no syntax errors`, `no findings|warnings|errors [of CODE]`, `stages OP N`, `size OP N MB`, `reduction OP N%` or `final base is [not] CLASS` or `final image|command matches PATTERN`";

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
            let (column, what) = next("`base`, `image` or `command`")?;
            let what = match what.to_ascii_lowercase().as_str() {
                "base" => None,
                "image" => Some(Final::Image),
                "command" => Some(Final::Command),
                _ => {
                    return Err(GoalError {
                        column,
                        message: format!("expected `base`, `image` or `command`, found `{what}`"),
                    })
                }
            };
            let verb = if what.is_some() { "matches" } else { "is" };
            let (column, word) = next(&format!("`{verb}`"))?;
            if !word.eq_ignore_ascii_case(verb) {
                return Err(GoalError {
                    column,
                    message: format!("expected `{verb}`, found `{word}`"),
                });
            }
            if let Some(what) = what {
                // The pattern is the rest of the goal: a command has spaces.
                let rest: Vec<&str> = words[at..].iter().map(|&(_, w)| w).collect();
                if rest.is_empty() {
                    return Err(GoalError {
                        column: end,
                        message: "expected a pattern such as `*-prod`, found the end of the goal"
                            .into(),
                    });
                }
                return Ok(Goal {
                    text: text.trim().to_string(),
                    test: Test::FinalMatches {
                        what,
                        pattern: rest.join(" "),
                    },
                });
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

/// Whether `text` matches `pattern`, where `*` is any run of characters (none included) and
/// every other character is itself. Linear in practice: on a mismatch only the last `*` is
/// retried further on (at most `pattern × text` steps).
pub fn glob_matches(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&b| b == b'*')
}
