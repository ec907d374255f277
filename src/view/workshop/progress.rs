//! What a learner has done, as the small text record the browser stores, and the page's
//! workshop modes.

use std::collections::{BTreeMap, BTreeSet};

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

/// The first line of a stored exercise buffer: the version of the format.
const BUFFER_HEADER: &str = "airlock-exercise 1";

/// An exercise's buffer (the participant's text for it) as stored: a version line, then the text.
pub fn encode_buffer(text: &str) -> String {
    format!("{BUFFER_HEADER}\n{text}")
}

/// Reads what `encode_buffer` wrote; another version or damage gives `None` (the exercise then
/// starts from its starting file, and the unreadable entry is left as it was).
pub fn decode_buffer(stored: &str) -> Option<&str> {
    stored.strip_prefix(BUFFER_HEADER)?.strip_prefix('\n')
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
