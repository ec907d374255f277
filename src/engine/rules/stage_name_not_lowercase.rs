//! AL201: a stage name with upper-case letters (BuildKit's StageNameCasing).

use crate::engine::diagnostic::{Edit, Fix};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::{Args, Kw, Span};

declare_rule! {
    /// ## What it does
    /// Reports stage names (`FROM image AS Name`) that contain upper-case letters.
    ///
    /// ## Why is this bad?
    /// BuildKit lower-cases stage names before it compares them, so `Builder`, `builder` and
    /// `BUILDER` are one stage. Writing names in lower case keeps them apart from instruction
    /// keywords and shows how `--from` and `--target` really match them.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS BuildBase
    /// RUN go build -o /app .
    /// FROM scratch
    /// COPY --from=BuildBase /app /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS build-base
    /// RUN go build -o /app .
    /// FROM scratch
    /// COPY --from=build-base /app /app
    /// ```
    ///
    /// ## References
    /// - BuildKit: StageNameCasing, <https://docs.docker.com/reference/build-checks/stage-name-casing/>
    code: "AL201",
    name: "stage_name_not_lowercase",
    severity: Warning,
    category: Style,
    fixable: true,
    aliases: ["StageNameCasing"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for stage in &cx.graph.stages {
        let from = &cx.tree.instructions[stage.instructions.start];
        let Args::Shell { words, .. } = &from.args else {
            continue;
        };
        let [_, _, name] = words.as_slice() else {
            continue;
        };
        if name.text.to_ascii_lowercase() == name.text {
            continue;
        }
        let lower = name.text.to_ascii_lowercase();
        let mut edits = vec![Edit {
            span: name.span,
            replacement: lower.clone(),
        }];
        edits.extend(references(cx, &name.text).into_iter().map(|span| Edit {
            span,
            replacement: lower.clone(),
        }));
        hits.push(
            Hit::new(
                name.span,
                format!("stage name `{}` has upper-case letters", name.text),
            )
            .with_fix(Fix {
                title: format!("Rename the stage to `{lower}`"),
                edits,
            }),
        );
    }
    hits
}

/// Where the file refers to the stage by name, spelled otherwise than in lower case: `FROM`
/// bases and `COPY --from` / `ADD --from` values (BuildKit matches them ignoring case).
fn references(cx: &Checker, name: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    for inst in &cx.tree.instructions {
        match inst.keyword.kind {
            Kw::From => {
                if let Args::Shell { words, .. } = &inst.args {
                    spans.extend(
                        words
                            .first()
                            .filter(|w| {
                                w.text.eq_ignore_ascii_case(name)
                                    && w.text != name.to_ascii_lowercase()
                            })
                            .map(|w| w.span),
                    );
                }
            }
            Kw::Copy | Kw::Add => {
                spans.extend(
                    inst.flag("from")
                        .filter(|f| {
                            f.value.as_deref().is_some_and(|v| {
                                v.eq_ignore_ascii_case(name) && v != name.to_ascii_lowercase()
                            })
                        })
                        .and_then(|f| f.value_span)
                        .filter(|s| cx.text(*s).eq_ignore_ascii_case(name)),
                );
            }
            _ => {}
        }
    }
    spans
}
