//! BuildKit's word expansion for FROM and `--from=` values: quotes, escapes and `$V`, `${V}`,
//! `${V:-x}`, `${V-x}`, `${V:+x}`, `${V+x}`, `${V:?x}`, `${V?x}`, `${V#p}`, `${V##p}`, `${V%p}`,
//! `${V%%p}`, `${V/p/r}`, `${V//p/r}`. Bounded for hostile input: a value stops growing at
//! [`MAX_VALUE`] bytes and the pattern operators share a step budget, each noted as a problem
//! when it bites.

use super::glob::{Glob, OutOfSteps};

/// The longest value an expansion keeps, in bytes. ARGs that repeat each other double with each
/// line (`ARG B=$A$A`): forty such lines would need a terabyte.
pub const MAX_VALUE: usize = 64 * 1024;

/// How deep `${A:-${B:-...}}` is followed: deeper references expand to nothing (and the
/// recursion stays short whatever the input).
pub const MAX_NESTING: usize = 32;

/// Glob steps the expansions of one reader (the graph builder, or the rules of one analysis)
/// may spend on `#`, `%` and `/` patterns together: about 80 ms natively, where a pattern on a
/// real value takes a few dozen steps and one over a 64 KB value without `*` a few hundred
/// thousand. A budget of 4,000,000 per expansion was not enough: a 3 KB file of five FROMs
/// each matching `*...` against a long ARG took 1.8 s to draw, each expansion spending all of
/// its own.
const MAX_STEPS: usize = 1_000_000;

/// The glob steps left to a reader's expansions ([`expand_within`]); once spent, every pattern
/// after gives up (the value kept, the problem noted).
pub struct Budget(std::cell::Cell<usize>);

impl Default for Budget {
    fn default() -> Self {
        Budget(std::cell::Cell::new(MAX_STEPS))
    }
}

type Steps<T> = Result<T, OutOfSteps>;

/// What went wrong while expanding; the word still expands, with the problem noted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// `$NAME` where NAME has no value in scope.
    Undefined(String),
    /// `${NAME:?message}` (or `?`) where NAME is unset or empty.
    Required(String, String),
    /// The value grew past [`MAX_VALUE`] and was cut there.
    TooLong,
    /// Matching the pattern of `${NAME#...}`, `%` or `/` on NAME's value ran out of steps: the
    /// value is left as it was.
    TooCostly(String),
    /// References nested deeper than [`MAX_NESTING`]: the deeper ones expand to nothing.
    TooDeep,
}

/// The expanded word and the problems met on the way.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Expanded {
    pub value: String,
    pub problems: Vec<Problem>,
}

/// Expands `word` with `lookup` giving each variable's value (`None`: not defined), with a
/// budget of its own.
pub fn expand(word: &str, escape: char, lookup: &dyn Fn(&str) -> Option<String>) -> Expanded {
    expand_within(word, escape, lookup, &Budget::default())
}

/// Expands `word` as [`expand`] does, spending glob steps from `budget`.
pub fn expand_within(
    word: &str,
    escape: char,
    lookup: &dyn Fn(&str) -> Option<String>,
    budget: &Budget,
) -> Expanded {
    let mut out = Expanded::default();
    let chars: Vec<char> = word.chars().collect();
    let mut lexer = Lexer {
        chars: &chars,
        i: 0,
        escape,
        lookup,
        problems: &mut out.problems,
        budget: budget.0.get(),
        cut: false,
        depth: 0,
    };
    let mut value = lexer.word(None);
    lexer.cap(&mut value);
    budget.0.set(lexer.budget);
    out.value = value;
    out
}

struct Lexer<'a, 'p> {
    chars: &'a [char],
    i: usize,
    escape: char,
    lookup: &'a dyn Fn(&str) -> Option<String>,
    problems: &'p mut Vec<Problem>,
    /// Glob steps left.
    budget: usize,
    /// Whether a value was cut at [`MAX_VALUE`] (noted once).
    cut: bool,
    /// `${` open around the reader.
    depth: usize,
}

