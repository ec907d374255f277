//! `airlock size`: the single-stage vs multi-stage estimate as JSON (view structs, a stable
//! format) or as a small table for people, with where every figure comes from.

use std::fmt::Write as _;

use serde::Serialize;

use super::one_line;
use super::parse_view::ErrorView;
use crate::engine::graph::Role;
use crate::engine::size::{Estimate, Figure, Item, Mb, Reduction};
use crate::engine::Analysis;
use crate::view::figure::{mb_text, Unit};

/// Sizes are shown to the hundredth of a MB; more digits would claim a precision the sources
/// do not have.
fn mb(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn pct(v: Option<f64>) -> Option<f64> {
    v.map(|v| (v * 10.0).round() / 10.0)
}

/// The JSON document of `airlock size --format json`.
#[derive(Debug, Serialize)]
pub(super) struct SizeView {
    file: String,
    /// The basis of the top-level figures: `uncompressed` (what `docker images` shows).
    basis: &'static str,
    /// Index of the target stage (`null` when the file has no stage).
    target: Option<usize>,
    /// `image` (a runnable image: the reduction applies) or `export` (`FROM scratch` with only
    /// files copied in and no default command: `docker build --output` writes its files, whose
    /// size is `multi_stage_mb`); `null` when the file has no stage.
    target_kind: Option<&'static str>,
    /// Everything in one stage on the builder's base.
    single_stage_mb: f64,
    /// The target as written.
    multi_stage_mb: f64,
    /// `100 * (1 - multi / single)`; `null` when the single-stage size is 0.
    reduction_pct: Option<f64>,
    /// `single / multi`; `null` when the multi-stage size is 0.
    factor: Option<f64>,
    /// The same figures on the other basis (registry pull size); never mixed with the above.
    compressed: BasisView,
    single_stage: Option<SingleView>,
    stages: Vec<StageView>,
    unknown_images: Vec<UnknownView>,
    unused_overrides: Vec<String>,
    notes: Vec<String>,
    /// Syntax errors (the estimate is of what could be read).
    errors: Vec<ErrorView>,
}

#[derive(Debug, Serialize)]
struct BasisView {
    basis: &'static str,
    single_stage_mb: f64,
    multi_stage_mb: f64,
    reduction_pct: Option<f64>,
    factor: Option<f64>,
}

impl BasisView {
    fn new(basis: &'static str, single: f64, multi: f64, r: Reduction) -> Self {
        BasisView {
            basis,
            single_stage_mb: mb(single),
            multi_stage_mb: mb(multi),
            reduction_pct: pct(r.pct),
            factor: r.factor.map(mb),
        }
    }
}

#[derive(Debug, Serialize)]
struct SingleView {
    /// The stage whose base image is used.
    base_stage: Option<usize>,
    base: String,
    base_mb: f64,
    base_compressed_mb: f64,
    source: String,
    /// Every item of the stages the target needs; those not counted say why.
    items: Vec<SingleItemView>,
}

#[derive(Debug, Serialize)]
struct SingleItemView {
    stage: usize,
    what: String,
    kind: String,
    mb: f64,
    counted: bool,
    reason: Option<String>,
}

#[derive(Debug, Serialize)]
struct StageView {
    index: usize,
    name: Option<String>,
    role: Role,
    target: bool,
    reachable: bool,
    /// The base as written: an image, a stage, `scratch`.
    base: String,
    base_mb: f64,
    base_compressed_mb: f64,
    /// Where the base figure comes from.
    source: String,
    /// Whether the base figure is an approximate (nearest tag) match.
    approximate: bool,
    added_mb: f64,
    added_compressed_mb: f64,
    total_mb: f64,
    total_compressed_mb: f64,
    items: Vec<ItemView>,
}

#[derive(Debug, Serialize)]
struct ItemView {
    line: u32,
    kind: String,
    what: String,
    /// For an artifact, the stage or image it is copied from.
    from: Option<String>,
    mb: f64,
    compressed_mb: f64,
    source: String,
    assumption: bool,
}

#[derive(Debug, Serialize)]
struct UnknownView {
    reference: String,
    reason: String,
}

fn approximate(f: &Figure) -> bool {
    matches!(
        &f.origin,
        crate::engine::size::Origin::Table {
            approximate: Some(_),
            ..
        }
    )
}

impl SizeView {
    pub(super) fn new(file: String, a: &Analysis) -> Self {
        let e = &a.size;
        let single = e.single_stage_mb();
        let item_view = |it: &Item| ItemView {
            line: a.tree.lines(a.tree.instructions[it.instruction].span).0,
            kind: it.kind.clone(),
            what: it.what.clone(),
            from: it.from.clone(),
            mb: mb(it.figure.mb.uncompressed),
            compressed_mb: mb(it.figure.mb.compressed),
            source: it.figure.source(),
            assumption: it.figure.is_assumption(),
        };
        SizeView {
            file,
            basis: "uncompressed",
            target: e.target,
            target_kind: e.target.map(|_| {
                if e.target_exports() {
                    "export"
                } else {
                    "image"
                }
            }),
            single_stage_mb: mb(single.uncompressed),
            multi_stage_mb: mb(e.multi_stage.uncompressed),
            reduction_pct: pct(e.reduction_uncompressed.pct),
            factor: e.reduction_uncompressed.factor.map(mb),
            compressed: BasisView::new(
                "compressed",
                single.compressed,
                e.multi_stage.compressed,
                e.reduction_compressed,
            ),
            single_stage: e.single_stage.as_ref().map(|s| SingleView {
                base_stage: s.base_stage,
                base: s.base_label.clone(),
                base_mb: mb(s.base.as_ref().map_or(0.0, |f| f.mb.uncompressed)),
                base_compressed_mb: mb(s.base.as_ref().map_or(0.0, |f| f.mb.compressed)),
                source: s.base.as_ref().map(Figure::source).unwrap_or_default(),
                items: s
                    .items
                    .iter()
                    .map(|si| {
                        let it = &e.stages[si.stage].items[si.item];
                        SingleItemView {
                            stage: si.stage,
                            what: it.what.clone(),
                            kind: it.kind.clone(),
                            mb: mb(it.figure.mb.uncompressed),
                            counted: si.counted,
                            reason: si.reason.clone(),
                        }
                    })
                    .collect(),
            }),
            stages: e
                .stages
                .iter()
                .map(|s| StageView {
                    index: s.index,
                    name: s.name.clone(),
                    role: s.role,
                    target: e.target == Some(s.index),
                    reachable: s.reachable,
                    base: s.base_label.clone(),
                    base_mb: mb(s.base.mb.uncompressed),
                    base_compressed_mb: mb(s.base.mb.compressed),
                    source: s.base.source(),
                    approximate: approximate(&s.base),
                    added_mb: mb(s.added.uncompressed),
                    added_compressed_mb: mb(s.added.compressed),
                    total_mb: mb(s.total.uncompressed),
                    total_compressed_mb: mb(s.total.compressed),
                    items: s.items.iter().map(item_view).collect(),
                })
                .collect(),
            unknown_images: e
                .unknown_images
                .iter()
                .map(|m| UnknownView {
                    reference: m.reference.clone(),
                    reason: m.reason.clone(),
                })
                .collect(),
            unused_overrides: e.unused_overrides.clone(),
            notes: e.notes.clone(),
            errors: a
                .errors
                .iter()
                .map(|err| ErrorView::new(&a.tree, err))
                .collect(),
        }
    }
}

fn reduction(r: Reduction) -> String {
    match (r.pct, r.factor) {
        (Some(p), Some(f)) => format!("{p:.1}% ({f:.1}x)"),
        (Some(p), None) => format!("{p:.1}%"),
        _ => "-".into(),
    }
}

fn pair(m: Mb) -> (String, String) {
    (
        mb_text(m.uncompressed, Unit::Mb),
        mb_text(m.compressed, Unit::Mb),
    )
}

/// The estimate for people: the two totals and the reduction on both bases, one line per stage,
/// then where each figure comes from and the notes.
pub(super) fn render_text(file: &str, a: &Analysis) -> String {
    let e: &Estimate = &a.size;
    let mut out = String::new();
    let _ = writeln!(out, "{}: size estimate", one_line(file));
    let Some(t) = e.target else {
        out.push_str("no stage: nothing to estimate\n");
        return out;
    };
    let single = e.single_stage_mb();
    let (su, sc) = pair(single);
    let (mu, mc) = pair(e.multi_stage);
    let builder = e
        .single_stage
        .as_ref()
        .map(|s| s.base_label.clone())
        .unwrap_or_default();
    let _ = writeln!(out, "{:<14}{:>16}{:>16}", "", "uncompressed", "compressed");
    let _ = writeln!(
        out,
        "{:<14}{su:>16}{sc:>16}   everything in one stage on {}",
        "single-stage",
        one_line(&builder)
    );
    let target_name = one_line(
        &e.stages[t]
            .name
            .as_ref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default(),
    );
    if e.target_exports() {
        // Files written out by `--output`, not an image: no reduction against one.
        let _ = writeln!(
            out,
            "{:<14}{mu:>16}{mc:>16}   the files the target, stage {t}{target_name}, exports",
            "exported"
        );
        let _ = writeln!(
            out,
            "the target is not an image anyone runs: `FROM scratch` with only files copied in and no default command, so `docker build --output type=local,dest=DIR` writes its files out; no reduction is given"
        );
    } else {
        let _ = writeln!(
            out,
            "{:<14}{mu:>16}{mc:>16}   the target, stage {t}{target_name}, as written",
            "multi-stage"
        );
        let _ = writeln!(
            out,
            "{:<14}{:>16}{:>16}",
            "reduction",
            reduction(e.reduction_uncompressed),
            reduction(e.reduction_compressed)
        );
    }
    out.push_str(
        "(uncompressed is what `docker images` and dive show; compressed is the pull size)\n\n",
    );

    // The first column fits the longest label (names are cut at 40 characters), so the figures
    // line up; whether a stage is the target or unused is a column of its own at the end.
    let labels: Vec<String> = e
        .stages
        .iter()
        .map(|s| {
            let name = s.name.as_deref().map(one_line).unwrap_or_default();
            let name = crate::render::clip(&name, 40);
            let sep = if name.is_empty() { "" } else { " " };
            format!("{}{sep}{name} ({})", s.index, s.role.as_str())
        })
        .collect();
    let width = labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        .max("stage".len())
        + 2;
    let _ = writeln!(
        out,
        "{:<width$}{:>10}{:>10}{:>10}",
        "stage", "base MB", "added MB", "total MB"
    );
    for (s, label) in e.stages.iter().zip(&labels) {
        let status = if e.target == Some(s.index) {
            "  target"
        } else if !s.reachable {
            "  unused"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{label:<width$}{:>10.1}{:>10.1}{:>10.1}{status}",
            s.base.mb.uncompressed, s.added.uncompressed, s.total.uncompressed
        );
    }

    out.push_str("\nwhere the figures come from (uncompressed MB)\n");
    for s in e.stages.iter().filter(|s| s.reachable) {
        let _ = writeln!(
            out,
            "  stage {}{} on `{}`: {:.1}  {}",
            s.index,
            s.name
                .as_deref()
                .map(|n| format!(" {}", one_line(n)))
                .unwrap_or_default(),
            one_line(&s.base_label),
            s.base.mb.uncompressed,
            one_line(&s.base.source_short())
        );
        for it in &s.items {
            let line = a.tree.lines(a.tree.instructions[it.instruction].span).0;
            let from = it
                .from
                .as_deref()
                .map(|f| format!(" from {f}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    line {line}: {} [{}]{}: {:.1}  {}",
                one_line(&it.what),
                it.kind,
                one_line(&from),
                it.figure.mb.uncompressed,
                one_line(&it.figure.source_short())
            );
        }
    }
    if let Some(s) = &e.single_stage {
        let skipped: Vec<String> = s.items.iter().filter_map(|si| si.reason.clone()).collect();
        if !skipped.is_empty() {
            out.push_str("single-stage: not counted twice\n");
            for r in skipped {
                let _ = writeln!(out, "    {}", one_line(&r));
            }
        }
    }
    let mut notes = e.notes.clone();
    notes.push(format!(
        "Compressed figures are the published ones where a source gives them, else uncompressed / {} (the measured image ratio; binaries / 2, JARs / 1); `--format json` shows each.",
        crate::engine::size::Table::builtin().ratio
    ));
    let assumptions = e
        .stages
        .iter()
        .filter(|s| s.reachable)
        .flat_map(|s| &s.items)
        .filter(|i| i.figure.is_assumption())
        .count();
    if assumptions > 0 {
        notes.push(format!(
            "{assumptions} item figure(s) are airlock's assumptions (`assumption` above); override them with --override KIND_OR_PATH=MB."
        ));
    }
    if !notes.is_empty() {
        out.push_str("\nnotes\n");
        for n in &notes {
            let _ = writeln!(out, "  - {}", one_line(n));
        }
    }
    super::write_errors(&mut out, file, &a.tree, &a.errors);
    out
}
