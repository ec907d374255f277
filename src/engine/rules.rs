//! Policy rules: the declaration macro, the context every rule's check receives, and the runner
//! that applies configuration and ignore comments.
//!
//! One rule per file in `rules/` (`NAME.rs`, or `NAME/mod.rs` with the files of its fix),
//! holding its docs (the only rationale: `explain`, the playground's rule panel and the README
//! table are generated from it) and its check function. build.rs finds the files and writes
//! their `mod` lines and the registry (`registry.rs`): adding a rule is adding its file.
//! Besides the rules, `rules/` holds only the runner's support: `common.rs` (check building
//! blocks several rules instantiate) and `labels.rs` (the label schema of `RuleConfig`).

pub mod common;
pub mod labels;

// One `mod` line per rule file (a file holding `declare_rule!`), written by build.rs
// (`build/rule_registry.rs`).
include!(concat!(env!("OUT_DIR"), "/rule_modules.rs"));

use std::collections::HashSet;

use serde::Serialize;

use crate::engine::analysis::Facts;
use crate::engine::diagnostic::{Diagnostic, Fix, Severity};
use crate::engine::graph::Graph;
use crate::engine::graph::GraphConfig;
use crate::engine::registry::{self, RULES};
use crate::engine::syntax::{Dockerfile, Instruction, Keyword, Kw, Span, Text};

/// What a rule is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// The builder -> prod split itself.
    BuilderPattern,
    Security,
    /// Same input, same image: pinned bases, checksums, no piped installers.
    Hermeticity,
    Correctness,
    Performance,
    Style,
    /// Moving to other base images (CleanStart's -dev and -prod images).
    Migration,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::BuilderPattern => "builder-pattern",
            Category::Security => "security",
            Category::Hermeticity => "hermeticity",
            Category::Correctness => "correctness",
            Category::Performance => "performance",
            Category::Style => "style",
            Category::Migration => "migration",
        }
    }
}

/// A finding as a check reports it; the runner adds the code and severity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub span: Span,
    pub message: String,
    pub fix: Option<Fix>,
}

impl Hit {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Hit {
            span,
            message: message.into(),
            fix: None,
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// A rule's declaration.
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo {
    /// `AL1xx` builder pattern, `AL2xx` general hygiene. Never reused.
    pub code: &'static str,
    /// Describes the pattern, not the fix (`final_stage_runs_as_root`).
    pub name: &'static str,
    pub severity: Severity,
    pub category: Category,
    /// Whether the rule can offer a machine-applicable fix.
    pub fixable: bool,
    /// Overlapping codes of other tools, spelled as they spell them (`DL3002`, `JSONArgsRecommended`).
    pub aliases: &'static [&'static str],
    /// On unless configured off (a few informational rules are off by default).
    pub default_enabled: bool,
    /// The doc comment: `## What it does`, `## Why is this bad?`, `## Example`, `Use instead:`.
    pub docs: &'static str,
    pub check: fn(&Checker) -> Vec<Hit>,
}

impl RuleInfo {
    /// The docs as Markdown (the doc comment without the space after each `///`).
    pub fn doc(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The first ```dockerfile block after `marker` in the docs.
    pub fn doc_block(&self, marker: &str) -> Option<String> {
        let doc = self.doc();
        let after = &doc[doc.find(marker)? + marker.len()..];
        let start = after.find("```dockerfile\n")? + "```dockerfile\n".len();
        let end = after[start..].find("```")?;
        Some(after[start..start + end].to_string())
    }
}

/// Declares a rule from its doc comment and fields, as `pub const RULE: RuleInfo`.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        code: $code:literal,
        name: $name:literal,
        severity: $severity:ident,
        category: $category:ident,
        fixable: $fixable:literal,
        aliases: [$($alias:literal),* $(,)?],
        default_enabled: $enabled:literal,
        check: $check:path $(,)?
    ) => {
        pub const RULE: $crate::engine::rules::RuleInfo = $crate::engine::rules::RuleInfo {
            code: $code,
            name: $name,
            severity: $crate::engine::diagnostic::Severity::$severity,
            category: $crate::engine::rules::Category::$category,
            fixable: $fixable,
            aliases: &[$($alias),*],
            default_enabled: $enabled,
            docs: concat!($($doc, "\n"),+),
            check: $check,
        };
    };
}
pub(crate) use declare_rule;