impl Lexer<'_, '_> {
    /// Reads until the end, or until `stop` outside quotes (used for `${V:-word}`).
    fn word(&mut self, stop: Option<&[char]>) -> String {
        let mut out = String::new();
        while let Some(&c) = self.chars.get(self.i) {
            if stop.is_some_and(|s| s.contains(&c)) {
                break;
            }
            self.i += 1;
            match c {
                '\'' => {
                    while let Some(&c) = self.chars.get(self.i) {
                        self.i += 1;
                        if c == '\'' {
                            break;
                        }
                        out.push(c);
                    }
                }
                '"' => {
                    while let Some(&c) = self.chars.get(self.i) {
                        self.i += 1;
                        match c {
                            '"' => break,
                            '$' => {
                                out.push_str(&self.dollar());
                                self.cap(&mut out);
                            }
                            c if c == self.escape => {
                                if let Some(&n) = self.chars.get(self.i) {
                                    self.i += 1;
                                    // Inside double quotes only these are escapable.
                                    if !matches!(n, '"' | '$') && n != self.escape {
                                        out.push(c);
                                    }
                                    out.push(n);
                                }
                            }
                            c => out.push(c),
                        }
                    }
                }
                '$' => {
                    out.push_str(&self.dollar());
                    self.cap(&mut out);
                }
                c if c == self.escape => {
                    if let Some(&n) = self.chars.get(self.i) {
                        self.i += 1;
                        out.push(n);
                    }
                }
                c => out.push(c),
            }
        }
        out
    }

    /// Cuts `out` at [`MAX_VALUE`] (on a character boundary), noting it the first time.
    fn cap(&mut self, out: &mut String) {
        if out.len() <= MAX_VALUE {
            return;
        }
        let mut at = MAX_VALUE;
        while !out.is_char_boundary(at) {
            at -= 1;
        }
        out.truncate(at);
        if !self.cut {
            self.cut = true;
            self.problems.push(Problem::TooLong);
        }
    }

    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(&c) = self.chars.get(self.i) {
            if !(c.is_ascii_alphanumeric() || c == '_') {
                break;
            }
            name.push(c);
            self.i += 1;
        }
        name
    }

    fn value(&mut self, name: &str) -> Option<String> {
        (self.lookup)(name)
    }

    /// After a `$`: the reference's value (or the `$` itself when nothing follows).
    fn dollar(&mut self) -> String {
        match self.chars.get(self.i) {
            Some('{') if self.depth >= MAX_NESTING => {
                // Too deep to follow: skip the reference, braces paired, and note it once.
                let mut open = 0usize;
                while let Some(&c) = self.chars.get(self.i) {
                    self.i += 1;
                    match c {
                        '{' => open += 1,
                        '}' if open <= 1 => break,
                        '}' => open -= 1,
                        _ => {}
                    }
                }
                if !self.problems.contains(&Problem::TooDeep) {
                    self.problems.push(Problem::TooDeep);
                }
                String::new()
            }
            Some('{') => {
                self.i += 1;
                self.depth += 1;
                let value = self.braced();
                self.depth -= 1;
                value
            }
            Some(&c) if c.is_ascii_alphabetic() || c == '_' => {
                let name = self.name();
                self.value(&name).unwrap_or_else(|| {
                    self.problems.push(Problem::Undefined(name));
                    String::new()
                })
            }
            _ => "$".to_string(),
        }
    }

    fn braced(&mut self) -> String {
        let name = self.name();
        let value = self.value(&name);
        let rest: String = self.chars[self.i..].iter().take(2).collect();
        let op = [
            "//", "##", "%%", ":-", ":+", ":?", "-", "+", "?", "#", "%", "/",
        ]
        .into_iter()
        .find(|op| rest.starts_with(op));
        let Some(op) = op else {
            // `${NAME}` (or something malformed: skip to the brace).
            self.skip_to_brace();
            return value.unwrap_or_else(|| {
                self.problems.push(Problem::Undefined(name));
                String::new()
            });
        };
        self.i += op.chars().count();
        let (word, replacement) = if op.starts_with('/') {
            let pattern = self.word(Some(&['/', '}']));
            let replacement = if self.chars.get(self.i) == Some(&'/') {
                self.i += 1;
                self.word(Some(&['}']))
            } else {
                String::new()
            };
            (pattern, replacement)
        } else {
            (self.word(Some(&['}'])), String::new())
        };
        self.skip_to_brace();
        let set = value.is_some();
        let non_empty = value.as_deref().is_some_and(|v| !v.is_empty());
        let v = value.unwrap_or_default();
        let budget = &mut self.budget;
        let patterned = match op {
            "#" => strip_prefix(&v, &word, false, budget),
            "##" => strip_prefix(&v, &word, true, budget),
            "%" => strip_suffix(&v, &word, false, budget),
            "%%" => strip_suffix(&v, &word, true, budget),
            "/" => replace(&v, &word, &replacement, false, budget),
            "//" => replace(&v, &word, &replacement, true, budget),
            _ => Ok(String::new()),
        };
        match op {
            ":-" => {
                if non_empty {
                    v
                } else {
                    word
                }
            }
            "-" => {
                if set {
                    v
                } else {
                    word
                }
            }
            ":+" => {
                if non_empty {
                    word
                } else {
                    String::new()
                }
            }
            "+" => {
                if set {
                    word
                } else {
                    String::new()
                }
            }
            ":?" | "?" => {
                if (op == ":?" && !non_empty) || (op == "?" && !set) {
                    self.problems.push(Problem::Required(name, word));
                }
                v
            }
            _ => patterned.unwrap_or_else(|OutOfSteps| {
                self.budget = 0;
                self.problems.push(Problem::TooCostly(name));
                v
            }),
        }
    }

    fn skip_to_brace(&mut self) {
        while let Some(&c) = self.chars.get(self.i) {
            self.i += 1;
            if c == '}' {
                break;
            }
        }
    }
}

