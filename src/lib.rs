//! airlock: understand and check multi-stage Dockerfiles.
//!
//! One engine (`engine`), two faces: the native CLI (`cli`) and the browser playground (`web`).

// The wasm size rules (clippy.toml's disallowed methods and macros) bind the code the
// playground runs, so the wasm32 clippy run enforces them; native-only code (the CLI, unit
// tests) may use what they forbid.
#![cfg_attr(
    not(target_arch = "wasm32"),
    allow(clippy::disallowed_methods, clippy::disallowed_macros)
)]

pub mod engine;
pub mod render;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod web;

/// The playground's pure presentation logic, also compiled natively so that a plain `cargo test`
/// runs its unit tests (the rest of `web` needs the browser).
#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)] // the page's components use what the tests do not
#[path = "web/outline.rs"]
mod web_outline;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
#[path = "web/graph_view.rs"]
mod web_graph_view;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
#[path = "web/controls.rs"]
mod web_controls;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
#[path = "web/size_view.rs"]
mod web_size_view;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
#[path = "web/findings.rs"]
mod web_findings;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
#[path = "web/docs.rs"]
mod web_docs;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
#[path = "web/settings.rs"]
mod web_settings;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
#[path = "web/highlight.rs"]
mod web_highlight;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
#[path = "web/indent.rs"]
mod web_indent;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
#[path = "web/page.rs"]
mod web_page;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
#[path = "web/share.rs"]
mod web_share;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
#[path = "web/workshop.rs"]
mod web_workshop;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
#[path = "web/drafts.rs"]
mod web_drafts;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
#[path = "web/class_list.rs"]
mod web_class_list;
