//! The stage graph: the stages, what each is built on, the artifacts that cross from one stage to
//! another (`COPY --from`, `ADD --from`, `RUN --mount=from=`), the target, which stages the target
//! needs, and each stage's role with the evidence that decided it.
//!
//! It is built from whatever the parser could read, so a half-typed file still has a graph.

mod expand;
mod glob;
mod image;
mod image_config;
pub mod predefined;
mod roles;

use std::collections::HashMap;

use serde::Serialize;
use thiserror::Error;

pub use expand::{expand, expand_within, Budget, Expanded, Problem, MAX_NESTING, MAX_VALUE};
pub use glob::class_accepts;
pub use image::{classify, Classification, ImageClass, ImageRef};
pub use image_config::{known_config, ImageConfig};
pub use roles::Role;

use crate::engine::syntax::{Args, Dockerfile, Instruction, Kw, Span};

/// What the caller chooses: the stage to build and `--build-arg` values.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GraphConfig {
    /// A stage name or index; the last stage when `None`.
    pub target: Option<String>,
    /// `--build-arg NAME=VALUE` overrides, in order; later ones win.
    pub build_args: Vec<(String, String)>,
    /// Extra image patterns (`*` globs over `name:tag`) that mark toolchain (builder) images,
    /// from `builder-images` in airlock.toml.
    pub builder_images: Vec<String>,
    /// Extra image patterns that mark minimal runtime (prod) images (`prod-images`).
    pub prod_images: Vec<String>,
}

impl GraphConfig {
    /// The built-in classification, unless one of the configured patterns names the image.
    pub fn classify(&self, image: &ImageRef) -> Classification {
        let full = format!(
            "{}:{}",
            image.name(),
            image.tag.as_deref().unwrap_or("latest")
        );
        let hit = |patterns: &[String]| {
            patterns
                .iter()
                .find(|p| expand::glob_matches(p, &full) || expand::glob_matches(p, &image.raw))
                .cloned()
        };
        if let Some(p) = hit(&self.builder_images) {
            return Classification {
                class: ImageClass::Toolchain,
                reason: format!(
                    "`{full}` matches the builder image pattern `{p}` of the configuration"
                ),
            };
        }
        if let Some(p) = hit(&self.prod_images) {
            return Classification {
                class: ImageClass::Runtime,
                reason: format!(
                    "`{full}` matches the prod image pattern `{p}` of the configuration"
                ),
            };
        }
        classify(image)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Graph {
    pub stages: Vec<Stage>,
    /// External images referenced by `--from` (COPY, ADD, RUN --mount).
    pub images: Vec<ExternalImage>,
    pub edges: Vec<Edge>,
    /// Index of the target stage; `None` when there are no stages.
    pub target: Option<usize>,
    /// Whether the caller named the target. `docker build --check` without one lints every
    /// stage; with one, or in a plain build, BuildKit lints only the stages the target needs.
    pub target_named: bool,
    pub problems: Vec<GraphProblem>,
    /// Global ARGs (before the first FROM) with their values after overrides and expansion.
    pub global_args: Vec<Variable>,
}

impl Graph {
    /// The base a stage finally rests on, following `FROM <stage>` (never `Base::Stage`, except
    /// for a malformed cycle, which cannot come from a parsed file).
    pub fn resolved_base(&self, mut stage: usize) -> (usize, &Base) {
        for _ in 0..=self.stages.len() {
            match &self.stages[stage].base {
                Base::Stage { index } => stage = *index,
                base => return (stage, base),
            }
        }
        (stage, &self.stages[stage].base)
    }
}

/// One `FROM` and the instructions up to the next.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stage {
    pub index: usize,
    /// The `AS` name, lower-cased as BuildKit compares it.
    pub name: Option<String>,
    /// The FROM instruction.
    pub from_span: Span,
    /// From the FROM to the end of the stage's last instruction.
    pub span: Span,
    /// Indices into `Dockerfile::instructions`, FROM included.
    pub instructions: std::ops::Range<usize>,
    pub base: Base,
    /// The image reference as written, before expansion.
    pub base_written: String,
    pub platform: Option<String>,
    pub role: Role,
    /// Why the role was chosen, in words shown to users.
    pub evidence: Vec<String>,
    /// Whether the stage's files are in the product `docker build` makes: the target is a
    /// prod stage and this stage is it or one it is built on (`roles::assign` sets it; the
    /// rules and the size estimate read it, never decide it again).
    pub ships: bool,
    pub reachable: bool,
    /// ARGs declared in the stage, with their values.
    pub args: Vec<Variable>,
    /// ENV values set in the stage (inherited ones not included).
    pub env: Vec<Variable>,
    /// The working directory at the end of the stage, where it is known: a WORKDIR in the stage
    /// or in the stage it builds on, `/` on scratch, the image's own on a common official image
    /// (`known_config`); `None` on any other image, which may set its own.
    pub workdir: Option<String>,
}

impl Stage {
    /// The name if it has one, else its index: how `--from` would refer to it.
    pub fn label(&self) -> String {
        self.name.clone().unwrap_or_else(|| self.index.to_string())
    }
}

/// A name and its value (`None`: declared without a value).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Variable {
    pub name: String,
    pub value: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Base {
    Image {
        image: ImageRef,
        class: Classification,
    },
    /// Another stage of this file.
    Stage { index: usize },
    /// `FROM scratch`: an empty filesystem.
    Scratch,
    /// Nothing could be read (`FROM` with no image yet).
    Missing,
}

/// An image outside the file that a `--from` refers to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExternalImage {
    pub index: usize,
    pub image: ImageRef,
    pub class: Classification,
}

