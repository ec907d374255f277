//! The graph pane's controls as plain logic: build-arg text, the target choices, export files,
//! zoom steps, and the editor's UTF-16 positions. Pure, so it is unit-tested natively (see
//! `lib.rs`).

use crate::engine::graph::Graph;
use crate::render::{self, stage_title};

/// Build args read from the `NAME=VALUE` lines of the build-arg box.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildArgs {
    pub args: Vec<(String, String)>,
    /// 1-based lines that are not `NAME=VALUE` (a browser has no environment to take a bare
    /// `NAME` from, as `docker build --build-arg NAME` would).
    pub invalid: Vec<usize>,
}

/// Reads `NAME=VALUE` lines; blank lines and `#` comments are skipped. The value is everything
/// after the first `=`, kept as typed apart from a trailing `\r`.
pub fn parse_build_args(text: &str) -> BuildArgs {
    let mut out = BuildArgs::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match trimmed.split_once('=') {
            Some((name, value))
                if !name.trim().is_empty() && !name.trim().contains(char::is_whitespace) =>
            {
                out.args.push((name.trim().to_string(), value.to_string()));
            }
            _ => out.invalid.push(n + 1),
        }
    }
    out
}

/// One choice of the target selector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetOption {
    /// What goes into `GraphConfig::target`; empty for the default.
    pub value: String,
    pub text: String,
    pub selected: bool,
}

/// The default (last stage), every stage by its name or index, and the current choice when the
/// text no longer has it (so that the selector shows what the engine is told).
pub fn target_options(graph: &Graph, current: Option<&str>) -> Vec<TargetOption> {
    let current = current.filter(|t| !t.is_empty());
    let mut options = vec![TargetOption {
        value: String::new(),
        text: "last stage (default)".to_string(),
        selected: current.is_none(),
    }];
    let mut found = false;
    for s in &graph.stages {
        let value = s.label();
        let selected = current.is_some_and(|c| c.eq_ignore_ascii_case(&value));
        found |= selected;
        let text = match &s.name {
            Some(_) => format!("{} (stage {})", stage_title(s), s.index),
            None => stage_title(s),
        };
        options.push(TargetOption {
            value,
            text,
            selected,
        });
    }
    if let (Some(c), false) = (current, found) {
        options.push(TargetOption {
            value: c.to_string(),
            text: format!("{c} (not in the file)"),
            selected: true,
        });
    }
    options
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Svg,
    Dot,
    Mermaid,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Svg => "svg",
            ExportFormat::Dot => "dot",
            ExportFormat::Mermaid => "mmd",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ExportFormat::Svg => "image/svg+xml",
            ExportFormat::Dot => "text/vnd.graphviz",
            ExportFormat::Mermaid => "text/plain",
        }
    }

    pub fn render(self, graph: &Graph) -> String {
        match self {
            ExportFormat::Svg => render::svg::render(graph),
            ExportFormat::Dot => render::dot::render(graph),
            ExportFormat::Mermaid => render::mermaid::render(graph),
        }
    }

    /// `airlock-<target>.svg`: named after the target stage, reduced to characters every file
    /// system accepts; `airlock-graph.svg` when there is nothing usable.
    pub fn filename(self, graph: &Graph) -> String {
        let target = graph
            .target
            .and_then(|t| graph.stages.get(t))
            .map(stage_title)
            .unwrap_or_default();
        let mut slug = String::new();
        for c in target.chars() {
            if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let slug = slug.trim_matches(|c| c == '-' || c == '.');
        let slug: String = slug.chars().take(40).collect();
        let slug = if slug.is_empty() { "graph" } else { &slug };
        format!("airlock-{slug}.{}", self.extension())
    }
}

/// The zoom levels the graph steps through; below 25% only fitting a large graph goes, and the
/// buttons step back up from there.
pub const ZOOM_STEPS: [f64; 13] = [
    0.1, 0.15, 0.2, 0.25, 0.33, 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0,
];
/// The smallest and largest scale: fitting a 100-stage graph stays above the first; the second
/// shows a box's smallest text at three times its size.
pub const MIN_ZOOM: f64 = 0.05;
pub const MAX_ZOOM: f64 = 3.0;

/// The next zoom level in (`in_ == true`) or out from `zoom`; stays at either end.
pub fn next_zoom(zoom: f64, in_: bool) -> f64 {
    let found = if in_ {
        ZOOM_STEPS.iter().copied().find(|&z| z > zoom + 1e-9)
    } else {
        ZOOM_STEPS.iter().rev().copied().find(|&z| z < zoom - 1e-9)
    };
    found.unwrap_or(zoom)
}

