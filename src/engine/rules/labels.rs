//! The label schema (`label-schema` in airlock.toml, hadolint's setting of the same name): the
//! labels a shipped image must carry and the form of their values, and the LABELs of a file.

use crate::engine::paths::unquote;
use crate::engine::rules::Checker;
use crate::engine::syntax::{KeyValue, Kw};

/// The form a label's value must take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelType {
    /// Any text that is not empty.
    Text,
    /// An absolute URL (`https://example.com/repo`).
    Url,
    /// An RFC 3339 date and time (`2024-05-01T12:00:00Z`).
    Rfc3339,
    /// An SPDX license expression (`MIT`, `Apache-2.0 OR MIT`).
    Spdx,
    /// A git commit hash, short or full.
    GitHash,
    /// A semantic version (`1.2.3`, `2.0.1-rc1`).
    SemVer,
    /// An e-mail address.
    Email,
}

impl LabelType {
    /// The name airlock.toml uses (hadolint's): `text`, `url`, `rfc3339`, `spdx`, `hash`,
    /// `semver`, `email`.
    pub fn parse(name: &str) -> Option<LabelType> {
        Some(match name {
            "text" => LabelType::Text,
            "url" => LabelType::Url,
            "rfc3339" => LabelType::Rfc3339,
            "spdx" => LabelType::Spdx,
            "hash" => LabelType::GitHash,
            "semver" => LabelType::SemVer,
            "email" => LabelType::Email,
            _ => return None,
        })
    }

    /// Every type, in the order the docs list them.
    pub const ALL: [LabelType; 7] = [
        LabelType::Text,
        LabelType::Url,
        LabelType::Rfc3339,
        LabelType::Spdx,
        LabelType::GitHash,
        LabelType::SemVer,
        LabelType::Email,
    ];

    /// The name `parse` reads (the playground's settings and share links write it).
    pub fn name(self) -> &'static str {
        match self {
            LabelType::Text => "text",
            LabelType::Url => "url",
            LabelType::Rfc3339 => "rfc3339",
            LabelType::Spdx => "spdx",
            LabelType::GitHash => "hash",
            LabelType::SemVer => "semver",
            LabelType::Email => "email",
        }
    }

    /// What is wrong with `value` for this type, in words, if anything.
    pub fn problem(self, value: &str) -> Option<&'static str> {
        if value.is_empty() {
            return Some("is empty");
        }
        let ok = match self {
            LabelType::Text => true,
            LabelType::Url => is_url(value),
            LabelType::Rfc3339 => is_rfc3339(value),
            LabelType::Spdx => is_spdx(value),
            LabelType::GitHash => {
                (7..=40).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_hexdigit())
            }
            LabelType::SemVer => is_semver(value),
            LabelType::Email => is_email(value),
        };
        (!ok).then_some(match self {
            LabelType::Text => "is empty",
            LabelType::Url => "is not a URL",
            LabelType::Rfc3339 => "is not an RFC 3339 date and time",
            LabelType::Spdx => "is not an SPDX license expression",
            LabelType::GitHash => "is not a git commit hash",
            LabelType::SemVer => "is not a semantic version",
            LabelType::Email => "is not an e-mail address",
        })
    }
}

/// The LABEL pairs of the shipped stages, with their values unquoted.
pub fn shipped_labels<'a>(cx: &Checker<'a>) -> Vec<(&'a KeyValue, String, String)> {
    let mut out = Vec::new();
    for stage in cx.shipped_chain() {
        for (_, inst) in cx.stage_instructions(stage) {
            if inst.keyword.kind != Kw::Label {
                continue;
            }
            for pair in &inst.pairs {
                let value = pair.value.as_deref().map_or("", unquote).to_string();
                out.push((pair, unquote(&pair.key).to_string(), value));
            }
        }
    }
    out
}

fn is_url(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
        && !rest.is_empty()
        && !value.contains(char::is_whitespace)
}

