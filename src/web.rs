//! The browser playground: a Yew app that re-parses the editor's text on every edit and lists
//! what the engine found. It only presents the engine's results; it computes nothing of its own.

mod app;
mod components;
mod hooks;
pub mod outline;
mod state;

/// Mounts the playground on `<body>`; called by the `airlock-web` binary.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