/// `zoom` kept between [`MIN_ZOOM`] and [`MAX_ZOOM`] (a NaN becomes 100%).
pub fn clamp_zoom(zoom: f64) -> f64 {
    if zoom.is_nan() {
        return 1.0;
    }
    zoom.clamp(MIN_ZOOM, MAX_ZOOM)
}

/// The scale that shows a `width` × `height` drawing whole in a `view_w` × `view_h` box: never
/// above 100% (a small graph is not blown up), never below [`MIN_ZOOM`].
pub fn fit_zoom(view_w: f64, view_h: f64, width: f64, height: f64) -> f64 {
    if width <= 0.0 || height <= 0.0 || view_w <= 0.0 || view_h <= 0.0 {
        return 1.0;
    }
    clamp_zoom((view_w / width).min(view_h / height).min(1.0))
}

/// The scroll offset along one axis that keeps the drawing's point under `at` (a position in the
/// viewport) in place when the scale goes from `old` to `new`, from `scroll` (never below 0).
pub fn zoom_scroll(scroll: f64, at: f64, old: f64, new: f64) -> f64 {
    if old <= 0.0 {
        return scroll;
    }
    ((scroll + at) / old * new - at).max(0.0)
}

/// The scale after a wheel or pinch step of `delta` pixels (ctrl held): smooth, about 10% for one
/// notch of a mouse wheel (100 px), clamped.
pub fn wheel_zoom(zoom: f64, delta: f64) -> f64 {
    let delta = if delta.is_finite() {
        delta.clamp(-400.0, 400.0)
    } else {
        0.0
    };
    // In and out by reciprocal factors, so one notch in and one out come back (no `powf`: libm's
    // costs wasm).
    let step = 1.0 + delta.abs() / 1000.0;
    clamp_zoom(if delta < 0.0 {
        zoom * step
    } else {
        zoom / step
    })
}

/// Where a scrolling box should move along one axis so that an item of length `len` at `start`
/// shows in its `viewport` (currently scrolled to `scroll`): `None` when it is already in full
/// view, else the offset that centres it (never below 0).
pub fn scroll_to_show(scroll: f64, viewport: f64, start: f64, len: f64) -> Option<f64> {
    if start >= scroll && start + len <= scroll + viewport {
        return None;
    }
    Some((start + len / 2.0 - viewport / 2.0).max(0.0))
}

/// A textarea position (UTF-16 code units, as the DOM counts) as a byte offset into `text`.
pub fn utf16_to_byte(text: &str, units: u32) -> usize {
    utf16_position(text, units).0
}

/// The byte offset of the first character boundary at or after `units` UTF-16 units into
/// `text` (its end when the text is shorter), and how many units precede it: more than `units`
/// when the position falls inside a character (between the halves of a surrogate pair).
fn utf16_position(text: &str, units: u32) -> (usize, u32) {
    // Dockerfiles are mostly ASCII, where a unit is a byte: skip the ASCII start at word speed
    // (this runs on every keystroke, over the text up to the caret).
    let ascii = ascii_prefix(&text.as_bytes()[..text.len().min(units as usize)]);
    let (text_rest, mut seen) = (&text[ascii..], ascii as u32);
    for (byte, c) in text_rest.char_indices() {
        let byte = byte + ascii;
        if seen >= units {
            return (byte, seen);
        }
        seen += c.len_utf16() as u32;
    }
    (text.len(), seen)
}

/// The byte offset of exactly `units` UTF-16 units into `text`; `None` past its end or inside
/// a character.
fn utf16_exact(text: &str, units: u32) -> Option<usize> {
    let (byte, seen) = utf16_position(text, units);
    (seen == units).then_some(byte)
}

/// What an input event most likely did to a textarea that held `old_units` UTF-16 units and
/// now holds `new_units`, with the caret at `caret` after it: typed (or pasted) text before
/// the caret, or deleted text at or before it. Returns `(at, removed, added)` in units: the
/// old text's `at..at + removed` became the new text's `at..at + added`. A guess, from three
/// numbers: the caller checks it against both texts (any other edit fails the check).
pub fn edit_at_caret(old_units: u32, new_units: u32, caret: u32) -> Option<(u32, u32, u32)> {
    if caret > new_units {
        return None;
    }
    if new_units >= old_units {
        let added = new_units - old_units;
        Some((caret.checked_sub(added)?, 0, added))
    } else {
        Some((caret, old_units - new_units, 0))
    }
}

