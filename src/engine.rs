//! The engine: pure functions from Dockerfile text to analysis results.
//!
//! Nothing here touches the web, the file system or the terminal; the CLI and the playground
//! only present what it returns.

pub mod syntax;

use serde::Serialize;

pub use syntax::{parse, Dockerfile, SyntaxError};

/// What the engine knows about one Dockerfile.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub tree: Dockerfile,
    pub errors: Vec<SyntaxError>,
}

/// Settings the caller chooses (target stage, build args, ...); empty for now.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Config {}

/// The one entry point: analyse `text` under `config`.
pub fn analyze(text: &str, _config: &Config) -> Analysis {
    let (tree, errors) = parse(text);
    Analysis { tree, errors }
}
