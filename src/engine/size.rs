//! The size estimate: what the image would weigh built in one stage on the builder's base, and
//! what the target weighs built as written, from the built-in table (`size/images.csv`), the
//! defaults for what builds add (`size/defaults.csv`) and the caller's overrides.
//!
//! Uncompressed sizes (what `docker images` and dive show) are primary; compressed (pull) sizes
//! are kept beside them and never mixed with them. Every figure carries its origin.

mod cleanstart;
mod csv;
mod items;
mod lookup;
mod table;

use std::collections::{HashMap, HashSet};
use std::ops::{Add, AddAssign};

use serde::Serialize;

pub use cleanstart::{Mapping, Mappings, CLEANSTART_CSV};
pub use csv::{CsvError, CsvErrorKind};
pub use lookup::{key as image_key, lookup, pattern_key, Match, Miss};
pub use table::{
    published, DefaultBasis, DefaultRow, ImageRow, PublishedRow, RowKind, Stated, Table,
    TableError, DEFAULTS_CSV, IMAGES_CSV, PUBLISHED_CSV,
};

use crate::engine::graph::{Base, Edge, Graph, ImageRef, NodeRef, Role};
use crate::engine::number::{Fixed, Shortest};
use crate::engine::syntax::Dockerfile;
use items::{artifact_kind, chain_traits, stage_items};

/// What the caller chooses.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SizeConfig {
    /// `(key, uncompressed MB)`; the key is an image reference (`golang:1.25`), an artifact's
    /// path as the COPY writes it (`/out/app`) or an item kind of `defaults.csv` (`go-binary`).
    /// A path wins over a kind.
    pub overrides: Vec<(String, f64)>,
}

/// Equal when the keys and the exact bits of the sizes are: an equivalence even for NaN, so
/// `Config` stays `Eq`.
impl PartialEq for SizeConfig {
    fn eq(&self, other: &Self) -> bool {
        self.overrides.len() == other.overrides.len()
            && self
                .overrides
                .iter()
                .zip(&other.overrides)
                .all(|((ka, a), (kb, b))| ka == kb && a.to_bits() == b.to_bits())
    }
}

impl Eq for SizeConfig {}

/// A size on both bases.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Mb {
    /// On disk, as `docker images` and dive show it.
    pub uncompressed: f64,
    /// Pulled from a registry (gzip layers).
    pub compressed: f64,
}

impl Add for Mb {
    type Output = Mb;
    fn add(self, o: Mb) -> Mb {
        Mb {
            uncompressed: self.uncompressed + o.uncompressed,
            compressed: self.compressed + o.compressed,
        }
    }
}

impl AddAssign for Mb {
    fn add_assign(&mut self, o: Mb) {
        *self = *self + o;
    }
}

/// Where a figure comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// A row of `images.csv`.
    Table {
        pattern: String,
        published_by: RowKind,
        stated: Stated,
        source: String,
        date: String,
        line: usize,
        /// Why the match is not exact, when it is not.
        approximate: Option<String>,
    },
    /// A default of `defaults.csv`.
    Default {
        item: String,
        basis: DefaultBasis,
        source: String,
        line: usize,
    },
    /// `--override key=MB`.
    Override { key: String },
    /// `FROM scratch`: nothing.
    Scratch,
    /// Another stage of the file: its estimated total.
    Stage { index: usize },
    /// Not in the table and not overridden: counted as 0.
    Unknown { reason: String },
}

/// A size and where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    pub mb: Mb,
    pub origin: Origin,
    /// Arithmetic applied to the origin's figure, in words.
    pub derivation: Vec<String>,
    /// How the figure on the basis the origin does not give was obtained (`compressed =
    /// uncompressed / 2.7`); `None` when the origin gives both.
    pub other_basis: Option<String>,
}

impl Figure {
    /// The origin and any arithmetic on it, including how the other basis was obtained.
    pub fn source(&self) -> String {
        let mut text = self.origin_text();
        if let Some(o) = &self.other_basis {
            text.push_str("; ");
            text.push_str(o);
        }
        text
    }

