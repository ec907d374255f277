//! The size pane as plain logic: the bars of the chart (what each one is stacked from and where
//! each part sits), how reductions read (a figure reads by `view::figure`), and the override
//! inputs (what each one sizes, reading what was typed).

use crate::engine::number::{Fixed, Shortest};
use crate::engine::size::{Estimate, Figure, Item, Mb, Origin, Reduction};

/// The layers a bar is stacked from, bottom first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Layer {
    /// The image the stage starts from.
    Base,
    /// What the stages' own commands add (packages, caches, source, build outputs).
    Additions,
    /// What is copied in from another stage or image.
    Artifacts,
}

impl Layer {
    pub const ALL: [Layer; 3] = [Layer::Base, Layer::Additions, Layer::Artifacts];

    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Base => "base",
            Layer::Additions => "additions",
            Layer::Artifacts => "artifacts",
        }
    }
}

/// One figure of a bar, drawn as one rectangle.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub layer: Layer,
    /// What the figure sizes: `base golang:1.23`, `/out/app from builder`, `Go module cache`.
    pub what: String,
    pub mb: Mb,
    /// Where the figure comes from, in words.
    pub source: String,
    /// Left edge and width, in percent of the bar's full width.
    pub x: f64,
    pub w: f64,
}

/// One bar: a whole image estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub id: &'static str,
    pub label: &'static str,
    /// What the estimate is of, in words.
    pub detail: String,
    pub total: Mb,
    pub parts: Vec<Part>,
}

/// The narrowest a non-empty part is drawn, in percent, so that it can still be pointed at.
pub const MIN_PART_W: f64 = 0.8;

/// The most parts a bar is drawn with: past it, the smallest parts of each layer become one
/// ("37 smaller items"), so a file of thousands of RUNs still draws a readable bar with a
/// handful of focus stops. The figures list keeps every item.
pub const MAX_PARTS: usize = 24;

/// The single-stage and multi-stage bars of `est` on one scale; empty when there is no target.
/// Parts of 0 MB are left out: the figures list still shows them, with where they come from.
pub fn chart(est: &Estimate) -> Vec<Bar> {
    let (Some(single), Some(target)) = (&est.single_stage, est.target) else {
        return Vec::new();
    };
    let mut single_parts = Vec::new();
    if let Some(base) = &single.base {
        single_parts.push(part(
            Layer::Base,
            format!("base {}", single.base_label),
            base,
        ));
    }
    for si in single.items.iter().filter(|si| si.counted) {
        let it = &est.stages[si.stage].items[si.item];
        single_parts.push(item_part(it));
    }
    // The target's chain of `FROM <stage>`, from its root up: the root's base, then every
    // stage's own items.
    let mut chain = vec![target];
    while let Origin::Stage { index } = est.stages[chain[chain.len() - 1]].base.origin {
        // The engine refuses cycles; the guard only keeps a bad estimate from hanging the page.
        if chain.contains(&index) {
            break;
        }
        chain.push(index);
    }
    let root = &est.stages[chain[chain.len() - 1]];
    let mut multi_parts = vec![part(
        Layer::Base,
        format!("base {}", root.base_label),
        &root.base,
    )];
    for &s in chain.iter().rev() {
        multi_parts.extend(est.stages[s].items.iter().map(item_part));
    }
    let target_name = est.stages[target]
        .name
        .clone()
        .unwrap_or_else(|| format!("stage {target}"));
    let mut bars = vec![
        Bar {
            id: "single",
            label: "Single-stage",
            detail: format!("everything in one stage on {}", single.base_label),
            total: single.total,
            parts: single_parts,
        },
        Bar {
            id: "multi",
            label: "Multi-stage",
            detail: format!("the target, {target_name}, as written"),
            total: est.multi_stage,
            parts: multi_parts,
        },
    ];
    for bar in &mut bars {
        bar.parts.retain(|p| p.mb.uncompressed > 0.0);
        // Stable: within a layer, parts keep their order in the file.
        crate::engine::sort::sort_by_key(&mut bar.parts, |p| p.layer);
        merge_smallest(&mut bar.parts);
    }
    place(&mut bars);
    bars
}

fn part(layer: Layer, what: String, figure: &Figure) -> Part {
    Part {
        layer,
        what,
        mb: figure.mb,
        source: figure.source(),
        x: 0.0,
        w: 0.0,
    }
}