/// Settings of the rules (from `airlock.toml`, the CLI, or the playground's settings panel).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleConfig {
    /// Codes (or aliases) turned on, even if off by default.
    pub enable: Vec<String>,
    /// Codes (or aliases) or categories turned off.
    pub disable: Vec<String>,
    /// Severity overrides by code.
    pub severity: Vec<(String, Severity)>,
    /// Registries images may come from (DL3026); empty: any.
    pub trusted_registries: Vec<String>,
    /// The UID fixes switch to (`USER 65532` by default, the `nonroot` UID of distroless and
    /// CleanStart -prod images).
    pub non_root_uid: Option<u32>,
    /// The labels the shipped image must carry, with the form of their values (hadolint's
    /// `label-schema`); empty: no label rules.
    pub label_schema: Vec<(String, labels::LabelType)>,
    /// Only the labels of `label_schema` are allowed (hadolint's `strict-labels`).
    pub strict_labels: bool,
    /// BuildKit's check options given outside the file (`skip=...;error=...;experimental=...`,
    /// the `BUILDKIT_DOCKERFILE_CHECK` build argument): they replace the `# check=` directive.
    pub check_options: Option<String>,
    /// The build context's `.dockerignore`, as text (BuildKit's CopyIgnoredFile); `None`: no
    /// context is known, so nothing is checked against it.
    pub dockerignore: Option<String>,
}

impl RuleConfig {
    pub fn non_root_uid(&self) -> u32 {
        self.non_root_uid.unwrap_or(65532)
    }
}

/// What a rule's check can see: the shared `Facts` of the file (through `Deref`: `cx.tree`,
/// `cx.graph`, `cx.commands(i)` ...) and the rules' settings.
pub struct Checker<'a> {
    facts: Facts<'a>,
    pub config: &'a RuleConfig,
    /// The parser found syntax errors in the file: a rewrite of the whole file (AL102's) would
    /// carry lines whose intent is not known.
    pub syntax_errors: bool,
}

impl<'a> Checker<'a> {
    /// A checker of `tree`; `syntax_errors`: whether its parse reported any.
    pub fn new(
        tree: &'a Dockerfile,
        graph: &'a Graph,
        config: &'a RuleConfig,
        syntax_errors: bool,
    ) -> Self {
        Checker {
            facts: Facts::new(tree, graph),
            config,
            syntax_errors,
        }
    }
}

impl<'a> std::ops::Deref for Checker<'a> {
    type Target = Facts<'a>;

    fn deref(&self) -> &Facts<'a> {
        &self.facts
    }
}

/// Where an ignore comment applies.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Scope {
    /// The next instruction.
    Next(usize),
    /// A whole stage.
    Stage(usize),
    Global,
}

