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
    analyze_only(text, config, None)
}

/// `analyze` running only the rules whose codes `only` holds (`None`: every rule); the rest is
/// the same.
fn analyze_only(text: &str, config: &Config, only: Option<&[&str]>) -> Analysis {
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
        Some((view, view_graph)) => {
            rules::check_only(&view, &view_graph, rules_config, !errors.is_empty(), only)
        }
        None => rules::check_only(&tree, &graph, rules_config, !errors.is_empty(), only),
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
    fix_rounds(text, config, &[], &mut |_| {}).0
}

/// `fix_all`, calling `each_round` with the text of every round that changed it, in order;
/// also says whether it settled (a round changed nothing) within the rounds. The fuzzers check
/// `fix_all` itself through it, round by round.
pub fn fix_all_rounds(
    text: &str,
    config: &Config,
    each_round: &mut dyn FnMut(&str),
) -> (String, bool) {
    let (fixed, last) = fix_rounds(text, config, &[], each_round);
    (fixed, last.is_some())
}

/// `fix_all` with only the fixes of the rules `select` names (codes or aliases); those
/// rules run even when they are off by default (`airlock fix --select AL301`).
pub fn fix_selected(text: &str, config: &Config, select: &[String]) -> String {
    fix_selected_with_last(text, config, select).0
}

/// `fix_selected`, with the analysis of the fixed text when its last round made one (it
/// reached a fixed point within the rounds; under the config with `select` enabled, and with
/// the findings of the selected rules only).
fn fix_selected_with_last(
    text: &str,
    config: &Config,
    select: &[String],
) -> (String, Option<Analysis>) {
    let mut config = config.clone();
    config.rules.enable.extend(select.iter().cloned());
    let codes: Vec<&'static str> = select
        .iter()
        .filter_map(|s| rules::find(s))
        .map(|r| r.code)
        .collect();
    if codes.is_empty() {
        return (text.to_string(), None);
    }
    fix_rounds(text, &config, &codes, &mut |_| {})
}

/// The fix loop; `only` empty: every rule's fixes. With the text, the analysis of it when the
/// loop stopped at a fixed point (the round that found nothing more to apply); with `only`
/// given, each round runs only those rules, so that analysis holds only their findings.
fn fix_rounds(
    text: &str,
    config: &Config,
    only: &[&str],
    each_round: &mut dyn FnMut(&str),
) -> (String, Option<Analysis>) {
    let mut text = text.to_string();
    let rules = (!only.is_empty()).then_some(only);
    for _ in 0..FIX_ROUNDS {
        let a = analyze_only(&text, config, rules);
        match fixed_by(&text, &a, only) {
            Some(next) => {
                each_round(&next);
                text = next;
            }
            None => return (text, Some(a)),
        }
    }
    (text, None)
}

/// The most analyses "apply every fix" makes: it has settled when one of them finds nothing
/// more to change.
pub const FIX_ROUNDS: usize = 10;

/// `text` with the fixes of its analysis `a` applied, only those of the rules `only` names
/// (empty: every rule's); `None` when that changes nothing.
fn fixed_by(text: &str, a: &Analysis, only: &[&str]) -> Option<String> {
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
    let (fixed, last) = fix_selected_with_last(text, config, &[CLEANSTART_RULE.to_string()]);
    if fixed == text {
        return None;
    }
    // The estimate reads only the tree, the graph and the size settings, not which rules ran,
    // so the fix loop's last analysis of the fixed text is the one to size (the playground's
    // size pane makes this on every edit while it is shown: one analysis fewer).
    let size = last.map_or_else(|| analyze(&fixed, config).size, |a| a.size);
    Some((fixed, size))
}