    /// The origin and the arithmetic on its uncompressed figure (the primary basis), without
    /// how the compressed one was obtained.
    pub fn source_short(&self) -> String {
        let mut text = self.origin_text();
        if let Some(o) = self
            .other_basis
            .as_deref()
            .filter(|o| o.starts_with("uncompressed"))
        {
            text.push_str("; ");
            text.push_str(o);
        }
        text
    }

    fn origin_text(&self) -> String {
        let mut text = match &self.origin {
            Origin::Table {
                pattern,
                published_by,
                stated,
                source,
                date,
                approximate,
                ..
            } => {
                let by = match published_by {
                    RowKind::Seed => "seed",
                    RowKind::Vendor => "vendor",
                    RowKind::Measured => "measured",
                    RowKind::Definition => "definition",
                };
                let stated = match stated {
                    Stated::Unstated => ", basis not stated (read as uncompressed)",
                    _ => "",
                };
                let approx = if approximate.is_some() {
                    " (approximate: nearest tag)"
                } else {
                    ""
                };
                let date = if date.is_empty() {
                    String::new()
                } else {
                    format!(", {date}")
                };
                format!("table `{pattern}`{approx}: {source} ({by}{date}){stated}")
            }
            Origin::Default {
                item,
                basis,
                source,
                ..
            } => {
                let basis = match basis {
                    DefaultBasis::Sourced => "sourced",
                    DefaultBasis::Derived => "derived",
                    DefaultBasis::Assumption => "assumption",
                };
                format!("default `{item}` ({basis}): {source}")
            }
            Origin::Override { key } => format!("your override `{key}`"),
            Origin::Scratch => "scratch is empty".into(),
            Origin::Stage { index } => format!("stage {index}'s estimate"),
            Origin::Unknown { reason } => format!("unknown: {reason}; counted as 0"),
        };
        for d in &self.derivation {
            text.push_str("; ");
            text.push_str(d);
        }
        text
    }

    pub fn is_assumption(&self) -> bool {
        matches!(
            self.origin,
            Origin::Default {
                basis: DefaultBasis::Assumption,
                ..
            }
        )
    }
}

/// One thing a stage adds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    /// Index into `Dockerfile::instructions`.
    pub instruction: usize,
    /// The kind of `defaults.csv` it is sized as.
    pub kind: String,
    /// What it is: an artifact's path, or a few words (`Go module cache`).
    pub what: String,
    /// For an artifact, where it is copied from (a stage label or an image reference).
    pub from: Option<String>,
    /// For an artifact copied from a stage of the file, that stage's index.
    pub from_stage: Option<usize>,
    /// The path an override can name to size this item alone (an artifact's path, or a build
    /// output's path when the command names it); without one, only its `kind` can be overridden.
    pub path: Option<String>,
    pub figure: Figure,
}

/// A stage as built: its base, what it adds, its total.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageSize {
    pub index: usize,
    pub name: Option<String>,
    pub role: Role,
    pub reachable: bool,
    /// The base as written (`golang:1.25`, `builder`, `scratch`).
    pub base_label: String,
    pub base: Figure,
    pub items: Vec<Item>,
    pub added: Mb,
    pub total: Mb,
}

/// An item's place in the single-stage sum.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SingleItem {
    pub stage: usize,
    /// Index into that stage's `items`.
    pub item: usize,
    pub counted: bool,
    /// Why an item is not counted again.
    pub reason: Option<String>,
}

/// Everything in one stage on the builder's base.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SingleStage {
    /// The stage whose base is used (the root of the largest builder's chain).
    pub base_stage: Option<usize>,
    pub base_label: String,
    pub base: Option<Figure>,
    pub items: Vec<SingleItem>,
    pub total: Mb,
}

/// How much smaller the multi-stage image is, on one basis.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Reduction {
    /// `100 * (1 - multi / single)`; `None` when the single-stage size is 0.
    pub pct: Option<f64>,
    /// `single / multi`; `None` when the multi-stage size is 0.
    pub factor: Option<f64>,
}