/// `n` ASCII digits.
fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_rfc3339(value: &str) -> bool {
    let Some((date, time)) = value.split_once(['T', 't', ' ']) else {
        return false;
    };
    let d: Vec<&str> = date.split('-').collect();
    let date_ok = d.len() == 3 && digits(d[0], 4) && digits(d[1], 2) && digits(d[2], 2);
    // The offset: `Z`, or `+hh:mm` / `-hh:mm` after the seconds.
    let (clock, offset) = match time.strip_suffix(['Z', 'z']) {
        Some(clock) => (clock, "00:00"),
        None => match time.rfind(['+', '-']) {
            Some(at) => (&time[..at], &time[at + 1..]),
            None => return false,
        },
    };
    let offset_ok = matches!(offset.split_once(':'), Some((h, m)) if digits(h, 2) && digits(m, 2));
    let (hms, fraction) = clock.split_once('.').unwrap_or((clock, "0"));
    let t: Vec<&str> = hms.split(':').collect();
    date_ok
        && offset_ok
        && t.len() == 3
        && t.iter().all(|p| digits(p, 2))
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// The most used SPDX license identifiers; others can be written `LicenseRef-...`.
const SPDX: &[&str] = &[
    "0BSD",
    "AFL-3.0",
    "AGPL-3.0",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "Apache-1.1",
    "Apache-2.0",
    "Artistic-2.0",
    "BSD-1-Clause",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "BSD-4-Clause",
    "BSL-1.0",
    "CC-BY-4.0",
    "CC-BY-SA-4.0",
    "CC0-1.0",
    "CDDL-1.0",
    "CDDL-1.1",
    "EPL-1.0",
    "EPL-2.0",
    "EUPL-1.1",
    "EUPL-1.2",
    "GPL-2.0",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "GPL-3.0",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "ISC",
    "LGPL-2.0-only",
    "LGPL-2.1",
    "LGPL-2.1-only",
    "LGPL-2.1-or-later",
    "LGPL-3.0",
    "LGPL-3.0-only",
    "LGPL-3.0-or-later",
    "MIT",
    "MIT-0",
    "MPL-1.1",
    "MPL-2.0",
    "MS-PL",
    "NCSA",
    "OFL-1.1",
    "OpenSSL",
    "PHP-3.01",
    "PostgreSQL",
    "Python-2.0",
    "Ruby",
    "Unicode-3.0",
    "Unlicense",
    "UPL-1.0",
    "Vim",
    "W3C",
    "WTFPL",
    "X11",
    "Zlib",
    "ZPL-2.1",
];

/// An SPDX expression: identifiers (with an optional `+`) joined by AND, OR and WITH,
/// parentheses allowed.
fn is_spdx(value: &str) -> bool {
    let spaced = value.replace('(', " ( ").replace(')', " ) ");
    let mut expect_id = true;
    let mut after_with = false;
    for word in spaced.split_whitespace() {
        match word {
            "(" | ")" => {}
            "AND" | "OR" | "WITH" if !expect_id => {
                expect_id = true;
                after_with = word == "WITH";
            }
            id if expect_id => {
                let known = after_with
                    || SPDX
                        .iter()
                        .any(|s| s.eq_ignore_ascii_case(id.trim_end_matches('+')))
                    || id.starts_with("LicenseRef-")
                    || id.starts_with("DocumentRef-");
                if !known {
                    return false;
                }
                expect_id = false;
                after_with = false;
            }
            _ => return false,
        }
    }
    !expect_id
}

fn is_semver(value: &str) -> bool {
    let (core, _build) = value.split_once('+').unwrap_or((value, ""));
    let (version, pre) = match core.split_once('-') {
        Some((v, p)) => (v, Some(p)),
        None => (core, None),
    };
    let number = |n: &str| {
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && (n == "0" || !n.starts_with('0'))
    };
    let parts: Vec<&str> = version.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| number(p))
        && pre.is_none_or(|p| {
            p.split('.').all(|id| {
                !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
        })
}

fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && !local.contains(char::is_whitespace)
        && domain.contains('.')
        && domain.split('.').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_is_read_back_from_its_name() {
        for ty in LabelType::ALL {
            assert_eq!(LabelType::parse(ty.name()), Some(ty));
        }
    }

    #[test]
    fn values_are_read_by_type() {
        for (ty, good, bad) in [
            (LabelType::Url, "https://example.com/x", "example.com"),
            (
                LabelType::Rfc3339,
                "2021-03-10T10:26:33.564595127+01:00",
                "2021-03-10",
            ),
            (LabelType::Rfc3339, "2024-05-01T12:00:00Z", "yesterday"),
            (
                LabelType::Spdx,
                "(MIT OR Apache-2.0) AND BSD-3-Clause",
                "MIT OR",
            ),
            (
                LabelType::Spdx,
                "GPL-2.0-or-later WITH Classpath-exception-2.0",
                "not-spdx",
            ),
            (LabelType::GitHash, "2dbfae9", "2dbfae"),
            (LabelType::SemVer, "2.0.1-rc1+build.5", "1.02.3"),
            (LabelType::Email, "ops@example.com", "ops@localhost"),
            (LabelType::Text, "x", ""),
        ] {
            assert_eq!(ty.problem(good), None, "{ty:?} {good}");
            assert!(ty.problem(bad).is_some(), "{ty:?} {bad}");
        }
    }
}
