//! Goals checked against the engine's analysis, with the places a failing goal points at.

use crate::engine::graph::{Base, ImageClass};
use crate::engine::number::Fixed;
use crate::engine::syntax::Span;
use crate::engine::{analyze, Analysis, Config, Diagnostic, Severity};

use crate::view::figure::{mb_text, Unit};

use super::goal::{code_matches, glob_matches, BaseClass, Final, Goal, Test};
use crate::engine::syntax::Kw;

/// One goal's result, in words for the learner.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub goal: String,
    pub pass: bool,
    pub detail: String,
    /// Where a failing goal went wrong, for the learner to jump to: the syntax errors, the
    /// findings it counts, or the final stage's `FROM` (at most `MAX_PLACES`).
    pub places: Vec<Place>,
}

/// A place in the checked text.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// What is there and on which line, e.g. "AL101 on line 12".
    pub label: String,
    pub span: Span,
}

/// A long list of places helps no one: the first few show where to start.
pub(super) const MAX_PLACES: usize = 6;

/// The final stage's `FROM`, when a goal about the final image fails.
fn final_from(text: &str, a: &Analysis) -> Vec<Place> {
    a.graph
        .target
        .and_then(|t| a.graph.stages.get(t))
        .map(|stage| Place {
            label: format!(
                "the final FROM on line {}",
                line_of(text, stage.from_span.start)
            ),
            span: stage.from_span,
        })
        .into_iter()
        .collect()
}

fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 3,
        Severity::Warning => 2,
        Severity::Info => 1,
        Severity::Style => 0,
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// A goal's size reads in MB, the unit its goal is written in.
fn mb(value: f64) -> String {
    mb_text(value, Unit::Mb)
}

/// Checks `goals` against `text` analysed with the default settings (the learner's rule settings
/// must not make a goal pass). A Dockerfile with syntax errors never passes.
pub fn check(goals: &[Goal], text: &str) -> Vec<Outcome> {
    evaluate(goals, text, &analyze(text, &Config::default()))
}

/// Checks `goals` against an analysis of `text`; the first outcome is always "no syntax errors".
pub fn evaluate(goals: &[Goal], text: &str, a: &Analysis) -> Vec<Outcome> {
    let syntax = Outcome {
        goal: "the Dockerfile parses without syntax errors".into(),
        pass: a.errors.is_empty(),
        detail: match a.errors.first() {
            None => "no syntax errors".into(),
            Some(e) => format!(
                "{} syntax error(s), the first on line {}",
                a.errors.len(),
                line_of(text, e.span.start)
            ),
        },
        places: a
            .errors
            .iter()
            .take(MAX_PLACES)
            .map(|e| Place {
                label: format!("syntax error on line {}", line_of(text, e.span.start)),
                span: e.span,
            })
            .collect(),
    };
    std::iter::once(syntax)
        .chain(goals.iter().map(|g| {
            let (pass, detail) = outcome(&g.test, text, a);
            Outcome {
                goal: g.text.clone(),
                pass,
                detail,
                places: if pass {
                    Vec::new()
                } else {
                    places(&g.test, text, a)
                },
            }
        }))
        .collect()
}

/// Where a failing goal points in the text.
fn places(test: &Test, text: &str, a: &Analysis) -> Vec<Place> {
    match test {
        Test::NoFindings { at_least, pattern } => a
            .findings
            .iter()
            .filter(|f| counted(f, *at_least, pattern.as_deref()))
            .take(MAX_PLACES)
            .map(|f| Place {
                label: format!("{} on line {}", f.code, line_of(text, f.span.start)),
                span: f.span,
            })
            .collect(),
        Test::FinalMatches {
            what: Final::Command,
            ..
        } => final_command(a)
            .and_then(|(_, span)| span)
            .map(|span| Place {
                label: format!("the final command on line {}", line_of(text, span.start)),
                span,
            })
            .into_iter()
            .collect(),
        Test::Size(..)
        | Test::Reduction(..)
        | Test::FinalBase { .. }
        | Test::FinalMatches { .. } => final_from(text, a),
        Test::NoSyntaxErrors | Test::Stages(..) => Vec::new(),
    }
}

/// Whether a `NoFindings` goal counts finding `f`.
fn counted(f: &Diagnostic, at_least: Option<Severity>, pattern: Option<&str>) -> bool {
    at_least.is_none_or(|s| severity_rank(f.severity) >= severity_rank(s))
        && pattern.is_none_or(|p| code_matches(p, f.code))
}