fn item_part(it: &Item) -> Part {
    match &it.from {
        Some(from) => part(
            Layer::Artifacts,
            format!("{} from {from}", it.what),
            &it.figure,
        ),
        None => part(
            Layer::Additions,
            format!("{} ({})", it.what, it.kind),
            &it.figure,
        ),
    }
}

/// Merges the smallest parts of each layer into one part per layer when there are more than
/// [`MAX_PARTS`], keeping the larger ones in their order. `parts` are sorted by layer.
fn merge_smallest(parts: &mut Vec<Part>) {
    if parts.len() <= MAX_PARTS {
        return;
    }
    // Room for one merged part per layer; the rest go to the largest parts.
    let keep = MAX_PARTS - Layer::ALL.len();
    let mut by_size: Vec<usize> = (0..parts.len()).collect();
    crate::engine::sort::sort_by(&mut by_size, |&a, &b| {
        parts[b]
            .mb
            .uncompressed
            .total_cmp(&parts[a].mb.uncompressed)
    });
    let mut kept = vec![false; parts.len()];
    for &i in &by_size[..keep] {
        kept[i] = true;
    }
    let mut out = Vec::with_capacity(MAX_PARTS);
    for layer in Layer::ALL {
        let mut merged: Option<(Part, usize)> = None;
        for (i, p) in parts.iter().enumerate().filter(|(_, p)| p.layer == layer) {
            if kept[i] {
                out.push(p.clone());
                continue;
            }
            let (m, n) = merged.get_or_insert_with(|| {
                let mut first = p.clone();
                first.mb = Mb::default();
                (first, 0)
            });
            m.mb += p.mb;
            *n += 1;
        }
        if let Some((mut m, n)) = merged {
            m.what = format!("{n} smaller items");
            m.source = "the sum of their figures (each one is in the figures list)".into();
            out.push(m);
        }
    }
    *parts = out;
}

/// Lays the parts out on one scale (uncompressed MB), chosen so that the longest bar, with every
/// part at least `MIN_PART_W` wide, spans exactly 100%.
fn place(bars: &mut [Bar]) {
    let drawn = |bar: &Bar, scale: f64| -> f64 {
        bar.parts
            .iter()
            .map(|p| (p.mb.uncompressed * scale).max(MIN_PART_W))
            .sum()
    };
    let widest = |scale: f64| bars.iter().map(|b| drawn(b, scale)).fold(0.0, f64::max);
    let most = bars
        .iter()
        .map(|b| b.parts.iter().map(|p| p.mb.uncompressed).sum::<f64>())
        .fold(0.0, f64::max);
    if most <= 0.0 {
        return;
    }
    // The widest bar grows with the scale, piecewise linearly: halve the interval until it is
    // finer than anything drawn.
    let (mut lo, mut hi) = (0.0, 100.0 / most);
    for _ in 0..50 {
        let mid = (lo + hi) / 2.0;
        if widest(mid) > 100.0 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    for bar in bars {
        let mut x = 0.0;
        for p in &mut bar.parts {
            p.x = x;
            p.w = (p.mb.uncompressed * lo).max(MIN_PART_W);
            x += p.w;
        }
    }
}

/// The reduction in percent (`96.7%`), or a dash when there is nothing to compare with.
pub fn pct_text(r: Reduction) -> String {
    match r.pct {
        Some(p) if p.is_finite() => format!("{}%", Fixed(p, 1)),
        _ => "–".into(),
    }
}

/// The reduction as a factor (`30.1×`), or a dash when the multi-stage image is empty.
pub fn factor_text(r: Reduction) -> String {
    match r.factor {
        Some(f) if f.is_finite() && f >= 100.0 => format!("{}×", Fixed(f, 0)),
        Some(f) if f.is_finite() => format!("{}×", Fixed(f, 1)),
        _ => "–".into(),
    }
}

/// The word after the percentage: a negative reduction is growth.
pub fn reduction_word(r: Reduction) -> &'static str {
    match r.pct {
        Some(p) if p < 0.0 => "larger",
        Some(_) => "smaller",
        None => "no estimate",
    }
}

/// Why a typed size was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MbError {
    NotANumber,
    Negative,
    TooLarge,
}