/// Whether `text` matches the shell glob `pattern` as a whole.
pub fn glob_matches(pattern: &str, text: &str) -> bool {
    Glob::new(pattern).matches(&text.chars().collect::<Vec<_>>())
}

/// `${V#p}` (`longest`: `##`): `value` without the shortest (longest) prefix matching `pattern`.
fn strip_prefix(value: &str, pattern: &str, longest: bool, budget: &mut usize) -> Steps<String> {
    let v: Vec<char> = value.chars().collect();
    let cut = first_or_last_end(&Glob::new(pattern), &v, longest, budget)?;
    Ok(cut.map_or_else(|| value.to_string(), |n| v[n..].iter().collect()))
}

/// `${V%p}` (`longest`: `%%`): `value` without the shortest (longest) suffix matching `pattern`,
/// found as a prefix of the reversed value.
fn strip_suffix(value: &str, pattern: &str, longest: bool, budget: &mut usize) -> Steps<String> {
    let v: Vec<char> = value.chars().rev().collect();
    let cut = first_or_last_end(&Glob::new(pattern).reversed(), &v, longest, budget)?;
    Ok(cut.map_or_else(|| value.to_string(), |n| v[n..].iter().rev().collect()))
}

/// The shortest (or longest) `n` such that `text[..n]` matches `glob`.
fn first_or_last_end(
    glob: &Glob,
    text: &[char],
    longest: bool,
    budget: &mut usize,
) -> Steps<Option<usize>> {
    let mut cut = None;
    glob.scan(text, budget, |n| {
        cut = Some(n);
        longest
    })?;
    Ok(cut)
}