fn outcome(test: &Test, text: &str, a: &Analysis) -> (bool, String) {
    match test {
        Test::NoSyntaxErrors => (
            a.errors.is_empty(),
            format!("{} syntax error(s)", a.errors.len()),
        ),
        Test::NoFindings { at_least, pattern } => {
            let found: Vec<String> = a
                .findings
                .iter()
                .filter(|f| counted(f, *at_least, pattern.as_deref()))
                .map(|f| format!("{} on line {}", f.code, line_of(text, f.span.start)))
                .collect();
            let detail = if found.is_empty() {
                "none found".to_string()
            } else {
                format!("found {}", found.join(", "))
            };
            (found.is_empty(), detail)
        }
        Test::Stages(cmp, n) => {
            let count = a.graph.stages.len();
            (cmp.holds(count as f64, *n), format!("{count} stage(s)"))
        }
        Test::Size(cmp, limit) => {
            let size = a.size.multi_stage.uncompressed;
            let pass = a.graph.target.is_some() && cmp.holds(size, *limit);
            (pass, format!("the estimate is {} (uncompressed)", mb(size)))
        }
        Test::Reduction(cmp, pct) => match a.size.reduction_uncompressed.pct {
            Some(r) => (
                cmp.holds(r, *pct),
                format!(
                    "{}% smaller than one stage ({} -> {})",
                    Fixed(r, 1),
                    mb(a.size.single_stage_mb().uncompressed),
                    mb(a.size.multi_stage.uncompressed)
                ),
            ),
            None => (false, "no single-stage estimate to compare with".into()),
        },
        Test::FinalMatches { what, pattern } => {
            let actual = match what {
                Final::Image => final_image(a),
                Final::Command => final_command(a).map(|(c, _)| c),
            };
            match actual {
                Some(actual) => (
                    glob_matches(pattern, &actual),
                    format!("the final {} is `{actual}`", what.name()),
                ),
                None => (false, format!("the final stage has no {}", what.name())),
            }
        }
        Test::FinalBase { not, class } => {
            let Some(target) = a.graph.target else {
                return (false, "there is no stage yet".into());
            };
            let (stage, base) = a.graph.resolved_base(target);
            let (actual, label) = match base {
                Base::Scratch => (Some(BaseClass::Scratch), "scratch".to_string()),
                Base::Image { image, class } => (
                    match class.class {
                        ImageClass::Toolchain => Some(BaseClass::Builder),
                        ImageClass::Dev => Some(BaseClass::Dev),
                        ImageClass::Runtime => Some(BaseClass::Runtime),
                        ImageClass::Os => Some(BaseClass::Os),
                        ImageClass::Unknown => None,
                    },
                    format!("`{}`", image.raw),
                ),
                Base::Missing | Base::Stage { .. } => (None, "no image".into()),
            };
            let is = actual == Some(*class);
            let what = actual.map_or("an image airlock does not know", BaseClass::name);
            (
                is != *not,
                format!("the final stage ({}) rests on {label}: {what}", stage + 1),
            )
        }
    }
}

/// The final stage's image as written after expansion (`scratch` for an empty one).
fn final_image(a: &Analysis) -> Option<String> {
    let (_, base) = a.graph.resolved_base(a.graph.target?);
    match base {
        Base::Scratch => Some("scratch".into()),
        Base::Image { image, .. } => Some(image.raw.to_string()),
        Base::Missing | Base::Stage { .. } => None,
    }
}

/// The command the final image runs: its ENTRYPOINT's words then its CMD's, each the last one
/// of the final stage or, if it has none, of the stage it is built on; with the span of the
/// last of them.
fn final_command(a: &Analysis) -> Option<(String, Option<Span>)> {
    let graph = &a.graph;
    let last = |kind: Kw| {
        let mut stage = graph.target?;
        for _ in 0..=graph.stages.len() {
            let s = graph.stages.get(stage)?;
            let found = a.tree.instructions[s.instructions.clone()]
                .iter()
                .rev()
                .find(|i| i.keyword.kind == kind);
            match (found, &s.base) {
                (Some(i), _) => return Some(i),
                (None, Base::Stage { index }) => stage = *index,
                (None, _) => return None,
            }
        }
        None
    };
    let (entry, cmd) = (last(Kw::Entrypoint), last(Kw::Cmd));
    let words: Vec<&str> = entry
        .iter()
        .chain(&cmd)
        .flat_map(|i| i.args.values())
        .collect();
    let span = cmd.or(entry).map(|i| i.span);
    (!words.is_empty()).then(|| (words.join(" ").trim().to_string(), span))
}

/// For each exercise of `all`, the built-in Dockerfiles other than its own solution that pass its
/// goals (none, when its goals check the exercise's own work): `examples` (id, text) and every
/// exercise's start and solution, by name. Each text is analysed once.
pub fn passed_by_others(all: &[&super::Exercise], examples: &[(&str, &str)]) -> Vec<Vec<String>> {
    let mut texts: Vec<(String, &str)> = examples
        .iter()
        .map(|(id, text)| (format!("the example {id}"), *text))
        .collect();
    for x in all {
        texts.push((format!("the start of {}", x.id), &x.start));
        if let Some(s) = &x.solution {
            texts.push((format!("the solution of {}", x.id), s));
        }
    }
    let analysed: Vec<(String, &str, Analysis)> = texts
        .into_iter()
        .map(|(name, text)| {
            let a = analyze(text, &Config::default());
            (name, text, a)
        })
        .collect();
    all.iter()
        .map(|x| {
            let own = format!("the solution of {}", x.id);
            analysed
                .iter()
                .filter(|(name, text, a)| *name != own && passed(&evaluate(&x.goals, text, a)))
                .map(|(name, ..)| name.clone())
                .collect()
        })
        .collect()
}

/// Whether every outcome passed.
pub fn passed(outcomes: &[Outcome]) -> bool {
    outcomes.iter().all(|o| o.pass)
}
