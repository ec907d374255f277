//! How the page was asked to look, read from its query string (`?embed&pane=size&readonly`),
//! the link from an embed back to the full playground, and the light/dark choice. Pure, so
//! that `cargo test` covers it; `dom.rs` reads the location and storage.

/// What the query string asks of the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageOptions {
    /// `?embed`: compact chrome for an iframe in someone else's page.
    pub embed: bool,
    /// `pane=`: the pane to show (by the id `Tab::id` gives it).
    pub pane: Option<&'static str>,
    /// `readonly`: the editor cannot be typed in (embeds only).
    pub readonly: bool,
    /// `example=`: the id of the built-in example to start with.
    pub example: Option<String>,
    /// `id=`: echoed in the height messages so the parent page can tell its iframes apart.
    pub id: Option<String>,
    /// `rule=`: a rule's code (or alias) whose docs the Rules pane shows: the link an editor's
    /// language server gives each finding (`docsUrl`).
    pub rule: Option<&'static str>,
    /// What in the query was not understood, in words (shown, never fatal).
    pub problems: Vec<String>,
}

/// `%XX` and `+` decoded; a malformed escape is kept as typed. Invalid UTF-8 is replaced.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len()
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit() =>
            {
                let hex = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
                out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 3;
                continue;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `text` escaped for a query value: unreserved characters kept, everything else `%XX`.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The pairs of a query string (with or without its `?`), decoded, in order.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// A switch given as `?embed`, `?embed=1` or `?embed=true` is on; `0`, `false`, `no` and `off`
/// turn it off.
fn switch(value: &str) -> bool {
    !matches!(
        value.to_ascii_lowercase().as_str(),
        "0" | "false" | "no" | "off"
    )
}

/// Longest id echoed back to the parent page.
const MAX_ID: usize = 64;

impl PageOptions {
    /// Reads a query string; `example_ids` and `panes` are the known examples and panes.
    /// Unknown keys are left for others (the workshop, later versions) and not reported.
    pub fn from_query(query: &str, example_ids: &[&str], panes: &[&'static str]) -> Self {
        let mut options = PageOptions::default();
        for (key, value) in query_pairs(query) {
            match key.as_str() {
                "embed" => options.embed = switch(&value),
                "readonly" => options.readonly = switch(&value),
                "pane" => match panes.iter().find(|p| p.eq_ignore_ascii_case(value.trim())) {
                    Some(p) => options.pane = Some(p),
                    None => options.problems.push(format!(
                        "Unknown pane \u{201c}{}\u{201d}: expected one of {}.",
                        shorten(&value),
                        panes.join(", ")
                    )),
                },
                "example" => {
                    if example_ids.contains(&value.as_str()) {
                        options.example = Some(value);
                    } else {
                        options.problems.push(format!(
                            "Unknown example \u{201c}{}\u{201d}: showing the default one.",
                            shorten(&value)
                        ));
                    }
                }
                "id" => options.id = Some(value.chars().take(MAX_ID).collect()),
                "rule" => match crate::engine::rules::find(value.trim()) {
                    Some(rule) => options.rule = Some(rule.code),
                    None => options
                        .problems
                        .push(format!("Unknown rule \u{201c}{}\u{201d}.", shorten(&value))),
                },
                _ => {}
            }
        }
        // Read-only only makes sense where nobody is meant to edit: the full page always edits.
        options.readonly &= options.embed;
        options
    }

    /// The link to the full playground showing what this page shows. `share`: the share link's
    /// fragment (`#...`) of the current text and settings, which says it all; until it is made
    /// (or if it cannot be), the same example and pane, without the embed-only switches.
    pub fn open_href(&self, path: &str, share: &str) -> String {
        let path = if path.is_empty() { "./" } else { path };
        if !share.is_empty() {
            return format!("{path}{share}");
        }
        let mut query = Vec::new();
        if let Some(example) = &self.example {
            query.push(format!("example={}", encode(example)));
        }
        if let Some(pane) = self.pane {
            query.push(format!("pane={pane}"));
        }
        if query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{}", query.join("&"))
        }
    }
}

/// A user-typed value shown in a message: at most 40 characters.
fn shorten(value: &str) -> String {
    let mut out: String = value.chars().take(40).collect();
    if value.chars().count() > 40 {
        out.push('\u{2026}');
    }
    out
}

/// Light or dark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    /// The value of `data-theme` on `<html>` and of the stored choice.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// A stored choice; anything else (nothing stored, an old or edited value) means "follow the
    /// system".
    pub fn parse(stored: Option<&str>) -> Option<Theme> {
        match stored? {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn other(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }

    /// The theme shown: the user's choice, else the system's preference.
    pub fn shown(choice: Option<Theme>, system_dark: bool) -> Theme {
        choice.unwrap_or(if system_dark {
            Theme::Dark
        } else {
            Theme::Light
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: &[&str] = &["go-distroless", "seed-go"];
    const PANES: &[&str] = &["graph", "findings", "rules", "size"];

    #[test]
    fn an_empty_query_is_the_full_page() {
        assert_eq!(
            PageOptions::from_query("", IDS, PANES),
            PageOptions::default()
        );
        assert_eq!(
            PageOptions::from_query("?", IDS, PANES),
            PageOptions::default()
        );
    }

    #[test]
    fn embed_pane_and_readonly_are_read() {
        let o = PageOptions::from_query("?embed&pane=size&readonly&id=a1", IDS, PANES);
        assert!(o.embed && o.readonly);
        assert_eq!(o.pane, Some("size"));
        assert_eq!(o.id.as_deref(), Some("a1"));
        assert!(o.problems.is_empty());
    }

    #[test]
    fn switches_can_be_turned_off() {
        let o = PageOptions::from_query("embed=0&readonly=false", IDS, PANES);
        assert!(!o.embed && !o.readonly);
        assert!(PageOptions::from_query("embed=1", IDS, PANES).embed);
    }

    #[test]
    fn readonly_needs_embed() {
        assert!(!PageOptions::from_query("readonly", IDS, PANES).readonly);
    }

    #[test]
    fn an_unknown_pane_or_example_is_reported_and_ignored() {
        let o = PageOptions::from_query("embed&pane=%3Cscript%3E&example=nope", IDS, PANES);
        assert_eq!(o.pane, None);
        assert_eq!(o.example, None);
        assert_eq!(o.problems.len(), 2);
        assert!(o.problems[0].contains("<script>"), "{:?}", o.problems);
    }

    #[test]
    fn pane_names_ignore_case() {
        assert_eq!(
            PageOptions::from_query("pane=Graph", IDS, PANES).pane,
            Some("graph")
        );
    }

    #[test]
    fn a_known_example_is_kept() {
        let o = PageOptions::from_query("example=seed-go", IDS, PANES);
        assert_eq!(o.example.as_deref(), Some("seed-go"));
    }

    #[test]
    fn ids_are_decoded_and_bounded() {
        let o = PageOptions::from_query(&format!("id={}", "x".repeat(500)), IDS, PANES);
        assert_eq!(o.id.map(|i| i.len()), Some(MAX_ID));
        let o = PageOptions::from_query("id=a+b%20c", IDS, PANES);
        assert_eq!(o.id.as_deref(), Some("a b c"));
    }

    #[test]
    fn malformed_escapes_stay_as_typed() {
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%41%42"), "AB");
        assert_eq!(decode("%FF"), "\u{fffd}");
    }

    #[test]
    fn encode_round_trips() {
        let text = "a b&c=d/é%";
        assert_eq!(decode(&encode(text)), text);
    }

    #[test]
    fn the_open_link_drops_the_embed_switches() {
        let o = PageOptions::from_query(
            "embed&pane=findings&readonly&id=x&example=seed-go",
            IDS,
            PANES,
        );
        assert_eq!(
            o.open_href("/docs/airlock/", ""),
            "/docs/airlock/?example=seed-go&pane=findings"
        );
        assert_eq!(
            PageOptions::from_query("embed&example=seed-go", IDS, PANES)
                .open_href("/", "#share=1.x"),
            "/#share=1.x"
        );
        assert_eq!(PageOptions::default().open_href("", ""), "./");
    }

    #[test]
    fn the_theme_follows_the_choice_then_the_system() {
        assert_eq!(Theme::shown(None, true), Theme::Dark);
        assert_eq!(Theme::shown(None, false), Theme::Light);
        assert_eq!(Theme::shown(Some(Theme::Light), true), Theme::Light);
        assert_eq!(Theme::parse(Some("dark")), Some(Theme::Dark));
        assert_eq!(Theme::parse(Some("purple")), None);
        assert_eq!(Theme::parse(None), None);
        assert_eq!(Theme::Dark.other(), Theme::Light);
    }

    #[test]
    fn a_rule_is_read_by_code_or_alias_and_an_unknown_one_is_reported() {
        let o = PageOptions::from_query("rule=al104", IDS, PANES);
        assert_eq!(o.rule, Some("AL104"));
        assert_eq!(
            PageOptions::from_query("rule=DL3002", IDS, PANES).rule,
            Some("AL104")
        );
        let bad = PageOptions::from_query("rule=XX1", IDS, PANES);
        assert_eq!(bad.rule, None);
        assert_eq!(bad.problems.len(), 1);
    }
}
