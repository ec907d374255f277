//! BuildKit's word expansion for FROM and `--from=` values: quotes, escapes and `$V`, `${V}`,
//! `${V:-x}`, `${V-x}`, `${V:+x}`, `${V+x}`, `${V:?x}`, `${V?x}`, `${V#p}`, `${V##p}`, `${V%p}`,
//! `${V%%p}`, `${V/p/r}`, `${V//p/r}`.

/// What went wrong while expanding; the word still expands, with the problem noted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// `$NAME` where NAME has no value in scope.
    Undefined(String),
    /// `${NAME:?message}` (or `?`) where NAME is unset or empty.
    Required(String, String),
}

/// The expanded word and the problems met on the way.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Expanded {
    pub value: String,
    pub problems: Vec<Problem>,
}

/// Expands `word` with `lookup` giving each variable's value (`None`: not defined).
pub fn expand(word: &str, escape: char, lookup: &dyn Fn(&str) -> Option<String>) -> Expanded {
    let mut out = Expanded::default();
    let chars: Vec<char> = word.chars().collect();
    let mut lexer = Lexer {
        chars: &chars,
        i: 0,
        escape,
        lookup,
        problems: &mut out.problems,
    };
    out.value = lexer.word(None);
    out
}

struct Lexer<'a, 'p> {
    chars: &'a [char],
    i: usize,
    escape: char,
    lookup: &'a dyn Fn(&str) -> Option<String>,
    problems: &'p mut Vec<Problem>,
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
                            '$' => out.push_str(&self.dollar()),
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
                '$' => out.push_str(&self.dollar()),
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
            Some('{') => {
                self.i += 1;
                self.braced()
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
            "#" => strip_prefix(&v, &word, false),
            "##" => strip_prefix(&v, &word, true),
            "%" => strip_suffix(&v, &word, false),
            "%%" => strip_suffix(&v, &word, true),
            "/" => replace(&v, &word, &replacement, false),
            _ => replace(&v, &word, &replacement, true),
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
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    glob(&p, &t)
}

/// Shell glob match of the whole `text` against `pattern` (`*`, `?`, `[...]`).
fn glob(pattern: &[char], text: &[char]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some(('*', rest)) => (0..=text.len()).any(|i| glob(rest, &text[i..])),
        Some(('?', rest)) => !text.is_empty() && glob(rest, &text[1..]),
        Some(('[', rest)) => {
            let Some(close) = rest.iter().position(|&c| c == ']') else {
                return text.first() == Some(&'[') && glob(rest, &text[1..]);
            };
            let Some(&c) = text.first() else {
                return false;
            };
            let (negate, set) = match rest[..close].split_first() {
                Some(('!' | '^', set)) => (true, set),
                _ => (false, &rest[..close]),
            };
            let mut hit = false;
            let mut k = 0;
            while k < set.len() {
                if k + 2 < set.len() && set[k + 1] == '-' {
                    hit |= set[k] <= c && c <= set[k + 2];
                    k += 3;
                } else {
                    hit |= set[k] == c;
                    k += 1;
                }
            }
            hit != negate && glob(&rest[close + 1..], &text[1..])
        }
        Some((&p, rest)) => text.first() == Some(&p) && glob(rest, &text[1..]),
    }
}

fn strip_prefix(value: &str, pattern: &str, longest: bool) -> String {
    let v: Vec<char> = value.chars().collect();
    let p: Vec<char> = pattern.chars().collect();
    let mut cuts: Vec<usize> = (0..=v.len()).collect();
    if longest {
        cuts.reverse();
    }
    cuts.into_iter()
        .find(|&i| glob(&p, &v[..i]))
        .map_or_else(|| value.to_string(), |i| v[i..].iter().collect())
}

fn strip_suffix(value: &str, pattern: &str, longest: bool) -> String {
    let v: Vec<char> = value.chars().collect();
    let p: Vec<char> = pattern.chars().collect();
    let mut cuts: Vec<usize> = (0..=v.len()).rev().collect();
    if longest {
        cuts.reverse();
    }
    cuts.into_iter()
        .find(|&i| glob(&p, &v[i..]))
        .map_or_else(|| value.to_string(), |i| v[..i].iter().collect())
}

fn replace(value: &str, pattern: &str, with: &str, all: bool) -> String {
    let v: Vec<char> = value.chars().collect();
    let p: Vec<char> = pattern.chars().collect();
    if p.is_empty() {
        return value.to_string();
    }
    let mut out = String::new();
    let mut i = 0;
    let mut replaced = false;
    while i < v.len() {
        if !replaced || all {
            // Longest match starting at i.
            if let Some(end) = (i + 1..=v.len()).rev().find(|&e| glob(&p, &v[i..e])) {
                out.push_str(with);
                i = end;
                replaced = true;
                continue;
            }
        }
        out.push(v[i]);
        i += 1;
    }
    out
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
}
