//! The playground's example gallery: every file in `static/examples/` is in the menu, every
//! "after" is a clean builder -> prod build, every "before" and every bad practice shows the
//! findings it is there to show.

use std::collections::BTreeSet;
use std::path::Path;

use airlock::engine::graph::{Base, ImageClass};
use airlock::engine::{analyze, Analysis, Config, Severity};

use airlock::view::examples::{self, Kind, EXAMPLES};

fn analysis(id: &str, text: &str) -> Analysis {
    let a = analyze(text, &Config::default());
    assert!(a.errors.is_empty(), "{id}: syntax errors {:?}", a.errors);
    a
}

fn codes(a: &Analysis) -> BTreeSet<&'static str> {
    a.findings.iter().map(|f| f.code).collect()
}

/// AL1xx (builder pattern) findings at warning or error.
fn builder_warnings(a: &Analysis) -> Vec<String> {
    a.findings
        .iter()
        .filter(|f| f.code.starts_with("AL1"))
        .filter(|f| matches!(f.severity, Severity::Warning | Severity::Error))
        .map(|f| format!("{} {}", f.code, f.message))
        .collect()
}

#[test]
fn every_example_file_is_in_the_menu_once() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("static/examples");
    let files: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "Dockerfile"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let ids: Vec<&str> = EXAMPLES.iter().map(|x| x.id).collect();
    let unique: BTreeSet<String> = ids.iter().map(|s| s.to_string()).collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in {ids:?}");
    assert_eq!(unique, files);
    // build.rs lists the same files, and each entry carries its own file's text.
    let listed: BTreeSet<String> = examples::FILES
        .iter()
        .map(|(id, _)| id.to_string())
        .collect();
    assert_eq!(listed, files);
    for x in EXAMPLES {
        let text = std::fs::read_to_string(dir.join(format!("{}.Dockerfile", x.id))).unwrap();
        assert_eq!(x.text, text, "{}", x.id);
    }
    // The editor starts with the first one.
    assert_eq!(EXAMPLES[0].text, examples::GO_DISTROLESS);
}

#[test]
fn after_examples_are_clean_builder_to_prod_builds() {
    let mut seen = 0;
    for x in EXAMPLES.iter().filter(|x| x.kind == Kind::After) {
        seen += 1;
        let a = analysis(x.id, x.text);
        assert!(x.shows.is_empty(), "{}: an after shows nothing", x.id);
        assert!(a.graph.stages.len() >= 2, "{}: not multi-stage", x.id);
        assert_eq!(builder_warnings(&a), Vec::<String>::new(), "{}", x.id);
        let target = a.graph.target.expect("a target");
        match a.graph.resolved_base(target).1 {
            Base::Image { class, .. } => assert!(
                !matches!(class.class, ImageClass::Toolchain | ImageClass::Dev),
                "{}: ships on {class:?}",
                x.id
            ),
            Base::Scratch => {}
            other => panic!("{}: final base {other:?}", x.id),
        }
        // The point of the pair: the estimate shrinks.
        let single = a.size.single_stage_mb().uncompressed;
        let multi = a.size.multi_stage.uncompressed;
        assert!(
            multi > 0.0 && multi < single / 2.0,
            "{}: {multi} MB vs {single} MB",
            x.id
        );
    }
    assert_eq!(seen, 5, "Go, Python, Node.js, C/NGINX and PostgreSQL");
}

#[test]
fn before_examples_show_the_builder_pattern_findings_and_have_an_after() {
    let mut seen = 0;
    for x in EXAMPLES.iter().filter(|x| x.kind == Kind::Before) {
        seen += 1;
        let a = analysis(x.id, x.text);
        assert!(
            x.shows.contains(&"AL102"),
            "{}: a before is single-stage",
            x.id
        );
        let fired = codes(&a);
        for code in x.shows {
            assert!(
                fired.contains(code),
                "{}: {code} does not fire: {fired:?}",
                x.id
            );
        }
        assert!(!builder_warnings(&a).is_empty(), "{}", x.id);
        assert_eq!(a.graph.stages.len(), 1, "{}", x.id);
        let after =
            x.id.strip_suffix("-before")
                .expect("a before's id ends in -before");
        let pair = EXAMPLES.iter().find(|y| y.id == after);
        // (Sizes are compared within the after: its single- vs multi-stage estimate. The
        // PostgreSQL before is on Debian, as in the seed's table, whose build tools the
        // estimate only assumes.)
        assert!(
            pair.is_some_and(|y| y.kind == Kind::After),
            "{}: no after `{after}`",
            x.id
        );
    }
    assert_eq!(seen, 5);
}

#[test]
fn each_bad_practice_fires_its_rule() {
    let mut shown = BTreeSet::new();
    for x in EXAMPLES.iter().filter(|x| x.kind == Kind::Bad) {
        let a = analysis(x.id, x.text);
        assert_eq!(x.shows.len(), 1, "{}: one practice, one rule", x.id);
        let fired = codes(&a);
        assert!(fired.contains(x.shows[0]), "{}: {fired:?}", x.id);
        // The practice is the only builder-pattern warning, so the example is about it.
        let warnings = builder_warnings(&a);
        assert!(
            warnings.iter().all(|w| w.starts_with(x.shows[0])),
            "{}: {warnings:?}",
            x.id
        );
        shown.insert(x.shows[0]);
    }
    // copying too much, secrets in a layer, layer caching, permissions, runtime libraries, -dev
    let seed: BTreeSet<&str> = ["AL106", "AL108", "AL110", "AL112", "AL111", "AL101"].into();
    assert_eq!(shown, seed);
}

#[test]
fn showcase_examples_have_no_builder_pattern_warnings() {
    for x in EXAMPLES.iter().filter(|x| x.kind == Kind::Showcase) {
        let a = analysis(x.id, x.text);
        assert_eq!(builder_warnings(&a), Vec::<String>::new(), "{}", x.id);
    }
}
