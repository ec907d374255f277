//! Dockerfile syntax: a lossless, error-tolerant parser and its printer.
//!
//! `parse` never fails: it returns a tree for any input plus the errors it found, and resumes at
//! the next instruction after each one, so a half-typed file still has a tree.

mod error;
mod json;
mod parser;
mod printer;
mod text;
mod tree;
mod words;

pub use error::{syntax_alias_doc, ErrorKind, SyntaxError};
pub use parser::{flag_names, parse};
pub use printer::print;
pub use tree::*;
pub use words::{split_words, var_refs};