impl Reduction {
    fn of(single: f64, multi: f64) -> Reduction {
        Reduction {
            pct: (single > 0.0).then(|| 100.0 * (1.0 - multi / single)),
            factor: (multi > 0.0).then(|| single / multi),
        }
    }
}

/// The estimate for one Dockerfile and target.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Estimate {
    pub target: Option<usize>,
    pub single_stage: Option<SingleStage>,
    /// The target as built.
    pub multi_stage: Mb,
    pub reduction_uncompressed: Reduction,
    pub reduction_compressed: Reduction,
    pub stages: Vec<StageSize>,
    /// Images the estimate needs that have no figure (counted as 0).
    pub unknown_images: Vec<Miss>,
    /// Override keys that matched no image, artifact path or item kind.
    pub unused_overrides: Vec<String>,
    pub notes: Vec<String>,
}

impl Estimate {
    /// Whether the target exports files (`Role::Export`: `FROM scratch`, only files copied in,
    /// no default command) instead of being an image someone runs: its total is the size of the
    /// files `docker build --output` writes, and a reduction against a single-stage image
    /// compares things that are not alike.
    pub fn target_exports(&self) -> bool {
        self.target
            .and_then(|t| self.stages.get(t))
            .is_some_and(|s| s.role == Role::Export)
    }

    pub fn single_stage_mb(&self) -> Mb {
        self.single_stage
            .as_ref()
            .map(|s| s.total)
            .unwrap_or_default()
    }
}

/// Estimates with the built-in table.
pub fn estimate(tree: &Dockerfile, graph: &Graph, config: &SizeConfig) -> Estimate {
    estimate_with(Table::builtin(), tree, graph, config)
}

/// Whether an artifact of kind `artifact` is the output of a step of kind `step` in the stage
/// it is copied from: in a single stage they are the same files, counted once. Small or vague
/// kinds (`file`, `directory`, ...) are never matched, since one COPY of files says nothing
/// about another.
fn already_built(artifact: &str, step: &str) -> bool {
    match artifact {
        "node-modules-prod" => matches!(step, "node-modules-prod" | "node-modules-dev"),
        "go-binary" | "go-binary-stripped" => matches!(step, "go-binary" | "go-binary-stripped"),
        "python-venv" | "source" | "jar" | "js-dist" | "rust-binary" => step == artifact,
        _ => false,
    }
}

struct Sizer<'t> {
    table: &'t Table,
    overrides: &'t [(String, f64)],
    used: Vec<bool>,
}