/// `${V/p/r}` (`all`: `${V//p/r}`): the longest non-empty match at the first (every) place
/// replaced by `with`. Stops adding once the result passes [`MAX_VALUE`].
fn replace(value: &str, pattern: &str, with: &str, all: bool, budget: &mut usize) -> Steps<String> {
    let v: Vec<char> = value.chars().collect();
    let glob = Glob::new(pattern);
    if glob.is_empty() {
        return Ok(value.to_string());
    }
    let mut out = String::new();
    let mut i = 0;
    let mut replaced = false;
    while i < v.len() && out.len() <= MAX_VALUE {
        if !replaced || all {
            let mut end = None;
            glob.scan(&v[i..], budget, |n| {
                if n > 0 {
                    end = Some(i + n);
                }
                true
            })?;
            if let Some(end) = end {
                out.push_str(with);
                i = end;
                replaced = true;
                continue;
            }
        }
        out.push(v[i]);
        i += 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "GO" => Some("1.22".into()),
            "EMPTY" => Some(String::new()),
            "PATHV" => Some("/usr/local/bin/app".into()),
            "IMG" => Some("golang:1.22-alpine".into()),
            _ => None,
        }
    }

    fn x(word: &str) -> String {
        expand(word, '\\', &env).value
    }

    #[test]
    fn plain_and_braced() {
        assert_eq!(x("golang:$GO"), "golang:1.22");
        assert_eq!(x("golang:${GO}-alpine"), "golang:1.22-alpine");
        assert_eq!(x("a$"), "a$");
    }

    #[test]
    fn defaults_and_alternatives() {
        assert_eq!(x("${NOPE:-1.21}"), "1.21");
        assert_eq!(x("${EMPTY:-d}"), "d");
        assert_eq!(x("${EMPTY-d}"), "");
        assert_eq!(x("${NOPE-d}"), "d");
        assert_eq!(x("${GO:+set}"), "set");
        assert_eq!(x("${EMPTY:+set}"), "");
        assert_eq!(x("${EMPTY+set}"), "set");
        assert_eq!(x("${NOPE:-${GO}}"), "1.22");
    }

    #[test]
    fn prefix_suffix_and_replace() {
        assert_eq!(x("${PATHV#*/}"), "usr/local/bin/app");
        assert_eq!(x("${PATHV##*/}"), "app");
        assert_eq!(x("${PATHV%/*}"), "/usr/local/bin");
        assert_eq!(x("${PATHV%%/b*}"), "/usr/local");
        assert_eq!(x("${IMG/-alpine/}"), "golang:1.22");
        assert_eq!(x("${PATHV//l/L}"), "/usr/LocaL/bin/app");
        assert_eq!(x("${IMG%-[a-z]*}"), "golang:1.22");
    }

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(x("\"alpine:$GO\""), "alpine:1.22");
        assert_eq!(x("'alpine:$GO'"), "alpine:$GO");
        assert_eq!(x("\\$GO"), "$GO");
        assert_eq!(expand("`$GO", '`', &env).value, "$GO");
    }

    #[test]
    fn problems_are_reported() {
        let e = expand("img:$NOPE", '\\', &env);
        assert_eq!(e.value, "img:");
        assert_eq!(e.problems, [Problem::Undefined("NOPE".into())]);
        let e = expand("${NOPE:?need it}", '\\', &env);
        assert_eq!(
            e.problems,
            [Problem::Required("NOPE".into(), "need it".into())]
        );
        // A default makes an undefined variable fine.
        assert!(expand("${NOPE:-x}", '\\', &env).problems.is_empty());
    }

    #[test]
    fn a_value_stops_growing_at_the_limit() {
        let big = "ab".repeat(MAX_VALUE / 2);
        let lookup = |name: &str| (name == "BIG").then(|| big.clone());
        let e = expand("$BIG$BIG$BIG", '\\', &lookup);
        assert_eq!(e.value.len(), MAX_VALUE);
        assert_eq!(e.problems, [Problem::TooLong]);
        // A replacement that multiplies the length stops there too.
        let e = expand("${BIG//a/xxxxxxxxxxxxxxxx}", '\\', &lookup);
        assert_eq!(e.value.len(), MAX_VALUE);
        assert_eq!(e.problems, [Problem::TooLong]);
        // Cut on a character boundary.
        let wide = "é".repeat(MAX_VALUE);
        let lookup = |_: &str| Some(wide.clone());
        let e = expand("x$W", '\\', &lookup);
        assert!(e.value.len() <= MAX_VALUE && e.value.len() > MAX_VALUE - 2);
    }

    #[test]
    fn deep_nesting_expands_to_nothing_past_the_limit() {
        let word = format!("{}x{}", "${NOPE:-".repeat(100_000), "}".repeat(100_000));
        let e = expand(&word, '\\', &env);
        assert_eq!(e.value, "");
        assert_eq!(e.problems, [Problem::TooDeep]);
        let word = format!(
            "{}x{}",
            "${NOPE:-".repeat(MAX_NESTING),
            "}".repeat(MAX_NESTING)
        );
        assert_eq!(x(&word), "x");
        // Unclosed, as when typing.
        let e = expand(&"${NOPE:-".repeat(100_000), '\\', &env);
        assert_eq!(e.problems, [Problem::TooDeep]);
    }

    #[test]
    fn a_costly_pattern_gives_up_and_keeps_the_value() {
        let long = "a".repeat(MAX_VALUE);
        let lookup = |_: &str| Some(long.clone());
        // No `b` anywhere: every start scans to the end.
        let e = expand("${V//*b/c}", '\\', &lookup);
        assert_eq!(e.value, long);
        assert_eq!(e.problems, [Problem::TooCostly("V".into())]);
        // The one-scan operators are cheap on the same value.
        let e = expand("${V%%*b}${V##a*}", '\\', &lookup);
        assert!(e.problems.is_empty());
        assert_eq!(e.value, long);
    }

    #[test]
    fn expansions_sharing_a_budget_stop_paying_once_it_is_spent() {
        let long = "a".repeat(2_000);
        let lookup = |_: &str| Some(long.clone());
        let budget = Budget::default();
        // The first costly pattern spends the whole budget; the ones after give up at once
        // (each would otherwise spend a budget of its own), as do cheap ones.
        for word in ["${V//*b/c}", "${V//*b/c}", "${V//*b/c}", "${V#a}"] {
            let e = expand_within(word, '\\', &lookup, &budget);
            assert_eq!(e.problems, [Problem::TooCostly("V".into())], "{word}");
            assert_eq!(budget.0.get(), 0);
        }
        // Apart, each expansion has its own.
        assert!(expand("${V#a}", '\\', &lookup).problems.is_empty());
    }
}
