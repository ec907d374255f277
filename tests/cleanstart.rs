//! The CleanStart swaps (AL301) on the seed's examples and the corpus: every FROM of a mapped
//! image gets the variant its role calls for; the swapped file parses with no new errors, keeps
//! every `COPY --from` edge and gets no new warnings; and a comparison with Chainguard's dfc on
//! the same FROMs (facts read from dfc's `pkg/dfc/builtin-mappings.yaml` and `convert.go`).

// Native test code: the wasm size rules (clippy.toml) do not bind it.
#![allow(clippy::disallowed_methods)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use airlock::engine::diagnostic::apply_edits;
use airlock::engine::graph::{Base, EdgeKind, Role};
use airlock::engine::size::Mappings;
use airlock::engine::{analyze, cleanstart_estimate, fix_selected, Analysis, Config, Severity};

fn config() -> Config {
    let mut config = Config::default();
    config.rules.enable.push("AL301".into());
    config
}

/// The seed's examples and the corpus, as (name, text).
fn inputs() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("static/examples");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("seed-")
        })
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.display().to_string(), text)
        })
        .collect();
    out.sort();
    out.extend(common::corpus().into_iter().map(|f| (f.name, f.text)));
    out
}

/// The CleanStart image the role calls for, if the mapping has one.
fn expected(role: Role, builder: Option<&str>, prod: Option<&str>) -> Option<String> {
    match role {
        Role::Prod => prod,
        _ => builder,
    }
    .map(str::to_string)
}

#[test]
fn every_mapped_from_gets_the_variant_of_its_role() {
    let mappings = Mappings::builtin();
    let (mut mapped, mut prod) = (0, 0);
    for (name, text) in inputs() {
        let a = analyze(&text, &config());
        for stage in &a.graph.stages {
            let Base::Image { image, .. } = &stage.base else {
                continue;
            };
            let from_line = a.tree.line_col(stage.from_span.start).line;
            let found: Vec<_> = a
                .findings
                .iter()
                .filter(|f| f.code == "AL301" && f.span.start == stage.from_span.start)
                .collect();
            let want = mappings
                .find(image)
                .and_then(|m| expected(stage.role, m.builder.as_deref(), m.prod.as_deref()));
            match want {
                None => assert!(found.is_empty(), "{name}:{from_line}: {found:?}"),
                Some(to) => {
                    assert_eq!(found.len(), 1, "{name}:{from_line}: one finding per FROM");
                    let msg = &found[0].message;
                    assert!(
                        msg.contains(&format!("`{to}` (")),
                        "{name}:{from_line}: {msg}"
                    );
                    assert_eq!(found[0].severity, Severity::Info);
                    mapped += 1;
                    prod += usize::from(stage.role == Role::Prod);
                }
            }
        }
    }
    eprintln!("AL301: {mapped} FROMs of mapped images, {prod} of them shipped (-prod)");
    assert!(mapped > 50 && prod > 5, "{mapped} {prod}");
}

/// `fix_selected` runs only the selected rules in its rounds: the text must be the one that
/// applying their fixes from whole analyses (every rule run) until none is left gives.
#[test]
fn fixing_with_only_the_selected_rules_run_gives_the_same_text() {
    let config = config();
    let mut changed = 0;
    for (name, text) in inputs() {
        let mut want = text.clone();
        for _ in 0..10 {
            let edits: Vec<_> = analyze(&want, &config)
                .findings
                .into_iter()
                .filter(|f| f.code == "AL301")
                .filter_map(|f| f.fix)
                .flat_map(|f| f.edits)
                .collect();
            let (next, applied) = apply_edits(&want, &edits);
            if applied == 0 || next == want {
                break;
            }
            want = next;
        }
        changed += usize::from(want != text);
        assert_eq!(
            fix_selected(&text, &config, &["AL301".to_string()]),
            want,
            "{name}"
        );
    }
    assert!(changed >= 10, "only {changed} files changed");
}

/// `cleanstart_estimate` sizes the fix loop's last analysis instead of analysing the swapped
/// file again: the figures must be those of a fresh analysis of it, under the default settings
/// (AL301 off) and with it on.
#[test]
fn the_cleanstart_estimate_is_a_fresh_analysis_of_the_swapped_file() {
    let mut swapped = 0;
    for config in [Config::default(), config()] {
        for (name, text) in inputs() {
            let fixed = fix_selected(&text, &config, &["AL301".to_string()]);
            let fresh = (fixed != text).then(|| (fixed.clone(), analyze(&fixed, &config).size));
            let got = cleanstart_estimate(&text, &config);
            assert_eq!(
                got.as_ref().map(|(t, e)| (t, format!("{e:?}"))),
                fresh.as_ref().map(|(t, e)| (t, format!("{e:?}"))),
                "{name}"
            );
            swapped += usize::from(got.is_some());
        }
    }
    assert!(swapped > 20, "only {swapped} files had a swap");
}

/// `COPY --from` edges as (from, to) pairs.
fn copy_edges(a: &Analysis) -> Vec<String> {
    let mut edges: Vec<String> = a
        .graph
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Copy)
        .map(|e| format!("{:?}->{}", e.from, e.to))
        .collect();
    edges.sort();
    edges
}

/// Warnings and errors by code.
fn warnings(a: &Analysis) -> BTreeMap<&'static str, usize> {
    let mut out = BTreeMap::new();
    for f in &a.findings {
        if matches!(f.severity, Severity::Warning | Severity::Error) {
            *out.entry(f.code).or_insert(0) += 1;
        }
    }
    out
}