impl Sizer<'_> {
    fn ratio_of(&self, kind: &str) -> f64 {
        self.table
            .default(kind)
            .and_then(|d| d.compress_ratio)
            .unwrap_or(self.table.ratio)
    }

    fn ratio_text(&self, ratio: f64) -> String {
        if ratio == self.table.ratio {
            format!(
                "compressed = uncompressed / {} (measured image ratio)",
                Shortest(ratio)
            )
        } else {
            format!("compressed = uncompressed / {}", Shortest(ratio))
        }
    }

    fn overridden(&mut self, matches: impl Fn(&str) -> bool, ratio: f64) -> Option<Figure> {
        let i = self.overrides.iter().rposition(|(k, _)| matches(k))?;
        self.used[i] = true;
        let (key, mb) = &self.overrides[i];
        Some(Figure {
            mb: Mb {
                uncompressed: *mb,
                compressed: mb / ratio,
            },
            origin: Origin::Override { key: key.clone() },
            derivation: Vec::new(),
            other_basis: Some(self.ratio_text(ratio)),
        })
    }

    fn image(&mut self, image: &ImageRef) -> Result<Figure, Miss> {
        let wanted = lookup::key(image);
        let ratio = self.table.ratio;
        if let Some(f) = self.overridden(|k| pattern_key(k) == wanted || k == image.raw, ratio) {
            return Ok(f);
        }
        let m = lookup(self.table, image)?;
        let row = &self.table.images[m.row];
        let mut derivation = Vec::new();
        let mut other_basis = None;
        let mut mb = match (row.uncompressed_mb, row.compressed_mb) {
            (Some(u), Some(c)) => Mb {
                uncompressed: u,
                compressed: c,
            },
            (Some(u), None) => {
                other_basis = Some(self.ratio_text(ratio));
                Mb {
                    uncompressed: u,
                    compressed: u / ratio,
                }
            }
            (None, Some(c)) => {
                other_basis = Some(format!(
                    "uncompressed = compressed x {} (measured image ratio)",
                    Shortest(ratio)
                ));
                Mb {
                    uncompressed: c * ratio,
                    compressed: c,
                }
            }
            (None, None) => Mb::default(),
        };
        for kind in &row.includes {
            if let Some(d) = self.table.default(kind) {
                let less = Mb {
                    uncompressed: d.mb,
                    compressed: d.mb / d.compress_ratio.unwrap_or(ratio),
                };
                derivation.push(format!(
                    "the published {} MB includes {kind} ({} MB default), counted as its own item: {} MB for the image",
                    Fixed(mb.uncompressed, 0),
                    Shortest(d.mb),
                    Fixed((mb.uncompressed - less.uncompressed).max(0.0), 1)
                ));
                mb = Mb {
                    uncompressed: (mb.uncompressed - less.uncompressed).max(0.0),
                    compressed: (mb.compressed - less.compressed).max(0.0),
                };
            }
        }
        Ok(Figure {
            mb,
            origin: Origin::Table {
                pattern: m.pattern,
                published_by: row.kind,
                stated: row.stated,
                source: row.source.clone(),
                date: row.date.clone(),
                line: row.line,
                approximate: m.approximate,
            },
            derivation,
            other_basis,
        })
    }

    fn item(&mut self, kind: &str, path: Option<&str>) -> Figure {
        let ratio = self.ratio_of(kind);
        if let Some(path) = path {
            let bare = path.trim_end_matches('/');
            if let Some(f) =
                self.overridden(|k| k == path || k.trim_end_matches('/') == bare, ratio)
            {
                return f;
            }
        }
        if let Some(f) = self.overridden(|k| k == kind, ratio) {
            return f;
        }
        match self.table.default(kind) {
            Some(d) => Figure {
                mb: Mb {
                    uncompressed: d.mb,
                    compressed: d.mb / ratio,
                },
                origin: Origin::Default {
                    item: kind.to_string(),
                    basis: d.basis,
                    source: d.source.clone(),
                    line: d.line,
                },
                derivation: Vec::new(),
                other_basis: Some(self.ratio_text(ratio)),
            },
            None => Figure {
                mb: Mb::default(),
                origin: Origin::Unknown {
                    reason: format!("no default for `{kind}`"),
                },
                derivation: Vec::new(),
                other_basis: None,
            },
        }
    }
}

/// An image's figure from the built-in table, as the estimate reads it (the same basis
/// conversion and `includes` arithmetic), without overrides.
pub fn image_figure(image: &ImageRef) -> Result<Figure, Miss> {
    Sizer {
        table: Table::builtin(),
        overrides: &[],
        used: Vec::new(),
    }
    .image(image)
}