/// One end of an edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeRef {
    Stage(usize),
    Image(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// `FROM <stage>`: the whole filesystem is inherited.
    From,
    /// `COPY --from` or `ADD --from`.
    Copy,
    /// `RUN --mount=...,from=`: visible during one RUN only.
    Mount,
}

/// Something that crosses into stage `to`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edge {
    pub from: NodeRef,
    pub to: usize,
    pub kind: EdgeKind,
    /// Source paths (expanded); for a mount, its source (`/` when none is given).
    pub paths: Vec<String>,
    /// Destination (COPY) or mount target.
    pub dest: Option<String>,
    /// A relative COPY destination joined to the working directory, where that is known
    /// (`COPY --from=build /app .` after `WORKDIR /srv`: `/srv/`).
    pub dest_resolved: Option<String>,
    pub chmod: Option<String>,
    pub chown: Option<String>,
    pub link: bool,
    pub parents: bool,
    pub exclude: Vec<String>,
    /// The instruction that makes the edge.
    pub span: Span,
    /// Index into `Dockerfile::instructions`.
    pub instruction: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GraphProblemKind {
    #[error("variable `{name}` is not defined here; it expands to an empty string")]
    UndefinedVariable { name: String },
    #[error("variable `{name}` must be set: {message}")]
    RequiredVariable { name: String, message: String },
    #[error("target `{target}` is not a stage of this file; using the last stage")]
    UnknownTarget { target: String },
    #[error("`--from={reference}` names stage {index}, which is not before this one")]
    ForwardReference { reference: String, index: usize },
    #[error("FROM `{name}` names stage {index}, which comes later: stages can only build on earlier ones (a cycle if it builds on this one)")]
    FromLaterStage { name: String, index: usize },
    #[error("build argument `{name}` is not declared by any ARG")]
    UnusedBuildArg { name: String },
    #[error("this value expands to more than {limit_kib} KiB (variables that repeat each other double it at each step); airlock keeps the first {limit_kib} KiB")]
    ValueTooLong { limit_kib: usize },
    #[error("the pattern after `{name}` takes too long to match on its value here; airlock leaves the value as it is")]
    PatternTooCostly { name: String },
    #[error("variable references nest more than {limit} deep here; airlock expands the deeper ones to nothing")]
    NestedTooDeep { limit: usize },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GraphProblem {
    pub kind: GraphProblemKind,
    pub span: Span,
}

/// Builds the graph of `tree`.
pub fn build(tree: &Dockerfile, config: &GraphConfig) -> Graph {
    Builder {
        tree,
        overrides: config
            .build_args
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect(),
        graph: Graph::default(),
        image_ids: HashMap::new(),
        names: Vec::new(),
        first_named: HashMap::new(),
        earlier: HashMap::new(),
        config,
        global_latest: Latest::default(),
        budget: Budget::default(),
    }
    .run(config)
}

struct Builder<'a> {
    tree: &'a Dockerfile,
    overrides: HashMap<&'a str, &'a str>,
    graph: Graph,
    image_ids: HashMap<String, usize>,
    /// Every stage's name, known before the stages are read (for forward references).
    names: Vec<Option<String>>,
    /// The first stage of each name in `names` (built once: a reference is one look-up, not a
    /// scan of the stages, which made a file of many stages quadratic).
    first_named: HashMap<String, usize>,
    /// The first stage of each name among the stages read so far.
    earlier: HashMap<String, usize>,
    config: &'a GraphConfig,
    /// Where each global ARG name was last declared (`graph.global_args`): a stage's look-up
    /// of a global is one probe, not a scan of them all (thousands of global ARGs and stages
    /// were quadratic).
    global_latest: Latest,
    /// The glob steps all of the graph's expansions share.
    budget: Budget,
}