impl MbError {
    pub fn message(self) -> &'static str {
        match self {
            MbError::NotANumber => {
                "Not a size: type a number of MB, e.g. 12.5 (or 800 KB, 1.2 GB)."
            }
            MbError::Negative => "A size cannot be negative.",
            MbError::TooLarge => "Larger than 10 TB: check the unit.",
        }
    }
}

/// Sizes above this (10 TB) are taken to be a typing mistake.
const MAX_MB: f64 = 10_000_000.0;

/// Reads an override box: a number of MB, optionally with a unit (`KB`, `MB`, `GB`, 1000-based,
/// any case) and a decimal comma. Empty means "no override".
pub fn parse_mb(text: &str) -> Result<Option<f64>, MbError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let lower = text.to_ascii_lowercase();
    let (number, factor) = [("kb", 0.001), ("k", 0.001), ("gb", 1000.0), ("g", 1000.0)]
        .iter()
        .chain(&[("mb", 1.0), ("m", 1.0)])
        .find_map(|(unit, f)| lower.strip_suffix(unit).map(|n| (n, *f)))
        .unwrap_or((lower.as_str(), 1.0));
    let number = number.trim_end();
    let number = if number.contains(',') && !number.contains('.') {
        number.replacen(',', ".", 1)
    } else {
        number.to_string()
    };
    // `f64::from_str` also reads `inf` and `NaN`; sizes are digits.
    if !number.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '-' || c == '+') {
        return Err(MbError::NotANumber);
    }
    let value = crate::engine::number::parse_f64(&number).ok_or(MbError::NotANumber)?;
    let mb = value * factor;
    if !mb.is_finite() {
        Err(MbError::TooLarge)
    } else if mb < 0.0 {
        Err(MbError::Negative)
    } else if mb > MAX_MB {
        Err(MbError::TooLarge)
    } else {
        Ok(Some(mb))
    }
}

/// How an override box shows a size the user set: as short as it reads back the same.
pub fn mb_input_text(mb: f64) -> String {
    let text = Shortest(mb).to_string();
    if text.len() > 8 {
        Fixed(mb, 2).to_string()
    } else {
        text
    }
}

/// One figure the user can override.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureRow {
    /// The override key: an image reference, an artifact's path or an item kind.
    pub key: String,
    /// What the key sizes, in words.
    pub label: String,
    pub layer: Layer,
    /// The figure as the estimate has it now (with any override applied).
    pub mb: Mb,
    pub source: String,
    /// The image is not in the table and not overridden (counted as 0).
    pub unknown: bool,
    /// The override's value, when there is one for exactly this key.
    pub overridden: Option<f64>,
    /// How many of the estimate's figures the key sizes (a kind can size several items).
    pub uses: usize,
}

/// The figures of `est` the user can override, one per override key, bases first: the images the
/// two estimates start from, then every item of the stages the target needs. An item is keyed by
/// its path when it has one, else by its kind.
pub fn figure_rows(est: &Estimate, overrides: &[(String, f64)]) -> Vec<FigureRow> {
    let mut rows: Vec<FigureRow> = Vec::new();
    let mut add = |key: String, label: String, layer: Layer, figure: &Figure| {
        if let Some(row) = rows.iter_mut().find(|r| r.key == key) {
            row.uses += 1;
            // A build output that is also copied out reads as the artifact it becomes.
            if layer == Layer::Artifacts {
                row.label = label;
                row.layer = layer;
            }
            return;
        }
        rows.push(FigureRow {
            overridden: overrides
                .iter()
                .rev()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| *v),
            key,
            label,
            layer,
            mb: figure.mb,
            source: figure.source(),
            unknown: matches!(figure.origin, Origin::Unknown { .. }),
            uses: 1,
        });
    };
    let Some(single) = &est.single_stage else {
        return rows;
    };
    let mut bases: Vec<usize> = single.base_stage.into_iter().collect();
    if let Some(target) = est.target {
        bases.push(root(est, target));
    }
    for s in bases {
        let stage = &est.stages[s];
        // Only images can be overridden: `scratch` is empty and a missing base has no name.
        if matches!(stage.base.origin, Origin::Scratch | Origin::Stage { .. })
            || stage.base_label.is_empty()
        {
            continue;
        }
        add(
            stage.base_label.clone(),
            format!("base image {}", stage.base_label),
            Layer::Base,
            &stage.base,
        );
    }
    for si in &single.items {
        let it = &est.stages[si.stage].items[si.item];
        let (key, label) = match (&it.path, &it.from) {
            (Some(path), Some(from)) => (path.clone(), format!("{path} from {from}")),
            (Some(path), None) => (path.clone(), format!("{path} ({})", it.kind)),
            (None, _) => (it.kind.clone(), format!("{} ({})", it.what, it.kind)),
        };
        let layer = if it.from.is_some() {
            Layer::Artifacts
        } else {
            Layer::Additions
        };
        add(key, label, layer, &it.figure);
    }
    rows
}