/// Estimates with `table`.
pub fn estimate_with(
    table: &Table,
    tree: &Dockerfile,
    graph: &Graph,
    config: &SizeConfig,
) -> Estimate {
    let mut sizer = Sizer {
        table,
        overrides: &config.overrides,
        used: vec![false; config.overrides.len()],
    };
    let mut est = Estimate {
        target: graph.target,
        ..Estimate::default()
    };
    // Each stage's incoming edges, in one pass (not a scan of every edge per stage).
    let mut edges_to: Vec<Vec<&Edge>> = vec![Vec::new(); graph.stages.len()];
    for e in &graph.edges {
        edges_to[e.to].push(e);
    }
    let found: Vec<_> = (0..graph.stages.len())
        .map(|i| stage_items(tree, graph, i, &edges_to[i]))
        .collect();
    let traits: Vec<_> = found.iter().map(|(_, t)| *t).collect();
    let mut unknown: Vec<(usize, Miss)> = Vec::new();
    // Each distinct base image is looked up (and its figure explained) once: a generated file
    // names one or two images from hundreds of stages.
    // (By position in a list, with the map type the graph builder already has: a map of the
    // figures themselves cost 0.7 KB of wasm.)
    let mut looked_up: HashMap<String, usize> = HashMap::new();
    let mut figures: Vec<Result<Figure, Miss>> = Vec::new();

    for (i, s) in graph.stages.iter().enumerate() {
        let (base_label, base) = match &s.base {
            Base::Image { image, .. } => {
                let at = match looked_up.get(image.raw.as_str()) {
                    Some(&at) => at,
                    None => {
                        figures.push(sizer.image(image));
                        looked_up.insert(image.raw.clone(), figures.len() - 1);
                        figures.len() - 1
                    }
                };
                let f = figures[at].clone().unwrap_or_else(|miss| {
                    let reason = miss.reason.clone();
                    unknown.push((i, miss));
                    Figure {
                        mb: Mb::default(),
                        origin: Origin::Unknown { reason },
                        derivation: Vec::new(),
                        other_basis: None,
                    }
                });
                (image.raw.clone(), f)
            }
            Base::Stage { index } => (
                graph.stages[*index].label(),
                Figure {
                    mb: est.stages[*index].total,
                    origin: Origin::Stage { index: *index },
                    derivation: Vec::new(),
                    other_basis: None,
                },
            ),
            Base::Scratch => (
                "scratch".to_string(),
                Figure {
                    mb: Mb::default(),
                    origin: Origin::Scratch,
                    derivation: Vec::new(),
                    other_basis: None,
                },
            ),
            Base::Missing => (
                String::new(),
                Figure {
                    mb: Mb::default(),
                    origin: Origin::Unknown {
                        reason: "the FROM names no image".into(),
                    },
                    derivation: Vec::new(),
                    other_basis: None,
                },
            ),
        };
        let mut items = Vec::new();
        for a in &found[i].0 {
            let (kind, from, from_stage, path) = match &a.from {
                Some((NodeRef::Stage(j), path)) => (
                    artifact_kind(path, chain_traits(&traits, graph, *j)),
                    Some(graph.stages[*j].label()),
                    Some(*j),
                    Some(path.as_str()),
                ),
                Some((NodeRef::Image(j), path)) => (
                    artifact_kind(path, Default::default()),
                    Some(graph.images[*j].image.raw.clone()),
                    None,
                    Some(path.as_str()),
                ),
                None => (a.kind, None, None, a.path.as_deref()),
            };
            items.push(Item {
                instruction: a.instruction,
                kind: kind.to_string(),
                what: a.what.clone(),
                from,
                from_stage,
                path: path.map(str::to_string),
                figure: sizer.item(kind, path),
            });
        }
        let added = items
            .iter()
            .fold(Mb::default(), |acc, it| acc + it.figure.mb);
        est.stages.push(StageSize {
            index: i,
            name: s.name.clone(),
            role: s.role,
            reachable: s.reachable,
            base_label,
            total: base.mb + added,
            base,
            items,
            added,
        });
    }

    if let Some(t) = graph.target {
        est.multi_stage = est.stages[t].total;
        est.single_stage = Some(single_stage(graph, &est.stages, t, &mut est.notes));
        // The graph's role decides what ships; the estimate says so rather than decide again.
        let target = &graph.stages[t];
        if target.role == Role::Export {
            est.notes.push(format!(
                "The target `{}` exports files (see `airlock graph`): `docker build --output` writes them out and no image is run, so the figure is those files' size and no reduction is given.",
                target.label(),
            ));
        } else if !target.ships {
            est.notes.push(format!(
                "The target `{}` has the role {} (see `airlock graph`): a dev or test image is not the shipped product, so this sizes that image; choose the prod stage with --target to size what ships.",
                target.label(),
                target.role.as_str(),
            ));
        }
    }
    let single = est.single_stage_mb();
    est.reduction_uncompressed = Reduction::of(single.uncompressed, est.multi_stage.uncompressed);
    est.reduction_compressed = Reduction::of(single.compressed, est.multi_stage.compressed);

    // Only the images the two estimates use matter.
    let used_roots: Vec<usize> = est
        .single_stage
        .iter()
        .filter_map(|s| s.base_stage)
        .chain(graph.target.map(|t| root(graph, t)))
        .collect();
    for (stage, miss) in unknown {
        if used_roots.contains(&stage) && !est.unknown_images.contains(&miss) {
            est.notes.push(format!(
                "`{}` is unknown ({}): it counts as 0 MB, so the totals are too low; give its size with --override {}=MB",
                miss.reference, miss.reason, miss.reference
            ));
            est.unknown_images.push(miss);
        }
    }
    est.unused_overrides = config
        .overrides
        .iter()
        .zip(&sizer.used)
        .filter(|(_, used)| !**used)
        .map(|((k, _), _)| k.clone())
        .collect();
    for k in &est.unused_overrides {
        est.notes.push(format!(
            "override `{k}` matches no image, artifact path or item kind of this file"
        ));
    }
    notes(table, &mut est);
    est
}