/// The `AS name` of a FROM, lower-cased.
fn stage_name(from: &Instruction) -> Option<String> {
    match &from.args {
        Args::Shell { words, .. }
            if words.len() >= 3 && words[1].text.eq_ignore_ascii_case("as") =>
        {
            Some(words[2].text.to_ascii_lowercase())
        }
        _ => None,
    }
}

/// `path` taken from the directory `dir`, as the builder resolves a WORKDIR or a COPY destination:
/// an absolute path stands alone, a relative one is joined to `dir` (`None`: unknown). `.` and
/// `..` are folded; a trailing `/` (or a path that ends in `.`) stays a directory.
fn join_path(dir: Option<&str>, path: &str) -> Option<String> {
    if path.is_empty() || path.contains('$') {
        return None;
    }
    let full = if path.starts_with('/') {
        path.to_string()
    } else {
        let dir = dir?;
        format!("{}/{path}", dir.trim_end_matches('/'))
    };
    let mut out = absolute_path(&full);
    let is_dir = full.ends_with('/') || full.ends_with("/.") || full.ends_with("/..");
    if is_dir && out != "/" {
        out.push('/');
    }
    Some(out)
}

/// `path` with `.`, `..` and repeated or trailing `/` resolved, as an absolute path (`a/./b/..`
/// -> `/a`).
pub fn absolute_path(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

fn expand_quietly(word: &str, escape: char, scope: &Scope, budget: &Budget) -> String {
    expand_within(word, escape, &|name| scope.get(name), budget).value
}

/// Variables visible at one point: the stage's own, then (for `--from`) the global ones.
struct Scope<'s> {
    vars: &'s [Variable],
    fallback: &'s [Variable],
    /// Where each name of `fallback` was last declared, when the caller keeps that.
    fallback_latest: Option<&'s Latest>,
    /// Where each name of `vars` was last declared, when the caller keeps that.
    latest: Option<&'s Latest>,
}

/// The last declaration of each name among the first `covered` variables of a list that only
/// grows (a stage's ARG and ENV): a look-up is one hash probe and a scan of the few added since
/// (the current instruction's), not a scan of the whole list, which made a stage of thousands
/// of ENVs quadratic.
#[derive(Default)]
struct Latest {
    at: HashMap<String, usize>,
    covered: usize,
}