/// The stage at the bottom of `stage`'s `FROM <stage>` chain.
fn root(est: &Estimate, stage: usize) -> usize {
    let mut at = stage;
    for _ in 0..est.stages.len() {
        match est.stages[at].base.origin {
            Origin::Stage { index } => at = index,
            _ => break,
        }
    }
    at
}

/// `overrides` with `key` set to `mb`, or removed when `mb` is `None`. A key keeps its place, so
/// that which of two matching overrides wins does not change while the user types.
pub fn set_override(overrides: &[(String, f64)], key: &str, mb: Option<f64>) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = Vec::with_capacity(overrides.len() + 1);
    let mut placed = false;
    for (k, v) in overrides {
        if k == key {
            if let (Some(mb), false) = (mb, placed) {
                out.push((k.clone(), mb));
                placed = true;
            }
        } else {
            out.push((k.clone(), *v));
        }
    }
    if let (Some(mb), false) = (mb, placed) {
        out.push((key.to_string(), mb));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::size::SizeConfig;
    use crate::engine::{analyze, Config};

    const SEED_GO: &str = include_str!("../../static/examples/seed-go.Dockerfile");

    fn estimate(text: &str, overrides: &[(&str, f64)]) -> Estimate {
        let config = Config {
            size: SizeConfig {
                overrides: overrides.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            },
            ..Config::default()
        };
        analyze(text, &config).size
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn the_two_bars_add_up_to_the_two_estimates() {
        let est = estimate(SEED_GO, &[]);
        let bars = chart(&est);
        assert_eq!(bars.len(), 2);
        for (bar, total) in bars.iter().zip([est.single_stage_mb(), est.multi_stage]) {
            let sum: f64 = bar.parts.iter().map(|p| p.mb.uncompressed).sum();
            assert!(close(sum, total.uncompressed), "{} {sum} {total:?}", bar.id);
        }
    }

    #[test]
    fn bars_are_stacked_base_then_additions_then_artifacts() {
        let bars = chart(&estimate(SEED_GO, &[]));
        let layers: Vec<Vec<Layer>> = bars
            .iter()
            .map(|b| b.parts.iter().map(|p| p.layer).collect())
            .collect();
        assert_eq!(layers[0][0], Layer::Base);
        assert!(layers[0][1..].iter().all(|l| *l == Layer::Additions));
        assert_eq!(layers[1], [Layer::Base, Layer::Artifacts]);
        assert_eq!(bars[1].parts[1].what, "/out/app from builder");
    }

    #[test]
    fn parts_tile_each_bar_and_the_longest_fits() {
        let bars = chart(&estimate(SEED_GO, &[]));
        for bar in &bars {
            let mut x = 0.0;
            for p in &bar.parts {
                assert!(close(p.x, x));
                assert!(p.w >= MIN_PART_W);
                x += p.w;
            }
            assert!(x <= 100.0 + 1e-9, "{x}");
        }
        let longest = bars[0].parts.last().map(|p| p.x + p.w).unwrap_or(0.0);
        assert!(longest > 99.0, "{longest}");
    }

    #[test]
    fn a_tiny_part_is_still_wide_enough_to_point_at() {
        let bars = chart(&estimate(SEED_GO, &[]));
        let file = bars[0]
            .parts
            .iter()
            .find(|p| p.what.contains("go.mod"))
            .unwrap();
        assert!(file.mb.uncompressed < 1.0);
        assert!(close(file.w, MIN_PART_W));
    }

    #[test]
    fn empty_parts_are_not_drawn() {
        let bars = chart(&estimate(
            "FROM unknown/builder:1 AS b\nRUN make\nFROM scratch\nCOPY --from=b /out/app /app\n",
            &[],
        ));
        assert!(bars
            .iter()
            .flat_map(|b| &b.parts)
            .all(|p| p.mb.uncompressed > 0.0));
    }

    #[test]
    fn a_target_that_inherits_shows_the_root_base_and_every_stage_in_between() {
        let text = "FROM golang:1.25 AS build\nRUN go build -o /out/app .\nFROM build AS final\nCOPY --from=build /out/app /app\n";
        let est = estimate(text, &[]);
        let bars = chart(&est);
        assert_eq!(bars[1].parts[0].what, "base golang:1.25");
        let sum: f64 = bars[1].parts.iter().map(|p| p.mb.uncompressed).sum();
        assert!(close(sum, est.multi_stage.uncompressed));
    }

    #[test]
    fn thousands_of_small_parts_draw_as_a_few() {
        let mut text = String::from("FROM ubuntu:24.04\n");
        for i in 0..3000 {
            text.push_str(&format!("RUN apt-get install -y pkg{i}\n"));
            if i == 1500 {
                text.push_str("RUN npm ci\n");
            }
        }
        let est = estimate(&text, &[]);
        let bars = chart(&est);
        for (bar, total) in bars.iter().zip([est.single_stage_mb(), est.multi_stage]) {
            assert!(bar.parts.len() <= MAX_PARTS, "{}", bar.parts.len());
            let sum: f64 = bar.parts.iter().map(|p| p.mb.uncompressed).sum();
            assert!(close(sum, total.uncompressed), "{} {sum} {total:?}", bar.id);
            let merged = bar.parts.iter().find(|p| p.what.ends_with("smaller items"));
            assert!(
                merged.is_some_and(|m| m.layer == Layer::Additions),
                "{}",
                bar.id
            );
            let x = bar.parts.last().map_or(0.0, |p| p.x + p.w);
            assert!(x <= 100.0 + 1e-9, "{x}");
        }
        // The largest part stays apart, in its place in the file.
        let names: Vec<_> = bars[0].parts.iter().map(|p| &p.what).collect();
        assert!(
            names.iter().any(|w| w.contains("node_modules")),
            "{names:?}"
        );
    }

    #[test]
    fn no_target_no_bars() {
        assert!(chart(&estimate("", &[])).is_empty());
    }

    #[test]
    fn reductions_read_as_percent_and_factor() {
        let r = Reduction {
            pct: Some(96.73),
            factor: Some(30.07),
        };
        assert_eq!(
            (pct_text(r), factor_text(r), reduction_word(r)),
            ("96.7%".into(), "30.1×".into(), "smaller")
        );
        let big = Reduction {
            pct: Some(99.9),
            factor: Some(1234.4),
        };
        assert_eq!(factor_text(big), "1234×");
        let none = Reduction::default();
        assert_eq!(
            (pct_text(none), factor_text(none), reduction_word(none)),
            ("–".into(), "–".into(), "no estimate")
        );
        let growth = Reduction {
            pct: Some(-5.0),
            factor: Some(0.95),
        };
        assert_eq!(reduction_word(growth), "larger");
    }

    #[test]
    fn override_boxes_read_numbers_with_optional_units() {
        assert_eq!(parse_mb(""), Ok(None));
        assert_eq!(parse_mb("  "), Ok(None));
        assert_eq!(parse_mb("12"), Ok(Some(12.0)));
        assert_eq!(parse_mb(" 12.5 "), Ok(Some(12.5)));
        assert_eq!(parse_mb("12,5"), Ok(Some(12.5)));
        assert_eq!(parse_mb("1."), Ok(Some(1.0)));
        assert_eq!(parse_mb(".5"), Ok(Some(0.5)));
        assert_eq!(parse_mb("40 MB"), Ok(Some(40.0)));
        assert_eq!(parse_mb("1.2GB"), Ok(Some(1200.0)));
        assert_eq!(parse_mb("800 kb"), Ok(Some(0.8)));
        assert_eq!(parse_mb("0"), Ok(Some(0.0)));
    }

    #[test]
    fn override_boxes_refuse_what_is_not_a_size() {
        assert_eq!(parse_mb("abc"), Err(MbError::NotANumber));
        assert_eq!(parse_mb("12 apples"), Err(MbError::NotANumber));
        assert_eq!(parse_mb("inf"), Err(MbError::NotANumber));
        assert_eq!(parse_mb("NaN"), Err(MbError::NotANumber));
        assert_eq!(parse_mb("MB"), Err(MbError::NotANumber));
        assert_eq!(parse_mb("1,000.5"), Err(MbError::NotANumber));
        assert_eq!(parse_mb("-3"), Err(MbError::Negative));
        assert_eq!(parse_mb("1e300"), Err(MbError::TooLarge));
        assert_eq!(parse_mb("20000 GB"), Err(MbError::TooLarge));
    }

    #[test]
    fn a_set_override_reads_back_the_same() {
        for v in [40.0, 12.5, 0.1, 1.0 / 3.0] {
            let text = mb_input_text(v);
            let back = parse_mb(&text).unwrap().unwrap();
            assert!((back - v).abs() < 0.01, "{v} {text}");
        }
        assert_eq!(mb_input_text(40.0), "40");
    }

    #[test]
    fn the_seed_go_figures_are_its_two_bases_then_its_items_by_path_or_kind() {
        let rows = figure_rows(&estimate(SEED_GO, &[]), &[]);
        let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "cleanstart-golang:1.21-builder",
                "cleanstart-golang:1.21-prod",
                "file",
                "go-mod-cache",
                "source",
                "/out/app",
                "go-build-cache",
            ]
        );
        // The build output and the artifact copied from it are one path: one box sizes both.
        let app = rows.iter().find(|r| r.key == "/out/app").unwrap();
        assert_eq!(app.uses, 2);
        assert_eq!(
            (app.label.as_str(), app.layer),
            ("/out/app from builder", Layer::Artifacts)
        );
        assert!(rows.iter().all(|r| !r.unknown && r.overridden.is_none()));
    }

    #[test]
    fn an_overridden_figure_says_so() {
        let est = estimate(SEED_GO, &[("/out/app", 40.0)]);
        let rows = figure_rows(&est, &[("/out/app".into(), 40.0)]);
        let app = rows.iter().find(|r| r.key == "/out/app").unwrap();
        assert_eq!(app.overridden, Some(40.0));
        assert!(close(app.mb.uncompressed, 40.0));
        assert!(
            app.source.contains("your override `/out/app`"),
            "{}",
            app.source
        );
    }

    #[test]
    fn an_unknown_image_is_a_row_marked_unknown_until_sized() {
        let text =
            "FROM mycorp/builder:1 AS b\nRUN make\nFROM scratch\nCOPY --from=b /out/app /app\n";
        let rows = figure_rows(&estimate(text, &[]), &[]);
        assert_eq!(rows[0].key, "mycorp/builder:1");
        assert!(rows[0].unknown);
        let sized = figure_rows(
            &estimate(text, &[("mycorp/builder:1", 900.0)]),
            &[("mycorp/builder:1".into(), 900.0)],
        );
        assert_eq!(sized[0].key, "mycorp/builder:1");
        assert!(!sized[0].unknown);
        assert!(close(sized[0].mb.uncompressed, 900.0));
    }

    #[test]
    fn scratch_has_no_box() {
        let text = "FROM golang:1.25 AS b\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=b /out/app /app\n";
        let rows = figure_rows(&estimate(text, &[]), &[]);
        assert!(rows.iter().all(|r| r.key != "scratch"));
        assert_eq!(rows[0].key, "golang:1.25");
    }

    #[test]
    fn setting_an_override_replaces_in_place_and_none_removes() {
        let start = vec![("a".to_string(), 1.0), ("b".to_string(), 2.0)];
        assert_eq!(
            set_override(&start, "a", Some(5.0)),
            [("a".to_string(), 5.0), ("b".to_string(), 2.0)]
        );
        assert_eq!(
            set_override(&start, "c", Some(3.0)),
            [
                ("a".to_string(), 1.0),
                ("b".to_string(), 2.0),
                ("c".to_string(), 3.0)
            ]
        );
        assert_eq!(set_override(&start, "a", None), [("b".to_string(), 2.0)]);
        assert_eq!(set_override(&start, "zz", None), start);
    }
}
