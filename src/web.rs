//! The browser playground: a Yew app that re-analyses the editor's text on every edit, draws the
//! stage graph and lists what the engine found. It only presents the engine's results.

mod app;
mod components;
pub mod controls;
pub mod docs;
mod dom;
mod examples;
pub mod findings;
pub mod graph_view;
mod hooks;
pub mod outline;
pub mod settings;
pub mod size_view;
mod state;

/// Mounts the playground on `<body>`; called by the `airlock-web` binary.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