impl Latest {
    /// Takes in the variables added to `vars` since the last call.
    fn update(&mut self, vars: &[Variable]) {
        for (i, v) in vars.iter().enumerate().skip(self.covered) {
            self.at.insert(v.name.clone(), i);
        }
        self.covered = vars.len();
    }

    /// The last variable named `name` in `vars`.
    fn find<'v>(&self, vars: &'v [Variable], name: &str) -> Option<&'v Variable> {
        let covered = self.covered.min(vars.len());
        vars[covered..]
            .iter()
            .rev()
            .find(|v| v.name == name)
            .or_else(|| {
                (self.at.get(name))
                    .filter(|&&i| i < covered)
                    .map(|&i| &vars[i])
            })
    }
}

impl Scope<'_> {
    fn get(&self, name: &str) -> Option<String> {
        let find = |vars: &[Variable]| {
            vars.iter()
                .rev()
                .find(|v| v.name == name)
                .map(|v| v.value.clone())
        };
        let own = match self.latest {
            Some(latest) => latest.find(self.vars, name).map(|v| v.value.clone()),
            None => find(self.vars),
        };
        let fallback = || match self.fallback_latest {
            Some(latest) => latest.find(self.fallback, name).map(|v| v.value.clone()),
            None => find(self.fallback),
        };
        own.or_else(fallback)
            .map(Option::unwrap_or_default)
            .or_else(|| predefined::platform_value(name).map(str::to_string))
    }
}

