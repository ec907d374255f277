//! USER values: the user part, root, numeric UIDs.

use crate::engine::syntax::{Args, Instruction, Kw};

/// The user part of a USER value (`app:app` -> `app`).
pub fn user_part(value: &str) -> &str {
    value.split(':').next().unwrap_or(value).trim()
}

/// `root`, `0`, and those with any group.
pub fn is_root(value: &str) -> bool {
    matches!(user_part(value), "root" | "0")
}

/// Whether a USER value names a numeric UID (variables count as unknown, not as names).
pub fn is_numeric_uid(value: &str) -> bool {
    let user = user_part(value);
    !user.is_empty() && user.bytes().all(|b| b.is_ascii_digit())
}

/// The USER value of an instruction, as written (its first argument).
pub fn user_value(inst: &Instruction) -> Option<&str> {
    if inst.keyword.kind != Kw::User {
        return None;
    }
    Some(match &inst.args {
        Args::Shell { text, .. } => text.as_str(),
        Args::Exec { .. } => "",
    })
}