/// Codes named by `# airlock ignore=...` and `# hadolint ignore=...` (and their `stage`/`global`
/// forms), each with its scope. BuildKit's `# check=` options are `CheckOptions`.
fn ignores(tree: &Dockerfile, graph: &Graph) -> Vec<(Scope, String)> {
    let mut out = Vec::new();
    for c in &tree.comments {
        let Some((tool, rest)) = c.text.split_once(char::is_whitespace) else {
            continue;
        };
        if !matches!(tool, "airlock" | "hadolint") {
            continue;
        }
        let rest = rest.trim();
        let (kind, list) = if let Some(l) = rest.strip_prefix("ignore=") {
            ("next", l)
        } else if let Some(l) = rest.strip_prefix("stage ignore=") {
            ("stage", l)
        } else if let Some(l) = rest.strip_prefix("global ignore=") {
            ("global", l)
        } else {
            continue;
        };
        // The instructions and stages are in source order: a binary search, not a scan per
        // comment.
        let next = Some((tree.instructions).partition_point(|i| i.span.start <= c.span.start))
            .filter(|&i| i < tree.instructions.len());
        let scope = match kind {
            "next" => match next {
                Some(i) => Scope::Next(i),
                None => continue,
            },
            // The stage the comment is in, or the one whose FROM comes right after it.
            "stage" => {
                let stages = &graph.stages;
                let opens = next.and_then(|n| {
                    let k = stages.partition_point(|s| s.instructions.start < n);
                    stages.get(k).filter(|s| s.instructions.start == n)
                });
                match opens.or_else(|| {
                    let k = stages.partition_point(|s| s.from_span.start < c.span.start);
                    k.checked_sub(1).map(|k| &stages[k])
                }) {
                    Some(s) => Scope::Stage(s.index),
                    None => continue,
                }
            }
            _ => Scope::Global,
        };
        out.extend(
            list.split(',')
                .map(|code| (scope.clone(), code.trim().to_string())),
        );
    }
    out
}

/// Byte ranges (both ends included) to ask "is this offset in one of them?" in logarithmic time:
/// the runner asks it for every finding, so a scan of every ignore comment, `# check=` comment
/// or stage per finding made a long file quadratic.
struct Ranges {
    /// `(start, end)`, sorted by start.
    ranges: Vec<(usize, usize)>,
    /// The largest end among the ranges up to each one.
    max_end: Vec<usize>,
}

impl Ranges {
    fn new(mut ranges: Vec<(usize, usize)>) -> Self {
        crate::engine::sort::sort_by_key(&mut ranges, |r| r.0);
        let max_end = (ranges.iter())
            .scan(0, |m, r| {
                *m = (*m).max(r.1);
                Some(*m)
            })
            .collect();
        Ranges { ranges, max_end }
    }

    /// Some range starts at or before `at` and ends at or after it.
    fn contains(&self, at: usize) -> bool {
        let k = self.ranges.partition_point(|r| r.0 <= at);
        k > 0 && self.max_end[k - 1] >= at
    }
}

/// Whether `name` (a code, an alias, a category or `all`) names `rule`.
fn names(rule: &RuleInfo, name: &str) -> bool {
    name.eq_ignore_ascii_case("all")
        || name.eq_ignore_ascii_case(rule.code)
        || name.eq_ignore_ascii_case(rule.name)
        || name.eq_ignore_ascii_case(rule.category.as_str())
        || rule.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
}

