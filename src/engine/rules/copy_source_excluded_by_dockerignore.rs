//! AL220: a COPY or ADD of a context path that the `.dockerignore` excludes (BuildKit's
//! CopyIgnoredFile), with the ignore file read by BuildKit's pattern rules.

use crate::engine::graph::class_accepts;
use crate::engine::paths::{absolute_path, copy_paths};
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports a COPY or ADD source from the build context that the context's `.dockerignore`
    /// excludes. Needs the ignore file: `airlock check --context DIR` reads
    /// `DIR/.dockerignore`; without one nothing is reported. The patterns are read as BuildKit
    /// reads them: `#` comments, `*` and `?` within a path part, `**` across parts, `!` for an
    /// exception, a leading `/` or `./` ignored, and a pattern that names a directory
    /// excludes everything in it. A source is not reported when a later `!` exception can bring
    /// back something at or below it (`COPY sub /sub` with `sub` and `!sub/a.txt`), and
    /// `COPY . .` only when the ignore file excludes every name at the top of the context.
    /// `COPY --from` reads another stage, not the context, and is left alone.
    ///
    /// ## Why is this bad?
    /// The excluded file is never sent to the builder: the build stops with "not found", or a
    /// wildcard copies less than the line says.
    ///
    /// ## Example
    /// ```dockerfile
    /// # .dockerignore: Dockerfile
    /// FROM scratch
    /// COPY Dockerfile /
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # .dockerignore: Dockerfile (copy only what the context sends)
    /// FROM scratch
    /// COPY app /app
    /// ```
    ///
    /// ## References
    /// - BuildKit: CopyIgnoredFile, <https://docs.docker.com/reference/build-checks/copy-ignored-file/>
    /// - Patterns: <https://docs.docker.com/build/concepts/context/#dockerignore-files>
    code: "AL220",
    name: "copy_source_excluded_by_dockerignore",
    severity: Warning,
    category: Correctness,
    fixable: false,
    aliases: ["CopyIgnoredFile"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let Some(text) = cx.config.dockerignore.as_deref() else {
        return Vec::new();
    };
    let patterns = read_patterns(text);
    if patterns.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for inst in &cx.tree.instructions {
        if inst.flag("from").is_some() {
            continue;
        }
        let Some((sources, _)) = copy_paths(inst) else {
            continue;
        };
        let verb = if inst.keyword.kind == crate::engine::syntax::Kw::Add {
            "ADD"
        } else {
            "COPY"
        };
        for src in sources {
            if src.contains("://") || src.starts_with("git@") || src.contains('$') {
                continue;
            }
            let path = clean(&src);
            if excluded(&patterns, &path) {
                hits.push(Hit::new(
                    inst.span,
                    format!("{verb} source `{path}` is excluded by the .dockerignore"),
                ));
            }
        }
    }
    hits
}

/// One line of the ignore file.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Pattern {
    /// `!`: brings back what earlier patterns excluded.
    exception: bool,
    toks: Vec<Tok>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Char(char),
    /// `*`: a run of characters within one path part.
    Star,
    /// `?`: one character other than `/`.
    One,
    /// `[...]`: one character in (or, with `^`/`!`, not in) the set.
    Class {
        negate: bool,
        set: Vec<char>,
    },
    /// `**` (and `**/`) in the middle: nothing, or any path ending in `/`.
    Parts,
    /// `**` at the end: anything.
    Rest,
}

/// The ignore file's patterns, cleaned as BuildKit cleans them.
fn read_patterns(text: &str) -> Vec<Pattern> {
    let mut out = Vec::new();
    for line in text.trim_start_matches('\u{feff}').lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut p = line.trim();
        let exception = p.starts_with('!');
        if exception {
            p = p[1..].trim();
        }
        if p.is_empty() {
            continue;
        }
        let cleaned = clean(p);
        out.push(Pattern {
            exception,
            toks: compile(&cleaned),
        });
    }
    out
}

/// A path as Go's `filepath.Clean` leaves it, made relative to the context (`./a//b/` -> `a/b`,
/// `/a` -> `a`, `` -> `.`).
fn clean(path: &str) -> String {
    match absolute_path(path).as_str() {
        "/" => ".".to_string(),
        p => p[1..].to_string(),
    }
}

fn compile(pattern: &str) -> Vec<Tok> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '*' if chars.get(i) == Some(&'*') => {
                i += 1;
                if chars.get(i) == Some(&'/') {
                    i += 1;
                }
                toks.push(if i >= chars.len() {
                    Tok::Rest
                } else {
                    Tok::Parts
                });
            }
            '*' => toks.push(Tok::Star),
            '?' => toks.push(Tok::One),
            '\\' => toks.push(Tok::Char(chars.get(i).copied().unwrap_or('\\'))),
            '[' => {
                let close = chars[i..].iter().position(|&c| c == ']');
                match close {
                    Some(n) => {
                        let mut set: Vec<char> = chars[i..i + n].to_vec();
                        let negate = matches!(set.first(), Some('^' | '!'));
                        if negate {
                            set.remove(0);
                        }
                        toks.push(Tok::Class { negate, set });
                        i += n + 1;
                    }
                    None => toks.push(Tok::Char('[')),
                }
            }
            c => toks.push(Tok::Char(c)),
        }
        if c == '\\' && i < chars.len() {
            i += 1;
        }
    }
    toks
}

/// Where a match can stand: before token `pos`, and for `Parts` whether it may end here (at
/// its start or right after a `/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct State {
    pos: usize,
    fresh: bool,
}

