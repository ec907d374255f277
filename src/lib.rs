//! airlock: understand and check multi-stage Dockerfiles.
//!
//! One engine (`engine`), two faces: the native CLI (`cli`) and the browser playground (`web`).
//! What the faces show, as data and text, is `render` (pictures and reports) and `view` (the
//! playground's model: panes' text, settings, highlight, share links, workshop), compiled and
//! tested on every target.

// The wasm size rules (clippy.toml's disallowed methods and macros) bind the code the
// playground runs, so the wasm32 clippy run enforces them; native-only code (the CLI, unit
// tests) may use what they forbid.
#![cfg_attr(
    not(target_arch = "wasm32"),
    allow(clippy::disallowed_methods, clippy::disallowed_macros)
)]

pub mod engine;
pub mod render;
#[macro_use]
pub mod view;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(not(target_arch = "wasm32"))]
pub mod invariants;

#[cfg(target_arch = "wasm32")]
pub mod web;
