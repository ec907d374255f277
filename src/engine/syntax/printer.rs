//! Prints a tree back to text from its tokens; for any input, `print(&parse(x).0) == x`.

use super::tree::Dockerfile;

/// The text of the tree, token by token.
pub fn print(tree: &Dockerfile) -> String {
    let mut out = String::with_capacity(tree.source.len());
    for token in &tree.tokens {
        out.push_str(tree.text(token.span));
    }
    out
}