/// The states reachable without reading a character.
fn close(toks: &[Tok], states: &mut Vec<State>) {
    let mut k = 0;
    while k < states.len() {
        let s = states[k];
        let skip = match toks.get(s.pos) {
            Some(Tok::Star | Tok::Rest) => true,
            Some(Tok::Parts) => s.fresh,
            _ => false,
        };
        let next = State {
            pos: s.pos + 1,
            fresh: true,
        };
        if skip && !states.contains(&next) {
            states.push(next);
        }
        k += 1;
    }
}

/// The states after reading `text`, from the start of the pattern: one set of positions moved
/// on per character, so no backtracking.
fn run(toks: &[Tok], text: &str) -> Vec<State> {
    let mut states = vec![State {
        pos: 0,
        fresh: true,
    }];
    close(toks, &mut states);
    for c in text.chars() {
        let mut next = Vec::new();
        for s in &states {
            let moved = match toks.get(s.pos) {
                Some(Tok::Char(p)) => (*p == c).then_some((s.pos + 1, true)),
                Some(Tok::One) => (c != '/').then_some((s.pos + 1, true)),
                Some(Tok::Class { negate, set }) => {
                    (class_accepts(set, c) != *negate).then_some((s.pos + 1, true))
                }
                Some(Tok::Star) => (c != '/').then_some((s.pos, true)),
                Some(Tok::Rest) => Some((s.pos, true)),
                Some(Tok::Parts) => Some((s.pos, c == '/')),
                None => None,
            };
            if let Some((pos, fresh)) = moved {
                let st = State { pos, fresh };
                if !next.contains(&st) {
                    next.push(st);
                }
            }
        }
        close(toks, &mut next);
        states = next;
        if states.is_empty() {
            break;
        }
    }
    states
}

fn matches(p: &Pattern, path: &str) -> bool {
    run(&p.toks, path).iter().any(|s| s.pos == p.toks.len())
}

/// Whether the pattern matches `path` or one of the directories it is in.
fn matches_or_parent(p: &Pattern, path: &str) -> bool {
    matches(p, path) || path.match_indices('/').any(|(i, _)| matches(p, &path[..i]))
}

/// A name only a wildcard matches: stands for "any file at the top of the context".
const ANY_NAME: &str = "\u{1}";

/// Whether the ignore file keeps `path` (a cleaned source; `.` for the whole context) out of
/// the context, with nothing under it brought back by a later exception.
fn excluded(patterns: &[Pattern], path: &str) -> bool {
    let probe = if path == "." { ANY_NAME } else { path };
    let mut out = false;
    let mut last = None;
    for (i, p) in patterns.iter().enumerate() {
        // As BuildKit: an exclusion only matters while the path is kept, an exception only
        // while it is excluded.
        if p.exception == out && matches_or_parent(p, probe) {
            out = !p.exception;
            if out {
                last = Some(i);
            }
        }
    }
    let Some(last) = last.filter(|_| out) else {
        return false;
    };
    // What a later exception could bring back below the source: the part before any wildcard.
    let prefix = match path {
        "." => String::new(),
        p => {
            let fixed = p.find(['*', '?', '[']).map_or(p, |w| &p[..w]);
            match fixed.rfind('/') {
                Some(slash) if fixed.len() < p.len() => fixed[..=slash].to_string(),
                _ if fixed.len() < p.len() => String::new(),
                _ => format!("{fixed}/"),
            }
        }
    };
    !patterns[last + 1..]
        .iter()
        .any(|p| p.exception && !run(&p.toks, &prefix).is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(ignore: &str, path: &str) -> bool {
        excluded(&read_patterns(ignore), &clean(path))
    }

    #[test]
    fn paths_are_cleaned_like_go() {
        assert_eq!(clean("./Dockerfile"), "Dockerfile");
        assert_eq!(clean("/a//b/./c/"), "a/b/c");
        assert_eq!(clean("a/../b"), "b");
        assert_eq!(clean("."), ".");
        assert_eq!(clean("/"), ".");
    }

    #[test]
    fn a_directory_pattern_excludes_what_is_in_it() {
        assert!(out("sub\n", "sub/a.txt"));
        assert!(out("/sub/\n", "./sub/a.txt"));
        assert!(!out("sub\n", "subway"));
    }

    #[test]
    fn stars_stay_within_a_path_part_and_double_stars_do_not() {
        assert!(out("*.md\n", "README.md"));
        assert!(!out("*.md\n", "docs/README.md"));
        assert!(out("**/*.md\n", "docs/a/README.md"));
        assert!(out("**/*.md\n", "README.md"));
        assert!(out("docs/**\n", "docs/a/b"));
        assert!(out("d?cs\n", "docs"));
        assert!(out("[a-c]at\n", "bat"));
        assert!(!out("[!a-c]at\n", "bat"));
    }

    #[test]
    fn comments_and_blank_lines_are_not_patterns() {
        assert!(!out("# Dockerfile\n\n", "Dockerfile"));
    }

    #[test]
    fn an_exception_brings_a_file_back_only_when_it_comes_later() {
        assert!(!out("sub\n!sub/a.txt\n", "sub/a.txt"));
        assert!(out("!sub/a.txt\nsub\n", "sub/a.txt"));
        assert!(out("sub\n!sub/b.txt\n", "sub/a.txt"));
    }

    #[test]
    fn a_directory_or_wildcard_source_is_kept_when_an_exception_reaches_below_it() {
        assert!(!out("sub\n!sub/a.txt\n", "sub"));
        assert!(!out("sub\n!sub/a.txt\n", "sub/*.txt"));
        assert!(!out("su.b\n!su\\.b/keep.txt\n", "su.b"));
        assert!(out("sub\n!other.txt\n", "sub"));
    }

    #[test]
    fn the_whole_context_only_when_every_top_name_is_excluded() {
        assert!(out("*\n", "."));
        assert!(out("**\n", "."));
        assert!(!out(".*\n", "."));
        assert!(!out("**\n!Dockerfile\n", "."));
    }
}