/// BuildKit's check names are CamelCase words (`JSONArgsRecommended`); hadolint's are `DLnnnn`.
fn is_buildkit_check(alias: &str) -> bool {
    !alias.starts_with("DL") && alias.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

/// Whether `name` names the rule itself (code, name or alias), not just a group it is in.
fn names_exactly(rule: &RuleInfo, name: &str) -> bool {
    names(rule, name)
        && !name.eq_ignore_ascii_case("all")
        && !name.eq_ignore_ascii_case(rule.category.as_str())
}

/// On by default or by `enable`, off by `disable`; the more specific wins: `enable = ["AL104"]`
/// beats `disable = ["all"]`, and `disable = ["AL104"]` beats everything.
pub fn enabled(rule: &RuleInfo, config: &RuleConfig) -> bool {
    if config.disable.iter().any(|n| names_exactly(rule, n)) {
        return false;
    }
    if config.enable.iter().any(|n| names_exactly(rule, n)) {
        return true;
    }
    if config.disable.iter().any(|n| names(rule, n)) {
        return false;
    }
    rule.default_enabled || config.enable.iter().any(|n| names(rule, n))
}

/// What the rules read when it differs from what the user is shown: `None` when it does not.
///
/// - ONBUILD triggers: `ONBUILD RUN ...` is checked as the RUN it is (hadolint does the same):
///   the trigger runs in every image built on this one, so what it installs or leaves behind
///   lands there. The trigger's spans point into its own text.
/// - A fragment (an instruction other than ARG before the first FROM, which the parser reports
///   as an error): the instructions before the first FROM form one implicit stage, as if
///   pasted after a FROM whose image is unknown (`Base::Missing`). Only the rules see that
///   stage; the graph, the size estimate and the error stay as they were, so no edge or figure
///   is invented. A finding placed on the implicit FROM itself (which has no text) is dropped
///   by `check`.
pub fn rule_view(tree: &Dockerfile, graph_config: &GraphConfig) -> Option<(Dockerfile, Graph)> {
    let triggers = tree.instructions.iter().any(|i| {
        i.onbuild
            .as_ref()
            .is_some_and(|t| t.keyword.kind == Kw::Run)
    });
    let first_from = tree
        .instructions
        .iter()
        .position(|i| i.keyword.kind == Kw::From);
    let fragment = tree.instructions[..first_from.unwrap_or(tree.instructions.len())]
        .iter()
        .any(|i| i.keyword.kind != Kw::Arg);
    if !triggers && !fragment {
        return None;
    }
    let mut view = tree.clone();
    for inst in &mut view.instructions {
        if let Some(trigger) = inst.onbuild.take_if(|t| t.keyword.kind == Kw::Run) {
            let heredocs = std::mem::take(&mut inst.heredocs);
            *inst = *trigger;
            inst.heredocs = heredocs;
        }
    }
    if fragment {
        let nothing = Span::default();
        let keyword = Keyword {
            kind: Kw::From,
            text: Text::default(),
            span: nothing,
        };
        let from = Instruction::bare(keyword, nothing, nothing);
        view.instructions.insert(0, from);
    }
    let graph = crate::engine::graph::build(&view, graph_config);
    Some((view, graph))
}

/// Whether the first instruction is the implicit FROM `rule_view` puts before a fragment (a
/// FROM written in the file always has its keyword's text).
fn is_implicit_from(tree: &Dockerfile) -> bool {
    tree.instructions
        .first()
        .is_some_and(|i| i.keyword.kind == Kw::From && i.keyword.text.is_empty())
}

/// BuildKit's checks that it runs while building a stage (not while parsing the file): a build
/// reaches them only in the stages its target needs.
const BUILD_TIME_CHECKS: &[&str] = &[
    "CopyIgnoredFile",
    "ExposeInvalidFormat",
    "ExposeProtoCasing",
    "JSONArgsRecommended",
    "LegacyKeyValueFormat",
    "MultipleInstructionsDisallowed",
    "SecretsUsedInArgOrEnv",
    "UndefinedVar",
    "WorkdirRelativePath",
];

/// BuildKit's experimental checks: on only through `experimental=`, and `skip=` leaves them be.
const EXPERIMENTAL_CHECKS: &[&str] = &["InvalidDefinitionDescription"];

/// BuildKit's check options, `skip=A,B;error=true;experimental=C`: from the `# check=`
/// directive, from `RuleConfig::check_options`, or from a `# check=` comment above an
/// instruction, which applies to that instruction alone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct CheckOptions {
    /// Checks skipped (`all`: every one but the experimental).
    skip: Vec<String>,
    /// Experimental checks turned on (`all`: every one).
    experimental: Vec<String>,
    error: bool,
}