impl Builder<'_> {
    fn run(mut self, config: &GraphConfig) -> Graph {
        let tree = self.tree;
        let froms: Vec<usize> = (0..tree.instructions.len())
            .filter(|&i| tree.instructions[i].keyword.kind == Kw::From)
            .collect();
        let first_from = froms.first().copied().unwrap_or(tree.instructions.len());
        self.names = froms
            .iter()
            .map(|&i| stage_name(&tree.instructions[i]))
            .collect();
        for (i, name) in self.names.iter().enumerate() {
            if let Some(name) = name {
                self.first_named.entry(name.clone()).or_insert(i);
            }
        }

        let mut globals = Vec::new();
        let (mut latest, none) = (Latest::default(), Latest::default());
        for inst in tree.instructions[..first_from]
            .iter()
            .filter(|i| i.keyword.kind == Kw::Arg)
        {
            latest.update(&globals);
            self.declare_args(inst, (&mut globals, Some(&latest)), (&[], &none), true);
        }
        latest.update(&globals);
        self.global_latest = latest;
        for (name, _) in &config.build_args {
            let declared = globals.iter().any(|v: &Variable| &v.name == name)
                || tree
                    .instructions
                    .iter()
                    .any(|i| i.keyword.kind == Kw::Arg && i.pairs.iter().any(|p| &p.key == name));
            if !declared && !predefined::is_predefined(name) {
                self.problem(
                    GraphProblemKind::UnusedBuildArg { name: name.clone() },
                    Span::default(),
                );
            }
        }
        self.graph.global_args = globals;

        for (si, &fi) in froms.iter().enumerate() {
            let end = froms
                .get(si + 1)
                .copied()
                .unwrap_or(tree.instructions.len());
            self.stage(si, fi..end);
        }

        self.graph.target = self.target(config);
        self.graph.target_named = config.target.as_deref().is_some_and(|t| !t.is_empty());
        if let Some(t) = self.graph.target {
            self.mark_reachable(t);
        }
        roles::assign(tree, &mut self.graph);
        crate::engine::sort::sort_by_key(&mut self.graph.problems, |p| p.span.start);
        self.graph
    }

    fn problem(&mut self, kind: GraphProblemKind, span: Span) {
        self.graph.problems.push(GraphProblem { kind, span });
    }

    /// Expands `word` (written at `span` in `inst`), reporting problems at the variable's span.
    fn expand(&mut self, word: &str, span: Span, inst: &Instruction, scope: &Scope) -> String {
        let expanded = expand_within(
            word,
            self.tree.escape,
            &|name| scope.get(name),
            &self.budget,
        );
        for p in expanded.problems {
            let name = match &p {
                Problem::Undefined(n) | Problem::Required(n, _) | Problem::TooCostly(n) => Some(n),
                Problem::TooLong | Problem::TooDeep => None,
            };
            // At the variable's own reference when the problem has one, else at the whole word.
            let at = (inst.vars.iter())
                .find(|v| {
                    name.is_some_and(|n| *n == v.name)
                        && span.start <= v.span.start
                        && v.span.end <= span.end
                })
                .map_or(span, |v| v.span);
            let kind = match p {
                Problem::Undefined(name) => GraphProblemKind::UndefinedVariable { name },
                Problem::Required(name, message) => {
                    GraphProblemKind::RequiredVariable { name, message }
                }
                Problem::TooLong => GraphProblemKind::ValueTooLong {
                    limit_kib: MAX_VALUE / 1024,
                },
                Problem::TooCostly(name) => GraphProblemKind::PatternTooCostly { name },
                Problem::TooDeep => GraphProblemKind::NestedTooDeep { limit: MAX_NESTING },
            };
            self.problem(kind, at);
        }
        expanded.value
    }

    /// Records the names of an ARG with their values: a build-arg override wins, then the
    /// default (expanded), then, inside a stage, the global value of the same name. Undefined
    /// variables are reported only in the global scope: inside a stage they may come from the
    /// base image's environment, which the file does not show.
    fn declare_args(
        &mut self,
        inst: &Instruction,
        (vars, latest): (&mut Vec<Variable>, Option<&Latest>),
        (globals, global_latest): (&[Variable], &Latest),
        global: bool,
    ) {
        for pair in &inst.pairs {
            let value = if let Some(v) = self.overrides.get(pair.key.as_str()) {
                Some(v.to_string())
            } else if let (Some(raw), Some(span)) = (&pair.value, pair.value_span) {
                let scope = Scope {
                    vars,
                    fallback: globals,
                    fallback_latest: Some(global_latest),
                    latest,
                };
                Some(if global {
                    self.expand(raw, span, inst, &scope)
                } else {
                    expand_quietly(raw, self.tree.escape, &scope, &self.budget)
                })
            } else if !global {
                // `ARG NAME` in a stage takes the global value, or the predefined platform one.
                let inherited = global_latest.find(globals, &pair.key);
                inherited
                    .and_then(|g| g.value.clone())
                    .or_else(|| predefined::platform_value(&pair.key).map(str::to_string))
            } else {
                None
            };
            vars.push(Variable {
                name: pair.key.to_string(),
                value,
            });
        }
    }

    fn stage(&mut self, si: usize, range: std::ops::Range<usize>) {
        let tree = self.tree;
        let from = &tree.instructions[range.start];
        // Taken for the stage and put back at its end: a clone per stage cost as much again.
        let globals = std::mem::take(&mut self.graph.global_args);
        let global_latest = std::mem::take(&mut self.global_latest);
        let words: Vec<_> = match &from.args {
            Args::Shell { words, .. } => words.iter().collect(),
            Args::Exec { .. } => Vec::new(),
        };
        let name = self.names[si].clone();
        let global_scope = Scope {
            vars: &globals,
            fallback: &[],
            fallback_latest: None,
            latest: Some(&global_latest),
        };
        let (base, written) = match words.first() {
            None => (Base::Missing, String::new()),
            Some(word) => {
                let value = self.expand(&word.text, word.span, from, &global_scope);
                let lower = value.to_ascii_lowercase();
                let base = if let Some(&j) = self.earlier.get(lower.as_str()) {
                    Base::Stage { index: j }
                } else if lower == "scratch" {
                    Base::Scratch
                } else if value.is_empty() {
                    Base::Missing
                } else {
                    // A later stage's name: BuildKit would follow it and find a cycle or a
                    // forward reference; the graph reads it as an image and reports it.
                    if let Some(&j) = self.first_named.get(lower.as_str()) {
                        self.problem(
                            GraphProblemKind::FromLaterStage {
                                name: value.clone(),
                                index: j,
                            },
                            word.span,
                        );
                    }
                    let image = ImageRef::parse(&value);
                    let class = self.config.classify(&image);
                    Base::Image { image, class }
                };
                (base, word.text.to_string())
            }
        };
        let platform = from
            .flag("platform")
            .and_then(|f| f.value.clone().zip(f.value_span))
            .map(|(v, span)| self.expand(&v, span, from, &global_scope));
        if let Base::Stage { index } = base {
            self.graph.edges.push(Edge {
                from: NodeRef::Stage(index),
                to: si,
                kind: EdgeKind::From,
                paths: Vec::new(),
                dest: None,
                dest_resolved: None,
                chmod: None,
                chown: None,
                link: false,
                parents: false,
                exclude: Vec::new(),
                span: from.span,
                instruction: range.start,
            });
        }
        let last_end = tree.instructions[range.start..range.end]
            .iter()
            .map(|i| i.span.end)
            .max()
            .unwrap_or(from.span.end);
        self.graph.stages.push(Stage {
            index: si,
            name,
            from_span: from.span,
            span: Span::new(from.span.start, last_end),
            instructions: range.clone(),
            base,
            base_written: written,
            platform,
            role: Role::Other,
            evidence: Vec::new(),
            ships: false,
            reachable: false,
            args: Vec::new(),
            env: Vec::new(),
            workdir: None,
        });
        let mut workdir = match &self.graph.stages[si].base {
            Base::Stage { index } => self.graph.stages[*index].workdir.clone(),
            Base::Scratch => Some("/".to_string()),
            // A common official image's working directory is known (`graph/image_config.rs`).
            Base::Image { image, .. } => known_config(image).map(|c| c.workdir.to_string()),
            Base::Missing => None,
        };

        let mut vars: Vec<Variable> = Vec::new();
        let mut latest = Latest::default();
        let mut env_set = Vec::new();
        for ii in range.start + 1..range.end {
            let inst = &tree.instructions[ii];
            latest.update(&vars);
            match inst.keyword.kind {
                Kw::Arg => {
                    let before = vars.len();
                    self.declare_args(
                        inst,
                        (&mut vars, Some(&latest)),
                        (&globals, &global_latest),
                        false,
                    );
                    self.graph.stages[si]
                        .args
                        .extend(vars[before..].iter().cloned());
                }
                Kw::Env => {
                    for pair in &inst.pairs {
                        let scope = Scope {
                            vars: &vars,
                            fallback: &[],
                            fallback_latest: None,
                            latest: Some(&latest),
                        };
                        let value = pair
                            .value
                            .as_deref()
                            .map(|raw| expand_quietly(raw, tree.escape, &scope, &self.budget));
                        let var = Variable {
                            name: pair.key.to_string(),
                            value,
                        };
                        vars.push(var.clone());
                        env_set.push(var);
                    }
                }
                Kw::Workdir => {
                    if let Args::Shell { text, .. } = &inst.args {
                        let scope = Scope {
                            vars: &vars,
                            fallback: &[],
                            fallback_latest: None,
                            latest: Some(&latest),
                        };
                        let dir = expand_quietly(text.trim(), tree.escape, &scope, &self.budget);
                        workdir = join_path(workdir.as_deref(), &dir);
                    }
                }
                Kw::Copy | Kw::Add => {
                    if let Some(flag) = inst.flag("from") {
                        self.copy_edge(
                            si,
                            ii,
                            inst,
                            flag.value.as_deref().unwrap_or_default().to_string(),
                            flag.value_span,
                            (&vars, (&globals, &global_latest), &latest),
                            workdir.as_deref(),
                        );
                    }
                }
                Kw::Run => {
                    for flag in inst.flags.iter().filter(|f| f.name == "mount") {
                        self.mount_edge(
                            si,
                            ii,
                            inst,
                            flag.value.as_deref().unwrap_or(""),
                            (&vars, &latest),
                            (&globals, &global_latest),
                        );
                    }
                }
                _ => {}
            }
        }
        self.graph.stages[si].env = env_set;
        self.graph.stages[si].workdir = workdir;
        self.graph.global_args = globals;
        self.global_latest = global_latest;
        if let Some(name) = &self.graph.stages[si].name {
            self.earlier.entry(name.clone()).or_insert(si);
        }
    }

    /// Resolves a `--from` value: a stage index or name before `si`, else an external image.
    fn resolve(&mut self, si: usize, value: &str, span: Span) -> Option<NodeRef> {
        if value.is_empty() {
            return None;
        }
        if let Ok(n) = value.parse::<usize>() {
            if n < si {
                return Some(NodeRef::Stage(n));
            }
            self.problem(
                GraphProblemKind::ForwardReference {
                    reference: value.to_string(),
                    index: n,
                },
                span,
            );
            return None;
        }
        let lower = value.to_ascii_lowercase();
        if let Some(&j) = self.earlier.get(lower.as_str()) {
            return Some(NodeRef::Stage(j));
        }
        if let Some(&j) = self.first_named.get(lower.as_str()) {
            self.problem(
                GraphProblemKind::ForwardReference {
                    reference: value.to_string(),
                    index: j,
                },
                span,
            );
            return None;
        }
        let image = ImageRef::parse(value);
        let key = image.raw.clone();
        let next = self.graph.images.len();
        let id = *self.image_ids.entry(key).or_insert(next);
        if id == next {
            let class = self.config.classify(&image);
            self.graph.images.push(ExternalImage {
                index: id,
                image,
                class,
            });
        }
        Some(NodeRef::Image(id))
    }

    #[allow(clippy::too_many_arguments)]
    fn copy_edge(
        &mut self,
        si: usize,
        ii: usize,
        inst: &Instruction,
        raw: String,
        raw_span: Option<Span>,
        (vars, (globals, global_latest), latest): (&[Variable], (&[Variable], &Latest), &Latest),
        workdir: Option<&str>,
    ) {
        let span = raw_span.unwrap_or(inst.span);
        let scope = Scope {
            vars,
            fallback: globals,
            fallback_latest: Some(global_latest),
            latest: Some(latest),
        };
        let value = self.expand(&raw, span, inst, &scope);
        let Some(from) = self.resolve(si, &value, span) else {
            return;
        };
        let mut values: Vec<String> = match &inst.args {
            Args::Shell { words, .. } => words
                .iter()
                .map(|w| expand_quietly(&w.text, self.tree.escape, &scope, &self.budget))
                .collect(),
            Args::Exec { elements, .. } => elements
                .iter()
                .map(|e| expand_quietly(&e.value, self.tree.escape, &scope, &self.budget))
                .collect(),
        };
        let dest = if values.len() >= 2 {
            values.pop()
        } else {
            None
        };
        let flag = |name: &str| {
            inst.flag(name)
                .and_then(|f| f.value.as_deref().map(str::to_string))
        };
        let on = |name: &str| {
            inst.flag(name)
                .is_some_and(|f| f.value.as_deref() != Some("false"))
        };
        let dest_resolved = dest
            .as_deref()
            .filter(|d| !d.starts_with('/'))
            .and_then(|d| join_path(workdir, d));
        self.graph.edges.push(Edge {
            from,
            to: si,
            kind: EdgeKind::Copy,
            paths: values,
            dest,
            dest_resolved,
            chmod: flag("chmod"),
            chown: flag("chown"),
            link: on("link"),
            parents: on("parents"),
            exclude: inst
                .flags
                .iter()
                .filter(|f| f.name == "exclude")
                .filter_map(|f| f.value.as_deref().map(str::to_string))
                .collect(),
            span: inst.span,
            instruction: ii,
        });
    }

    fn mount_edge(
        &mut self,
        si: usize,
        ii: usize,
        inst: &Instruction,
        spec: &str,
        (vars, latest): (&[Variable], &Latest),
        (globals, global_latest): (&[Variable], &Latest),
    ) {
        let options: Vec<(&str, &str)> = spec
            .split(',')
            .map(|kv| kv.split_once('=').unwrap_or((kv, "")))
            .map(|(k, v)| (k.trim(), v.trim()))
            .collect();
        let get = |keys: &[&str]| {
            options
                .iter()
                .find(|(k, _)| keys.contains(k))
                .map(|(_, v)| v.to_string())
        };
        let Some(raw) = get(&["from"]) else {
            return;
        };
        let span = inst
            .flags
            .iter()
            .find(|f| f.name == "mount" && f.value.as_deref() == Some(spec))
            .map_or(inst.span, |f| f.span);
        let scope = Scope {
            vars,
            fallback: globals,
            fallback_latest: Some(global_latest),
            latest: Some(latest),
        };
        let value = self.expand(&raw, span, inst, &scope);
        let Some(from) = self.resolve(si, &value, span) else {
            return;
        };
        self.graph.edges.push(Edge {
            from,
            to: si,
            kind: EdgeKind::Mount,
            paths: vec![get(&["source", "src"]).unwrap_or_else(|| "/".to_string())],
            dest: get(&["target", "dst", "destination"]),
            dest_resolved: None,
            chmod: None,
            chown: None,
            link: false,
            parents: false,
            exclude: Vec::new(),
            span: inst.span,
            instruction: ii,
        });
    }

    /// The stage named or numbered by the caller, else the last one.
    fn target(&mut self, config: &GraphConfig) -> Option<usize> {
        let last = self.graph.stages.len().checked_sub(1)?;
        let Some(wanted) = config.target.as_deref().filter(|t| !t.is_empty()) else {
            return Some(last);
        };
        let lower = wanted.to_ascii_lowercase();
        let found = self
            .graph
            .stages
            .iter()
            .position(|s| s.name.as_deref() == Some(lower.as_str()))
            .or_else(|| wanted.parse::<usize>().ok().filter(|&n| n <= last));
        if found.is_none() {
            self.problem(
                GraphProblemKind::UnknownTarget {
                    target: wanted.to_string(),
                },
                Span::default(),
            );
        }
        Some(found.unwrap_or(last))
    }

    /// Marks the target and every stage it needs (BuildKit builds only those).
    fn mark_reachable(&mut self, target: usize) {
        // The stages each stage takes from, gathered once (not a scan of every edge per stage).
        let mut takes_from: Vec<Vec<usize>> = vec![Vec::new(); self.graph.stages.len()];
        for e in &self.graph.edges {
            if let NodeRef::Stage(from) = e.from {
                takes_from[e.to].push(from);
            }
        }
        let mut stack = vec![target];
        while let Some(s) = stack.pop() {
            if std::mem::replace(&mut self.graph.stages[s].reachable, true) {
                continue;
            }
            stack.extend(&takes_from[s]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Latest, Variable};

    #[test]
    fn latest_finds_what_a_scan_from_the_end_finds() {
        let names = ["A", "B", "A", "C", "B", "A"];
        let mut vars: Vec<Variable> = Vec::new();
        let mut latest = Latest::default();
        for (i, name) in names.iter().enumerate() {
            // Covered up to the previous step; the newest one is found by the tail scan.
            vars.push(Variable {
                name: name.to_string(),
                value: Some(i.to_string()),
            });
            for wanted in ["A", "B", "C", "D"] {
                let scan = vars.iter().rev().find(|v| v.name == wanted);
                assert_eq!(latest.find(&vars, wanted), scan, "{wanted} after {i}");
            }
            latest.update(&vars);
        }
    }
}
