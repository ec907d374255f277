//! airlock: understand and check multi-stage Dockerfiles.
//!
//! One engine (`engine`), two faces: the native CLI (`cli`) and the browser playground (`web`).
//! What the faces show, as data and text, is `render` (pictures and reports) and `view` (the
//! playground's model: panes' text, settings, highlight, share links, workshop), compiled and
//! tested on every target.

pub mod engine;
pub mod render;
#[macro_use]
pub mod view;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod web;

/// The graph pane's geometry (`web/graph_view.rs`) is pure but still lives in `web/` (it moves to
/// `view/` once the graph pane's work is merged); natively only its tests are compiled.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub mod web {
    pub mod graph_view;
}
