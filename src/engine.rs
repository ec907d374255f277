//! The engine: pure functions from Dockerfile text to analysis results.
//!
//! Nothing here touches the web, the file system or the terminal; the CLI and the playground
//! only present what it returns.

pub mod analysis;
pub mod diagnostic;
pub mod graph;
pub mod number;
pub mod paths;
pub mod registry;
pub mod rules;
pub mod shell;
pub mod size;
pub mod sort;
pub mod syntax;

pub use diagnostic::{Diagnostic, Severity};
pub use graph::{Graph, GraphConfig};
pub use rules::RuleConfig;
pub use syntax::{parse, Dockerfile, SyntaxError};

/// What the engine knows about one Dockerfile.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub tree: Dockerfile,
    pub errors: Vec<SyntaxError>,
    pub graph: Graph,
    /// Rule findings, in source order.
    pub findings: Vec<Diagnostic>,
    /// Single-stage vs multi-stage size estimate for the target.
    pub size: size::Estimate,
}

/// Settings the caller chooses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// Target stage and build args.
    pub graph: GraphConfig,
    /// Which rules run, and how.
    pub rules: RuleConfig,
    /// Size overrides for the estimate.
    pub size: size::SizeConfig,
}

/// The one entry point: analyse `text` under `config`.
pub fn analyze(text: &str, config: &Config) -> Analysis {
    let (tree, errors) = parse(text);
    let graph = graph::build(&tree, &config.graph);
    // BuildKit reads its check options from this build argument too, in place of the directive.
    let from_build_arg = config
        .graph
        .build_args
        .iter()
        .rev()
        .find(|(k, _)| k == "BUILDKIT_DOCKERFILE_CHECK")
        .filter(|_| config.rules.check_options.is_none());
    let with_arg;
    let rules_config = match from_build_arg {
        Some((_, v)) => {
            with_arg = RuleConfig {
                check_options: Some(v.clone()),
                ..config.rules.clone()
            };
            &with_arg
        }
        None => &config.rules,
    };
    let findings = match rules::rule_view(&tree, &config.graph) {
        Some((view, view_graph)) => rules::check(&view, &view_graph, rules_config),
        None => rules::check(&tree, &graph, rules_config),
    };
    let size = size::estimate(&tree, &graph, &config.size);
    Analysis {
        tree,
        errors,
        graph,
        findings,
        size,
    }
}

/// Applies every fix, re-analysing after each round, until none is left or nothing changes (at
/// most 10 rounds): what `airlock fix` writes and the playground's "apply all fixes" does.
pub fn fix_all(text: &str, config: &Config) -> String {
    fix_rounds(text, config, &[])
}

/// `fix_all` with only the fixes of the rules `select` names (codes or aliases); those
/// rules run even when they are off by default (`airlock fix --select AL301`).
pub fn fix_selected(text: &str, config: &Config, select: &[String]) -> String {
    let mut config = config.clone();
    config.rules.enable.extend(select.iter().cloned());
    let codes: Vec<&'static str> = select
        .iter()
        .filter_map(|s| rules::find(s))
        .map(|r| r.code)
        .collect();
    if codes.is_empty() {
        return text.to_string();
    }
    fix_rounds(text, &config, &codes)
}

/// The fix loop; `only` empty: every rule's fixes.
fn fix_rounds(text: &str, config: &Config, only: &[&str]) -> String {
    let mut text = text.to_string();
    for _ in 0..10 {
        match fix_round_of(&text, config, only) {
            Some(next) => text = next,
            None => break,
        }
    }
    text
}

/// One round of "apply every fix": the text with every fix of its analysis applied, or `None`
/// when no fix applies or applying them changes nothing (a fixed point).
pub fn fix_round(text: &str, config: &Config) -> Option<String> {
    fix_round_of(text, config, &[])
}

/// `fix_round` with only the fixes of the rules `only` names (empty: every rule's).
fn fix_round_of(text: &str, config: &Config, only: &[&str]) -> Option<String> {
    let a = analyze(text, config);
    let edits: Vec<_> = a
        .findings
        .iter()
        .filter(|f| only.is_empty() || only.contains(&f.code))
        .filter_map(|f| f.fix.as_ref())
        .flat_map(|f| f.edits.clone())
        .collect();
    let (next, applied) = diagnostic::apply_edits(text, &edits);
    (applied > 0 && next != text).then_some(next)
}

/// The code of the rule whose fixes move stages to CleanStart images.
pub const CLEANSTART_RULE: &str = "AL301";

/// The file with every safe CleanStart swap applied (AL301's fixes) and its estimate, made the
/// same way as the as-written one; `None` when no swap applies.
pub fn cleanstart_estimate(text: &str, config: &Config) -> Option<(String, size::Estimate)> {
    let fixed = fix_selected(text, config, &[CLEANSTART_RULE.to_string()]);
    if fixed == text {
        return None;
    }
    let size = analyze(&fixed, config).size;
    Some((fixed, size))
}
