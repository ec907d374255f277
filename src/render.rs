//! Pictures and text exports of the engine's results (DOT, Mermaid, SVG) and the layout they
//! share with the playground. Pure functions: no I/O, no web dependencies.

pub mod dot;
pub mod json;
pub mod layout;
pub mod mermaid;
pub mod report;
pub mod svg;

use crate::engine::graph::{Base, Graph, ImageClass, NodeRef, Role, Stage};

/// Colours of a role: (border, fill). Chosen for WCAG AA text contrast on the fill.
pub fn role_colors(role: Role) -> (&'static str, &'static str) {
    match role {
        Role::Builder => ("#b45309", "#fef3c7"),
        Role::Prod => ("#047857", "#d1fae5"),
        Role::Dev => ("#6d28d9", "#ede9fe"),
        Role::Test => ("#1d4ed8", "#dbeafe"),
        Role::Export => ("#0e7490", "#cffafe"),
        Role::Other => ("#4b5563", "#f3f4f6"),
    }
}

/// How a stage is titled: its name, or `stage N`.
pub fn stage_title(stage: &Stage) -> String {
    match &stage.name {
        Some(n) => n.clone(),
        None => format!("stage {}", stage.index),
    }
}

/// What a stage is built on, in a few words.
pub fn base_text(graph: &Graph, stage: &Stage) -> String {
    match &stage.base {
        Base::Image { image, .. } => image.raw.clone(),
        Base::Stage { index } => format!("FROM {}", stage_title(&graph.stages[*index])),
        Base::Scratch => "scratch".to_string(),
        Base::Missing => "(no image yet)".to_string(),
    }
}

/// `text` cut to at most `max` characters, the last one an ellipsis when anything was cut. Node
/// boxes have a fixed size, so every picture clips its text with this before drawing it.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Hover texts and spoken labels carry whole names, but not without end: an image name built by
/// doubling ARGs expands to 64 KiB, which no tooltip (and no exported SVG) should repeat.
pub const TIP_CHARS: usize = 200;

/// `text` clipped to [`TIP_CHARS`] for a tooltip or a spoken label.
pub fn tip(text: &str) -> String {
    clip(text, TIP_CHARS)
}

/// A short word for an image class, shown on external image nodes.
pub fn class_word(class: ImageClass) -> &'static str {
    match class {
        ImageClass::Toolchain => "toolchain",
        ImageClass::Dev => "dev",
        ImageClass::Runtime => "runtime",
        ImageClass::Os => "os",
        ImageClass::Unknown => "image",
    }
}

/// A node's identifier in DOT and Mermaid (`stage0`, `image0`).
pub fn node_id(node: NodeRef) -> String {
    match node {
        NodeRef::Stage(i) => format!("stage{i}"),
        NodeRef::Image(i) => format!("image{i}"),
    }
}

/// A stage's three-line label for DOT and Mermaid: title (and target), base, role.
pub fn stage_label(graph: &Graph, stage: &Stage) -> String {
    let target = graph.target == Some(stage.index);
    format!(
        "{}{}\n{}\n[{}]",
        stage_title(stage),
        if target { " (target)" } else { "" },
        tip(&base_text(graph, stage)),
        stage.role.as_str()
    )
}

#[cfg(test)]
mod tests {
    use super::clip;

    #[test]
    fn short_text_is_kept_as_it_is() {
        assert_eq!(clip("builder", 7), "builder");
    }

    #[test]
    fn long_text_ends_in_an_ellipsis_and_keeps_the_limit() {
        assert_eq!(clip("golang:1.23-bookworm", 8), "golang:…");
        assert_eq!(clip("golang:1.23-bookworm", 8).chars().count(), 8);
    }

    #[test]
    fn clipping_counts_characters_not_bytes() {
        assert_eq!(clip("ééééé", 4), "ééé…");
    }
}
