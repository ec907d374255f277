//! Shell globs (`*`, `?`, `[...]`) for `${V#p}`, `${V%p}`, `${V/p/r}` and the configured image
//! patterns, matched by a set of positions in the pattern advanced one character at a time: no
//! recursion and no backtracking, so time is at most (text length) x (pattern length) per scan,
//! whatever the pattern. Scans charge a step budget so that the worst `${V//p/r}` (a scan from
//! every position) still ends quickly; a scan that runs out gives up and says so.

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    /// `*`: any run of characters, the empty one too.
    Star,
    /// `?`: any one character.
    Any,
    /// `[a-z_]`, `[!0-9]` (or `[^0-9]`): one character in (or not in) the set.
    Class {
        negate: bool,
        set: Vec<char>,
    },
    Char(char),
}

impl Tok {
    fn accepts(&self, c: char) -> bool {
        match self {
            Tok::Star | Tok::Any => true,
            Tok::Char(p) => *p == c,
            Tok::Class { negate, set } => class_accepts(set, c) != *negate,
        }
    }
}

/// Whether `c` is in the set of a `[...]` class (its text between the brackets, negation taken
/// off): single characters and `a-z` ranges.
pub fn class_accepts(set: &[char], c: char) -> bool {
    let mut k = 0;
    while k < set.len() {
        if k + 2 < set.len() && set[k + 1] == '-' {
            if set[k] <= c && c <= set[k + 2] {
                return true;
            }
            k += 3;
        } else {
            if set[k] == c {
                return true;
            }
            k += 1;
        }
    }
    false
}

/// The scan ran out of its step budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfSteps;

#[derive(Clone, Debug)]
pub struct Glob {
    toks: Vec<Tok>,
}

