//! AL202: `AS` written in another case than its `FROM` (BuildKit's FromAsCasing).

use crate::engine::analysis::edit::fix;
use crate::engine::diagnostic::Edit;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::{Args, Kw};

declare_rule! {
    /// ## What it does
    /// Reports a `FROM ... AS name` whose `AS` is not in the same case as its `FROM`: `FROM`
    /// with `as`, or `from` with `AS`. A `FROM` keyword in mixed case is left to AL204.
    ///
    /// ## Why is this bad?
    /// Keywords are case-insensitive, but mixing cases in one instruction makes the keyword
    /// harder to tell from its arguments. BuildKit warns about it on every build.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12 as builder
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12 AS builder
    /// ```
    ///
    /// ## References
    /// - BuildKit: FromAsCasing, <https://docs.docker.com/reference/build-checks/from-as-casing/>
    code: "AL202",
    name: "from_as_casing_mismatch",
    severity: Warning,
    category: Style,
    fixable: true,
    aliases: ["FromAsCasing"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for inst in cx
        .tree
        .instructions
        .iter()
        .filter(|i| i.keyword.kind == Kw::From)
    {
        let Args::Shell { words, .. } = &inst.args else {
            continue;
        };
        let [_, as_word, _] = words.as_slice() else {
            continue;
        };
        let from = inst.keyword.text.as_str();
        let wanted = if from == from.to_ascii_uppercase() {
            "AS"
        } else if from == from.to_ascii_lowercase() {
            "as"
        } else {
            continue;
        };
        if !as_word.text.eq_ignore_ascii_case("as") || as_word.text == wanted {
            continue;
        }
        hits.push(
            Hit::new(
                as_word.span,
                format!("`{}` does not match the case of `{from}`", as_word.text),
            )
            .with_fix(fix(
                format!("Write `{wanted}`"),
                Edit {
                    span: as_word.span,
                    replacement: wanted.to_string(),
                },
            )),
        );
    }
    hits
}
