//! The browser playground: a Yew app that re-analyses the editor's text on every edit, draws the
//! stage graph and lists what the engine found. Only Yew, the DOM and storage live here: what
//! the panes show is `crate::view`.

mod app;
mod components;
mod dom;
mod hooks;
pub mod link;
mod panic;
mod persist;
mod state;

/// Mounts the playground on `<body>`; called by the `airlock-web` binary.
pub fn start() {
    panic::install();
    // The pre-rendered first picture (index.html, `#first-paint`) goes as the app mounts: both
    // happen in this task, before the browser paints again, so the page never shows both or
    // neither, and no id is ever on the page twice.
    if let Some(picture) = gloo::utils::document().get_element_by_id("first-paint") {
        picture.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