impl Glob {
    pub fn new(pattern: &str) -> Glob {
        let p: Vec<char> = pattern.chars().collect();
        let mut toks = Vec::new();
        let mut i = 0;
        while i < p.len() {
            match p[i] {
                '*' => toks.push(Tok::Star),
                '?' => toks.push(Tok::Any),
                '[' => {
                    // The set runs to the next `]`; without one, `[` is itself.
                    if let Some(close) = p[i + 1..].iter().position(|&c| c == ']') {
                        let inner = &p[i + 1..i + 1 + close];
                        let (negate, set) = match inner.split_first() {
                            Some(('!' | '^', set)) => (true, set),
                            _ => (false, inner),
                        };
                        toks.push(Tok::Class {
                            negate,
                            set: set.to_vec(),
                        });
                        i += close + 2;
                        continue;
                    }
                    toks.push(Tok::Char('['));
                }
                c => toks.push(Tok::Char(c)),
            }
            i += 1;
        }
        Glob { toks }
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The same pattern read backwards: it matches the reversed texts this one matches.
    pub fn reversed(&self) -> Glob {
        Glob {
            toks: self.toks.iter().rev().cloned().collect(),
        }
    }

    /// Whether the whole of `text` matches.
    pub fn matches(&self, text: &[char]) -> bool {
        let mut last = None;
        let mut unbounded = usize::MAX;
        let _ = self.scan(text, &mut unbounded, |end| {
            last = Some(end);
            true
        });
        last == Some(text.len())
    }

    /// Calls `found(n)` for each `n`, in increasing order, such that the first `n` characters of
    /// `text` match the whole pattern, until `found` returns false or nothing longer can match.
    /// Each character costs the pattern's length plus one, from `budget`: what reading it
    /// takes (every position is visited, alive or not). Counting only the live positions let a
    /// long pattern with few of them alive run far past the budget: 1.4 s for a 3 KB file.
    pub fn scan(
        &self,
        text: &[char],
        budget: &mut usize,
        mut found: impl FnMut(usize) -> bool,
    ) -> Result<(), OutOfSteps> {
        let m = self.toks.len();
        let mut live = vec![false; m + 1];
        live[0] = true;
        self.close(&mut live);
        let mut next = vec![false; m + 1];
        for n in 0..=text.len() {
            if live[m] && !found(n) {
                return Ok(());
            }
            let Some(&c) = text.get(n) else {
                break;
            };
            next.fill(false);
            for (j, tok) in self.toks.iter().enumerate() {
                if !live[j] {
                    continue;
                }
                match tok {
                    Tok::Star => next[j] = true,
                    tok if tok.accepts(c) => next[j + 1] = true,
                    _ => {}
                }
            }
            *budget = budget.checked_sub(m + 1).ok_or(OutOfSteps)?;
            self.close(&mut next);
            std::mem::swap(&mut live, &mut next);
            if !live.contains(&true) {
                break;
            }
        }
        Ok(())
    }

    /// Adds the positions reachable without reading: past each `*`, which may match nothing.
    fn close(&self, live: &mut [bool]) {
        for (j, tok) in self.toks.iter().enumerate() {
            if live[j] && *tok == Tok::Star {
                live[j + 1] = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn m(pattern: &str, text: &str) -> bool {
        Glob::new(pattern).matches(&text.chars().collect::<Vec<_>>())
    }

    #[test]
    fn wildcards_classes_and_literals() {
        assert!(m("*", ""));
        assert!(m("a*c", "abbbc"));
        assert!(!m("a*c", "abbb"));
        assert!(m("?b", "ab"));
        assert!(!m("?", ""));
        assert!(m("[a-c]x", "bx"));
        assert!(!m("[!a-c]x", "bx"));
        assert!(m("[^a-c]x", "dx"));
        assert!(m("[x", "[x"));
        assert!(!m("[]", "a"));
        assert!(m("golang:*-builder", "golang:1.22-builder"));
    }

    #[test]
    fn the_budget_stops_a_scan() {
        let text: Vec<char> = "a".repeat(1000).chars().collect();
        let mut budget = 10;
        let scan = Glob::new("*b").scan(&text, &mut budget, |_| true);
        assert_eq!(scan, Err(OutOfSteps));
        let mut budget = usize::MAX;
        assert_eq!(Glob::new("*b").scan(&text, &mut budget, |_| true), Ok(()));
    }

    #[test]
    fn a_long_pattern_costs_its_length_per_character_read() {
        // `*` and 1,000 literals: after the first characters only the star's positions are
        // alive, but each character still visits all 1,002 of them.
        let pattern = format!("*{}", "x".repeat(1000));
        let text: Vec<char> = "a".repeat(10).chars().collect();
        let mut budget = usize::MAX;
        assert_eq!(
            Glob::new(&pattern).scan(&text, &mut budget, |_| true),
            Ok(())
        );
        assert_eq!(usize::MAX - budget, 10 * 1002);
    }

    #[test]
    fn many_stars_on_a_long_text_take_linear_time() {
        // Exponential for a backtracking matcher.
        let text: Vec<char> = "a".repeat(20_000).chars().collect();
        let pattern = format!("{}*b", "*a".repeat(30));
        assert!(!Glob::new(&pattern).matches(&text));
        assert!(Glob::new(&"*a".repeat(30)).matches(&text));
    }

    /// The shell's definition, read off the pattern directly (exponential, so small inputs only).
    fn reference(pattern: &[char], text: &[char]) -> bool {
        match pattern.split_first() {
            None => text.is_empty(),
            Some(('*', rest)) => (0..=text.len()).any(|i| reference(rest, &text[i..])),
            Some(('?', rest)) => !text.is_empty() && reference(rest, &text[1..]),
            Some(('[', rest)) => {
                let Some(close) = rest.iter().position(|&c| c == ']') else {
                    return text.first() == Some(&'[') && reference(rest, &text[1..]);
                };
                let Some(&c) = text.first() else {
                    return false;
                };
                let class: String = std::iter::once('[')
                    .chain(rest[..=close].iter().copied())
                    .collect();
                Glob::new(&class).toks[0].accepts(c) && reference(&rest[close + 1..], &text[1..])
            }
            Some((&p, rest)) => text.first() == Some(&p) && reference(rest, &text[1..]),
        }
    }

    proptest! {
        #[test]
        fn agrees_with_the_definition(pattern in "[ab*?\\[\\]!^-]{0,8}", text in "[ab\\[\\]-]{0,10}") {
            let p: Vec<char> = pattern.chars().collect();
            let t: Vec<char> = text.chars().collect();
            prop_assert_eq!(Glob::new(&pattern).matches(&t), reference(&p, &t));
            // And the reversed pattern on the reversed text.
            let rt: Vec<char> = t.iter().rev().copied().collect();
            prop_assert_eq!(Glob::new(&pattern).reversed().matches(&rt), reference(&p, &t));
        }
    }
}
