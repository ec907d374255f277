//! `airlock lsp`: the language server. Editors get what `airlock check` reports, as they type,
//! plus the engine's fixes, its rule docs, its stage roles and size table, and the file's stages
//! and variables to navigate by. It lives in `cli` because it is a native face like the CLI and
//! shares its settings (`airlock.toml` found upward from the document) and its texts.
//!
//! - `server`: the message loop, initialize and shutdown, errors, configuration.
//! - `transport`: standard input and output, answering messages that are not JSON-RPC.
//! - `documents`: open documents, incremental edits, UTF-16 positions.
//! - `diagnostics`, `actions`, `hover`, `navigation`, `completion`: one feature each.

mod actions;
mod completion;
mod diagnostics;
mod documents;
mod hover;
mod navigation;
mod server;
mod transport;

use std::process::ExitCode;

pub use server::serve;

/// Serves over standard input and output until the client says `exit`: exit code 0 after a
/// `shutdown` request, 1 otherwise (the protocol's rule), as when the input just closes.
pub fn run_stdio() -> ExitCode {
    let (connection, threads) = transport::stdio();
    let clean = serve(&connection);
    drop(connection);
    threads.join();
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