impl CheckOptions {
    /// BuildKit's reading: up to three `key=value` parts; an unknown key or an `error` that is
    /// not a Go boolean makes the whole text invalid.
    fn parse(text: &str) -> Option<CheckOptions> {
        let mut out = CheckOptions::default();
        let text = text.trim();
        if text.is_empty() {
            return Some(out);
        }
        for part in text.splitn(3, ';') {
            let (key, value) = part.split_once('=')?;
            let list = || value.split(',').map(|v| v.trim().to_string()).collect();
            match key.trim() {
                "skip" => out.skip = list(),
                "experimental" => out.experimental = list(),
                "error" => {
                    out.error = match value.trim() {
                        "1" | "t" | "T" | "true" | "TRUE" | "True" => true,
                        "0" | "f" | "F" | "false" | "FALSE" | "False" => false,
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
        Some(out)
    }

    /// Whether these options silence `rule` (never an experimental one).
    fn skips(&self, rule: &RuleInfo) -> bool {
        !is_experimental(rule) && self.skip.iter().any(|n| names(rule, n))
    }

    /// Whether these options turn the experimental `rule` on.
    fn turns_on(&self, rule: &RuleInfo) -> bool {
        is_experimental(rule)
            && self
                .experimental
                .iter()
                .any(|n| n == "all" || names_exactly(rule, n))
    }
}

fn is_experimental(rule: &RuleInfo) -> bool {
    rule.aliases.iter().any(|a| EXPERIMENTAL_CHECKS.contains(a))
}

/// The value of a comment that reads as a `check` directive (`check = value`), up to the first
/// space: BuildKit lets a note follow (`# check=skip=all // only here`).
fn check_comment(text: &str) -> Option<&str> {
    let (name, value) = text.split_once('=')?;
    if !name.trim_end().eq_ignore_ascii_case("check") {
        return None;
    }
    value.trim_start().split(' ').next()
}

/// The `# check=` options of each instruction that has them: the first such comment among the
/// comment lines right above it (an empty `#` line ends a block; blank lines do not), as
/// BuildKit merges them into the file's options for that instruction. Options that do not
/// parse are ignored, as BuildKit does.
fn instruction_options(tree: &Dockerfile) -> Vec<(usize, CheckOptions)> {
    let mut out = Vec::new();
    let mut comments = tree.comments.iter().peekable();
    for (i, inst) in tree.instructions.iter().enumerate() {
        let mut first = None;
        while let Some(c) = comments.next_if(|c| c.span.start < inst.span.start) {
            if c.text.is_empty() {
                first = None;
            } else if first.is_none() {
                first = check_comment(&c.text);
            }
        }
        if let Some(options) = first.and_then(CheckOptions::parse) {
            out.push((i, options));
        }
    }
    out
}

/// Runs every enabled rule and returns the findings that no ignore comment silences, in order.
/// `syntax_errors`: whether the parse of `tree` reported any.
pub fn check(
    tree: &Dockerfile,
    graph: &Graph,
    config: &RuleConfig,
    syntax_errors: bool,
) -> Vec<Diagnostic> {
    check_only(tree, graph, config, syntax_errors, None)
}

/// `check` with only the rules whose codes `only` holds (`None`: every rule). A rule's findings
/// never depend on another rule's, so they are the same as `check`'s findings of those rules.
pub(crate) fn check_only(
    tree: &Dockerfile,
    graph: &Graph,
    config: &RuleConfig,
    syntax_errors: bool,
    only: Option<&[&str]>,
) -> Vec<Diagnostic> {
    let cx = Checker::new(tree, graph, config, syntax_errors);
    // Options given outside the file replace the directive, as the build argument does.
    let file = match &config.check_options {
        Some(text) => CheckOptions::parse(text),
        None => tree
            .directives
            .iter()
            .find(|d| d.name == "check")
            .and_then(|d| CheckOptions::parse(&d.value)),
    }
    .unwrap_or_default();
    let local = instruction_options(tree);
    let ignores = ignores(tree, graph);
    let implicit_from = is_implicit_from(tree);
    let instruction_range = |i: usize| {
        let span = tree.instructions[i].span;
        (span.start, span.end)
    };
    // The stages BuildKit does not reach with a named target, made once.
    let unreachable_stages = Ranges::new(
        (graph.stages.iter())
            .filter(|s| !s.reachable)
            .map(|s| (s.span.start, s.span.end))
            .collect(),
    );
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for rule in RULES
        .iter()
        .filter(|r| only.is_none_or(|codes| codes.contains(&r.code)))
    {
        let turned_off = config.disable.iter().any(|n| names_exactly(rule, n));
        let by_file = file.turns_on(rule);
        let on_at: Vec<(usize, usize)> = local
            .iter()
            .filter(|(_, o)| o.turns_on(rule))
            .map(|(i, _)| instruction_range(*i))
            .collect();
        let everywhere = enabled(rule, config) || (by_file && !turned_off);
        if !everywhere && (turned_off || on_at.is_empty()) {
            continue;
        }
        let mut severity = config
            .severity
            .iter()
            .rev()
            .find(|(n, _)| names(rule, n) && !n.eq_ignore_ascii_case("all"))
            .map_or(rule.severity, |(_, s)| *s);
        let buildkit = rule.aliases.iter().any(|a| is_buildkit_check(a));
        // `# check=error=true`: BuildKit fails the build on its checks, so they become errors.
        if file.error && buildkit {
            severity = Severity::Error;
        }
        if file.skips(rule) {
            continue;
        }
        // With a named target, BuildKit builds (and so checks) only the stages it needs.
        let reachable_only =
            graph.target_named && rule.aliases.iter().any(|a| BUILD_TIME_CHECKS.contains(a));
        let hits = (rule.check)(&cx);
        if hits.is_empty() {
            continue;
        }
        // Where this rule is silenced, gathered once per rule, then asked per finding.
        let mut ignored_everywhere = false;
        let mut ignored = Vec::new();
        for (scope, _) in ignores.iter().filter(|(_, name)| names(rule, name)) {
            match scope {
                Scope::Global => ignored_everywhere = true,
                // The stage's span without its end, but always its start.
                Scope::Stage(s) => {
                    let stage = graph.stages[*s].span;
                    ignored.push((stage.start, stage.end.saturating_sub(1).max(stage.start)));
                }
                Scope::Next(i) => ignored.push(instruction_range(*i)),
            }
        }
        let ignored = Ranges::new(ignored);
        let skipped_at = Ranges::new(
            (local.iter())
                .filter(|(_, o)| o.skips(rule))
                .map(|(i, _)| instruction_range(*i))
                .collect(),
        );
        let on_at = Ranges::new(on_at);
        for hit in hits {
            let at = hit.span.start;
            let silenced = ignored_everywhere || ignored.contains(at);
            let skipped = skipped_at.contains(at);
            let off_here = !everywhere && !on_at.contains(at);
            let unreachable = reachable_only && unreachable_stages.contains(at);
            if silenced
                || skipped
                || off_here
                || unreachable
                || (implicit_from && hit.span == Span::default())
                || !seen.insert((rule.code, at, hit.message.clone()))
            {
                continue;
            }
            out.push(Diagnostic {
                code: rule.code,
                message: hit.message,
                span: hit.span,
                severity,
                fix: hit.fix,
            });
        }
    }
    crate::engine::sort::sort_by(&mut out, |a, b| {
        (a.span.start, a.code).cmp(&(b.span.start, b.code))
    });
    out
}

/// The rule with this code or alias.
pub fn find(code: &str) -> Option<&'static RuleInfo> {
    registry::RULES.iter().find(|r| {
        r.code.eq_ignore_ascii_case(code) || r.aliases.iter().any(|a| a.eq_ignore_ascii_case(code))
    })
}

#[cfg(test)]
mod tests {
    use super::Ranges;

    #[test]
    fn ranges_answer_as_a_scan_of_every_range_does() {
        // Pseudo-random ranges, overlapping, nested, empty-looking (start == end) and unsorted.
        let mut seed = 11u32;
        let mut next = |n: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            ((seed >> 16) % n) as usize
        };
        for count in [0, 1, 2, 5, 40] {
            let list: Vec<(usize, usize)> = (0..count)
                .map(|_| {
                    let start = next(200);
                    (start, start + next(30))
                })
                .collect();
            let ranges = Ranges::new(list.clone());
            for at in 0..240 {
                let scan = list.iter().any(|&(s, e)| s <= at && at <= e);
                assert_eq!(ranges.contains(at), scan, "{list:?} at {at}");
            }
        }
    }
}