/// `text` with its UTF-16 units `at..at + removed` replaced by `added`, and the byte offset
/// just after `added` (where the caret of a typed edit stands); `None` when either end is
/// past the text or inside a character, or when a U+FFFD is in `added` or borders the edit:
/// the browser's text may hold a lone surrogate there (read into Rust as U+FFFD) that the edit
/// pairs up with another, which only a whole read gets right.
pub fn splice_utf16(text: &str, at: u32, removed: u32, added: &str) -> Option<(String, usize)> {
    const LONE: char = char::REPLACEMENT_CHARACTER;
    let start = utf16_exact(text, at)?;
    let end = start + utf16_exact(&text[start..], removed)?;
    if added.contains(LONE) || text[..start].ends_with(LONE) || text[end..].starts_with(LONE) {
        return None;
    }
    let mut out = String::with_capacity(text.len() - (end - start) + added.len());
    out.push_str(&text[..start]);
    out.push_str(added);
    out.push_str(&text[end..]);
    Some((out, start + added.len()))
}

/// How many bytes at the start of `bytes` are ASCII.
fn ascii_prefix(bytes: &[u8]) -> usize {
    if bytes.is_ascii() {
        return bytes.len();
    }
    bytes
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len())
}

/// A byte offset into `text` as a textarea position (UTF-16 code units).
pub fn byte_to_utf16(text: &str, byte: usize) -> u32 {
    text.char_indices()
        .take_while(|(i, _)| *i < byte)
        .map(|(_, c)| c.len_utf16() as u32)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{analyze, Config, GraphConfig};

    fn graph(text: &str, target: Option<&str>) -> Graph {
        let config = Config {
            graph: GraphConfig {
                target: target.map(str::to_string),
                build_args: Vec::new(),
                ..Default::default()
            },
            ..Config::default()
        };
        analyze(text, &config).graph
    }

    #[test]
    fn build_args_are_name_value_lines() {
        let parsed = parse_build_args("GO_VERSION=1.22\n\n# a comment\n  TAG = a=b \r\n");
        assert_eq!(
            parsed.args,
            [
                ("GO_VERSION".to_string(), "1.22".to_string()),
                ("TAG".to_string(), " a=b ".to_string())
            ]
        );
        assert_eq!(parsed.invalid, [] as [usize; 0]);
    }

    #[test]
    fn an_empty_value_is_a_value() {
        assert_eq!(
            parse_build_args("EMPTY=").args,
            [("EMPTY".to_string(), String::new())]
        );
    }

    #[test]
    fn lines_without_a_name_and_an_equals_sign_are_reported() {
        let parsed = parse_build_args("GOOD=1\nBARE\n=value\nTWO WORDS=x\n");
        assert_eq!(parsed.args.len(), 1);
        assert_eq!(parsed.invalid, [2, 3, 4]);
    }

    #[test]
    fn the_target_choices_are_the_default_then_every_stage() {
        let g = graph("FROM golang AS build\nFROM alpine\n", None);
        let options = target_options(&g, None);
        let shown: Vec<_> = options
            .iter()
            .map(|o| (o.value.as_str(), o.text.as_str(), o.selected))
            .collect();
        assert_eq!(
            shown,
            [
                ("", "last stage (default)", true),
                ("build", "build (stage 0)", false),
                ("1", "stage 1", false),
            ]
        );
    }

    #[test]
    fn the_chosen_target_is_selected_whatever_its_case() {
        let g = graph("FROM golang AS build\nFROM alpine\n", Some("BUILD"));
        let selected: Vec<_> = target_options(&g, Some("BUILD"))
            .into_iter()
            .filter(|o| o.selected)
            .map(|o| o.value)
            .collect();
        assert_eq!(selected, ["build"]);
    }

    #[test]
    fn a_target_the_text_lost_stays_shown() {
        let g = graph("FROM alpine\n", Some("gone"));
        let last = target_options(&g, Some("gone")).pop();
        assert_eq!(
            last.map(|o| (o.text, o.selected)),
            Some(("gone (not in the file)".to_string(), true))
        );
    }

    #[test]
    fn export_files_are_named_after_the_target() {
        let g = graph("FROM golang AS build\nFROM alpine AS prod\n", None);
        assert_eq!(ExportFormat::Svg.filename(&g), "airlock-prod.svg");
        assert_eq!(ExportFormat::Dot.filename(&g), "airlock-prod.dot");
        assert_eq!(ExportFormat::Mermaid.filename(&g), "airlock-prod.mmd");
    }

    #[test]
    fn export_names_keep_only_safe_characters() {
        let g = graph("FROM alpine AS \"><img/src=x>\n", None);
        assert_eq!(ExportFormat::Svg.filename(&g), "airlock-img-src-x.svg");
        let unnamed = graph("FROM alpine\n", None);
        assert_eq!(ExportFormat::Dot.filename(&unnamed), "airlock-stage-0.dot");
        assert_eq!(
            ExportFormat::Mermaid.filename(&Graph::default()),
            "airlock-graph.mmd"
        );
    }

    #[test]
    fn exports_start_as_their_format_requires() {
        let g = graph(
            "FROM golang AS build\nFROM alpine\nCOPY --from=build /a /a\n",
            None,
        );
        assert!(ExportFormat::Svg.render(&g).starts_with("<svg"));
        assert!(ExportFormat::Dot.render(&g).starts_with("digraph"));
        assert!(ExportFormat::Mermaid.render(&g).starts_with("flowchart LR"));
    }

    #[test]
    fn fitting_shows_the_whole_drawing_and_never_enlarges_it() {
        // The user's 59-stage file: 3858 × 2114 in a 760 × 560 box.
        let z = fit_zoom(760.0, 560.0, 3858.0, 2114.0);
        assert!(3858.0 * z <= 760.0 && 2114.0 * z <= 560.0);
        assert!(3858.0 * z > 759.0, "as large as fits: {z}");
        assert_eq!(fit_zoom(760.0, 560.0, 300.0, 100.0), 1.0);
        assert_eq!(fit_zoom(100.0, 100.0, 1e9, 10.0), MIN_ZOOM);
        assert_eq!(fit_zoom(0.0, 560.0, 300.0, 100.0), 1.0);
        assert_eq!(fit_zoom(760.0, 560.0, 0.0, 0.0), 1.0);
    }

    #[test]
    fn zooming_keeps_the_point_under_the_cursor_in_place() {
        // Point 300 px into a box scrolled to 100: the drawing's 400 at 100%, 800 at 200%.
        assert_eq!(zoom_scroll(100.0, 300.0, 1.0, 2.0), 500.0);
        assert_eq!((800.0 - zoom_scroll(100.0, 300.0, 1.0, 2.0)), 300.0);
        assert_eq!(zoom_scroll(0.0, 10.0, 1.0, 0.5), 0.0);
        assert_eq!(zoom_scroll(50.0, 10.0, 0.0, 0.5), 50.0);
    }

    #[test]
    fn the_wheel_zooms_smoothly_and_within_bounds() {
        assert!(wheel_zoom(1.0, -100.0) > 1.05 && wheel_zoom(1.0, -100.0) < 1.15);
        assert!(wheel_zoom(1.0, 100.0) < 0.95);
        assert_eq!(wheel_zoom(MAX_ZOOM, -400.0), MAX_ZOOM);
        assert_eq!(wheel_zoom(MIN_ZOOM, 1e9), MIN_ZOOM);
        assert_eq!(wheel_zoom(1.0, f64::NAN), 1.0);
        assert_eq!(clamp_zoom(f64::NAN), 1.0);
    }

    #[test]
    fn zoom_steps_in_and_out_and_stops_at_the_ends() {
        assert_eq!(next_zoom(1.0, true), 1.25);
        assert_eq!(next_zoom(1.0, false), 0.8);
        assert_eq!(next_zoom(2.0, true), 3.0);
        assert_eq!(next_zoom(0.25, false), 0.2);
        assert_eq!(next_zoom(0.1, false), 0.1);
        assert_eq!(next_zoom(3.0, true), 3.0);
        // From a fitted scale between two steps, the buttons go to the next step either way.
        assert_eq!(next_zoom(0.18, true), 0.2);
        assert_eq!(next_zoom(0.18, false), 0.15);
        assert_eq!(next_zoom(0.9, true), 1.0);
    }

    #[test]
    fn an_item_in_view_needs_no_scrolling() {
        assert_eq!(scroll_to_show(100.0, 400.0, 150.0, 60.0), None);
    }

    #[test]
    fn an_item_out_of_view_is_centred() {
        assert_eq!(scroll_to_show(0.0, 400.0, 1000.0, 60.0), Some(830.0));
        // Partly hidden counts as hidden.
        assert_eq!(scroll_to_show(0.0, 400.0, 380.0, 60.0), Some(210.0));
    }

    #[test]
    fn scrolling_never_goes_before_the_start() {
        assert_eq!(scroll_to_show(500.0, 400.0, 10.0, 60.0), Some(0.0));
    }

    /// UTF-16 units of `s`, as the DOM counts them.
    fn units(s: &str) -> u32 {
        s.encode_utf16().count() as u32
    }

    #[test]
    fn typing_and_deleting_at_the_caret_splice_back_to_the_new_text() {
        // Each case: the old text, the new text and the caret after the edit (a byte offset of
        // the new text), for the edits a keystroke makes: a character typed, a paste, Backspace
        // and Delete, beside multi-byte and two-unit characters.
        let cases = [
            ("FROM a\n", "FROM ab\n", 7),
            ("FROM a\n", "xFROM a\n", 1),
            ("FROM a\n", "FROM a\nRUN x", 12),
            ("é😀x", "é😀yx", 7),
            ("é😀x", "é😀😀x", 10),
            ("é😀x", "éx", 2),
            ("é😀x", "é😀", 6),
            ("é😀x", "😀x", 0),
            ("abc", "", 0),
            ("", "😀", 4),
        ];
        for (old, new, caret) in cases {
            let (at, removed, added) = edit_at_caret(units(old), units(new), units(&new[..caret]))
                .unwrap_or_else(|| panic!("{old:?} -> {new:?}"));
            let added_text: String = String::from_utf16(
                &new.encode_utf16().collect::<Vec<_>>()[at as usize..][..added as usize],
            )
            .unwrap();
            assert_eq!(
                splice_utf16(old, at, removed, &added_text),
                Some((new.to_string(), caret)),
                "{old:?} -> {new:?}"
            );
        }
    }

    #[test]
    fn a_guess_outside_the_text_or_inside_a_character_is_refused() {
        // The caret before the start of what was added, or past the new text's end.
        assert_eq!(edit_at_caret(3, 5, 1), None);
        assert_eq!(edit_at_caret(3, 2, 4), None);
        // A splice that would start or end between the halves of 😀, or past the end.
        assert_eq!(splice_utf16("a😀b", 2, 0, "x"), None);
        assert_eq!(splice_utf16("a😀b", 1, 1, ""), None);
        assert_eq!(splice_utf16("ab", 3, 0, "x"), None);
        assert_eq!(splice_utf16("ab", 1, 2, ""), None);
        // Beside a U+FFFD (a lone surrogate in the browser's text, maybe paired by this edit).
        assert_eq!(splice_utf16("a\u{FFFD}b", 2, 0, "x"), None);
        assert_eq!(splice_utf16("a\u{FFFD}b", 1, 0, "x"), None);
        assert_eq!(splice_utf16("ab", 1, 0, "\u{FFFD}"), None);
        assert_eq!(
            splice_utf16("a\u{FFFD}bc", 3, 0, "x"),
            Some(("a\u{FFFD}bxc".into(), 6))
        );
    }

    #[test]
    fn textarea_positions_count_utf16_units() {
        let text = "é😀x";
        // é: 2 bytes, 1 unit; 😀: 4 bytes, 2 units.
        assert_eq!(utf16_to_byte(text, 0), 0);
        assert_eq!(utf16_to_byte(text, 1), 2);
        assert_eq!(utf16_to_byte(text, 3), 6);
        assert_eq!(utf16_to_byte(text, 99), text.len());
        assert_eq!(byte_to_utf16(text, 6), 3);
        assert_eq!(byte_to_utf16(text, text.len()), 4);
    }

    proptest::proptest! {
        /// The ASCII shortcut gives what counting every character gives.
        #[test]
        fn utf16_positions_match_a_plain_count(text in "[a-z\n é😀]{0,40}", units in 0u32..90) {
            let mut seen = 0;
            let plain = text
                .char_indices()
                .find(|&(_, c)| {
                    let past = seen >= units;
                    seen += c.len_utf16() as u32;
                    past
                })
                .map_or(text.len(), |(i, _)| i);
            proptest::prop_assert_eq!(utf16_to_byte(&text, units), plain);
        }
    }
}
