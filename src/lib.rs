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
