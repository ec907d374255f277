//! What the playground shows, as data and text, with no Yew in it: the outline, the panes' text
//! (findings, size, rule docs), the graph pane's geometry and highlight, the rules panel's model, the editor's highlight and indent, the
//! page's query, share links and drafts, the examples, the controls' arithmetic and the workshop.
//! Compiled on every target, so that `cargo test` covers it; `web/` draws it.

#[macro_use]
pub mod class_list;
pub mod controls;
pub mod docs;
pub mod drafts;
pub mod examples;
pub mod figure;
pub mod findings;
pub mod graph_view;
pub mod highlight;
pub mod indent;
pub mod markup;
pub mod outline;
pub mod page;
pub mod painted;
pub mod settings;
pub mod share;
pub mod size_view;
pub mod split;
pub mod workshop;
