//! The browser playground: a Yew app that re-analyses the editor's text on every edit, draws the
//! stage graph and lists what the engine found. It only presents the engine's results.

#[macro_use]
pub mod class_list;
mod app;
mod components;
pub mod controls;
pub mod docs;
mod dom;
mod drafts;
mod examples;
pub mod findings;
pub mod graph_view;
pub mod highlight;
mod hooks;
pub mod indent;
pub mod link;
pub mod outline;
pub mod page;
mod panic;
mod persist;
pub mod settings;
pub mod share;
pub mod size_view;
mod state;
pub mod workshop;

/// Mounts the playground on `<body>`; called by the `airlock-web` binary.
pub fn start() {
    panic::install();
    yew::Renderer::<app::App>::new().render();
}