/// The stage at the bottom of `stage`'s `FROM <stage>` chain.
fn root(graph: &Graph, stage: usize) -> usize {
    let mut at = stage;
    for _ in 0..graph.stages.len() {
        match graph.stages[at].base {
            Base::Stage { index } => at = index,
            _ => break,
        }
    }
    at
}

fn chain(graph: &Graph, stage: usize) -> Vec<usize> {
    let mut out = vec![stage];
    let mut at = stage;
    for _ in 0..graph.stages.len() {
        match graph.stages[at].base {
            Base::Stage { index } => {
                out.push(index);
                at = index;
            }
            _ => break,
        }
    }
    out
}

fn single_stage(
    graph: &Graph,
    stages: &[StageSize],
    target: usize,
    notes: &mut Vec<String>,
) -> SingleStage {
    let reachable: Vec<usize> = (0..stages.len()).filter(|&i| stages[i].reachable).collect();
    let mut roots: Vec<usize> = reachable
        .iter()
        .filter(|&&i| stages[i].role == Role::Builder)
        .map(|&i| root(graph, i))
        .collect();
    crate::engine::sort::sort_by(&mut roots, |a, b| a.cmp(b));
    roots.dedup();
    if roots.is_empty() {
        roots.push(root(graph, target));
        if reachable.len() == 1 {
            notes.push(
                "The target needs no other stage: it is already built in one stage, so both estimates are the same."
                    .into(),
            );
        }
    }
    let base_stage = roots
        .iter()
        .copied()
        .max_by(|&a, &b| {
            stages[a]
                .base
                .mb
                .uncompressed
                .total_cmp(&stages[b].base.mb.uncompressed)
                .then(b.cmp(&a))
        })
        .unwrap_or(target);
    if roots.len() > 1 {
        let others: Vec<String> = roots
            .iter()
            .filter(|&&r| r != base_stage)
            .map(|&r| format!("`{}`", stages[r].base_label))
            .collect();
        notes.push(format!(
            "The single-stage estimate uses the largest builder base, `{}`; the other toolchains ({}) are not added.",
            stages[base_stage].base_label,
            others.join(", ")
        ));
    }
    let mut total = stages[base_stage].base.mb;
    let mut items = Vec::new();
    // A set: a list searched per item made a target built from many stages quadratic.
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for &s in &reachable {
        for (k, it) in stages[s].items.iter().enumerate() {
            let mut reason = None;
            if let (Some(from), Some(j)) = (&it.from, it.from_stage) {
                let key = (from.clone(), it.what.clone());
                if seen.contains(&key) {
                    reason = Some(format!("{} is already counted", it.what));
                } else if let Some(step) = chain(graph, j)
                    .iter()
                    .flat_map(|&c| &stages[c].items)
                    .find(|step| step.from.is_none() && already_built(&it.kind, &step.kind))
                {
                    reason = Some(format!(
                        "built in place: the same files as `{}` in stage {from}",
                        step.what
                    ));
                }
                seen.insert(key);
            }
            if reason.is_none() {
                total += it.figure.mb;
            }
            items.push(SingleItem {
                stage: s,
                item: k,
                counted: reason.is_none(),
                reason,
            });
        }
    }
    SingleStage {
        base_stage: Some(base_stage),
        base_label: stages[base_stage].base_label.clone(),
        base: Some(stages[base_stage].base.clone()),
        items,
        total,
    }
}