#[test]
fn the_swapped_file_parses_keeps_its_edges_and_gets_no_new_warnings() {
    let (mut files, mut swapped) = (0, 0);
    for (name, text) in inputs() {
        let before = analyze(&text, &config());
        let fixed = fix_selected(&text, &Config::default(), &["AL301".into()]);
        if fixed == text {
            continue;
        }
        files += 1;
        let after = analyze(&fixed, &config());
        swapped += before
            .findings
            .iter()
            .filter(|f| f.code == "AL301" && f.fix.is_some())
            .count();
        assert!(
            after.errors.len() <= before.errors.len(),
            "{name}: new syntax errors"
        );
        assert_eq!(
            copy_edges(&before),
            copy_edges(&after),
            "{name}: COPY --from edges"
        );
        assert_eq!(
            before.graph.stages.len(),
            after.graph.stages.len(),
            "{name}"
        );
        // Codes the findings announce, as `(AL114)`.
        let announced: Vec<String> = before
            .findings
            .iter()
            .filter(|f| f.code == "AL301")
            .flat_map(|f| f.message.split('(').skip(1))
            .filter_map(|s| {
                s.get(..5)
                    .filter(|c| c.starts_with("AL"))
                    .map(str::to_string)
            })
            .collect();
        let (was, now) = (warnings(&before), warnings(&after));
        for (code, n) in &now {
            assert!(
                was.get(code).copied().unwrap_or(0) >= *n || announced.iter().any(|a| a == code),
                "{name}: new {code} warnings after the swap:\n{fixed}"
            );
        }
        // Every safe swap was made: nothing left to fix.
        assert!(
            after
                .findings
                .iter()
                .all(|f| f.code != "AL301" || f.fix.is_none()),
            "{name}"
        );
    }
    eprintln!("AL301 fixes: {swapped} FROMs swapped in {files} files");
    assert!(files > 10, "{files}");
}

/// What dfc's built-in mapping (chainguard-dev/dfc, pkg/dfc/builtin-mappings.yaml) names for the
/// repositories airlock maps: a few have an entry (`alpine`, `debian` and `ubuntu` to its base
/// image, `eclipse-temurin` and `openjdk` to a JDK, `gcc`, `golang*`, `nodejs*`, `static*`,
/// `redis`); for others dfc falls back to the repository's last path component. Its
/// `convert.go` gives every converted FROM the tag `latest-dev`, whatever the stage does.
fn dfc_target(repository: &str) -> (String, bool) {
    let explicit = [
        ("alpine", "chainguard-base"),
        ("debian", "chainguard-base"),
        ("ubuntu", "chainguard-base"),
        ("eclipse-temurin", "jdk"),
        ("openjdk", "jdk"),
        ("gcc", "gcc-glibc"),
        ("golang", "go"),
        ("redis", "redis-sentinel"),
    ];
    if let Some((_, t)) = explicit.iter().find(|(r, _)| *r == repository) {
        return (format!("{t}:latest-dev"), true);
    }
    if repository.starts_with("nodejs") {
        return ("node:latest-dev".into(), true);
    }
    let last = repository.rsplit('/').next().unwrap_or(repository);
    if repository.starts_with("static") {
        return ("static:latest-dev".into(), true);
    }
    (format!("{last}:latest-dev"), false)
}

/// The comparison the issue asks for, printed (`cargo test --test cleanstart -- --nocapture`):
/// on the corpus, the FROMs airlock maps, what dfc would write for them, and where the variants
/// differ, with the reason.
#[test]
fn dfc_comparison_on_the_corpus() {
    let mappings = Mappings::builtin();
    let mut by_repo: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let (mut differ_prod, mut differ_kept, mut same) = (0, 0, 0);
    for f in common::corpus() {
        let a = analyze(&f.text, &config());
        for stage in &a.graph.stages {
            let Base::Image { image, .. } = &stage.base else {
                continue;
            };
            let Some(m) = mappings.find(image) else {
                continue;
            };
            let repo = image.name().to_ascii_lowercase();
            let repo = repo
                .strip_prefix("docker.io/")
                .map(|r| r.strip_prefix("library/").unwrap_or(r).to_string())
                .unwrap_or(repo);
            let (_, dfc_explicit) = dfc_target(&repo);
            let ours = expected(stage.role, m.builder.as_deref(), m.prod.as_deref());
            let row = by_repo.entry(repo).or_default();
            row[0] += 1;
            row[1] += usize::from(dfc_explicit);
            match ours {
                // dfc always writes a -dev tag; airlock writes -prod for a shipped stage.
                Some(to) if stage.role == Role::Prod => {
                    assert!(!to.ends_with("-dev"), "{to}");
                    differ_prod += 1;
                    row[2] += 1;
                }
                Some(_) => same += 1,
                // airlock keeps the image (no equivalent for the role); dfc converts it.
                None => {
                    differ_kept += 1;
                    row[3] += 1;
                }
            }
        }
    }
    eprintln!("repository: FROMs airlock's table matches / with a dfc built-in entry / airlock -prod where dfc -dev / airlock keeps where dfc converts");
    for (repo, [n, dfc, prod, kept]) in &by_repo {
        eprintln!("  {repo}: {n} / {dfc} / {prod} / {kept}");
    }
    eprintln!(
        "variants: same (-dev for building stages) {same}; airlock -prod, dfc latest-dev {differ_prod}; airlock keeps (no CleanStart image for the role), dfc converts {differ_kept}"
    );
    assert!(same > 0 && differ_prod > 0, "{same} {differ_prod}");
}
