//! The browser playground: a Yew app that re-analyses the editor's text on every edit, draws the
//! stage graph and lists what the engine found. Only Yew, the DOM and storage live here: what
//! the panes show is `crate::view`.

mod app;
mod components;
mod dom;
pub mod graph_view;
mod hooks;
pub mod link;
mod panic;
mod persist;
mod state;

// The graph pane's components (reworked on another branch) still name these two through `web`;
// to drop once that work is merged and they import `crate::view` themselves.
use crate::view::{controls, outline};

/// Mounts the playground on `<body>`; called by the `airlock-web` binary.
pub fn start() {
    panic::install();
    yew::Renderer::<app::App>::new().render();
}