fn gb(mb: f64) -> String {
    if mb >= 1000.0 {
        format!("{} GB", Shortest((mb / 100.0).round() / 10.0))
    } else {
        format!("{} MB", Shortest(mb.round()))
    }
}

fn reduction_text(r: Reduction) -> String {
    match (r.pct, r.factor) {
        (Some(p), Some(f)) => format!("{}%, {}x", Fixed(p, 1), Fixed(f, 1)),
        (Some(p), None) => format!("{}%", Fixed(p, 1)),
        _ => "no reduction".into(),
    }
}

/// Notes on what the figures mean: mixed bases in the sources, unstated bases, approximations.
fn notes(table: &Table, est: &mut Estimate) {
    let Some(single) = &est.single_stage else {
        return;
    };
    let row_of = |f: &Figure| match &f.origin {
        Origin::Table { line, .. } => table.images.iter().find(|r| r.line == *line),
        _ => None,
    };
    let target_root = est.target.map(|t| {
        let mut at = t;
        while let Origin::Stage { index } = est.stages[at].base.origin {
            at = index;
        }
        at
    });
    if let (Some(sb), Some(tr)) = (single.base.as_ref(), target_root) {
        let tb = &est.stages[tr].base;
        if let (Some(a), Some(b)) = (row_of(sb), row_of(tb)) {
            let mixed = match (a.stated, b.stated) {
                (Stated::Uncompressed, Stated::Compressed) => Some((
                    a.uncompressed_mb,
                    "uncompressed",
                    b.compressed_mb,
                    "compressed",
                )),
                (Stated::Compressed, Stated::Uncompressed) => Some((
                    a.compressed_mb,
                    "compressed",
                    b.uncompressed_mb,
                    "uncompressed",
                )),
                _ => None,
            };
            if let Some((Some(x), xb, Some(y), yb)) = mixed {
                let who = if a.kind == RowKind::Seed && b.kind == RowKind::Seed {
                    "The seed's"
                } else {
                    "The published"
                };
                let s = single.total;
                let m = est.multi_stage;
                est.notes.push(format!(
                    "{who} \"{} -> {}\" compares `{}` {xb} with `{}` {yb}: two different measures. Like for like: uncompressed {} -> {} MB ({}); compressed {} -> {} MB ({}).",
                    gb(x),
                    gb(y),
                    sb_pattern(sb),
                    sb_pattern(tb),
                    Shortest(s.uncompressed.round()),
                    Shortest(m.uncompressed.round()),
                    reduction_text(est.reduction_uncompressed),
                    Shortest(s.compressed.round()),
                    Shortest(m.compressed.round()),
                    reduction_text(est.reduction_compressed),
                ));
            }
        }
    }
    let mut unstated: Vec<String> = Vec::new();
    let mut approximate: Vec<String> = Vec::new();
    let figures = single
        .base
        .iter()
        .chain(target_root.map(|t| &est.stages[t].base));
    for f in figures {
        if let Origin::Table {
            pattern,
            stated,
            approximate: approx,
            ..
        } = &f.origin
        {
            if *stated == Stated::Unstated && !unstated.contains(pattern) {
                unstated.push(pattern.clone());
            }
            if let Some(a) = approx {
                if !approximate.contains(a) {
                    approximate.push(a.clone());
                }
            }
        }
    }
    if !unstated.is_empty() {
        est.notes.push(format!(
            "The published figures for {} do not say whether they are compressed; they are read as uncompressed.",
            unstated
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    for a in approximate {
        est.notes.push(format!("Approximate: {a}."));
    }
}

fn sb_pattern(f: &Figure) -> &str {
    match &f.origin {
        Origin::Table { pattern, .. } => pattern,
        _ => "",
    }
}
