// Throwaway: prints AL1xx findings on the corpus. Deleted after review.
use airlock::engine::{analyze, Config};
#[test]
fn print_findings() {
    let codes = [
        "AL102", "AL103", "AL106", "AL107", "AL108", "AL109", "AL110", "AL111", "AL112", "AL115",
        "AL116", "AL117", "AL118", "AL119",
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dockerfiles");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut counts = std::collections::BTreeMap::new();
    let mut config = Config::default();
    config.rules.enable.push("AL118".into());
    let mut out = String::new();
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        let a = analyze(&src, &config);
        for d in a.findings.iter().filter(|d| codes.contains(&d.code)) {
            *counts.entry(d.code).or_insert(0) += 1;
            let line = a.tree.line_col(d.span.start).line;
            out.push_str(&format!(
                "{} {}:{} {}\n",
                d.code,
                f.file_name().unwrap().to_string_lossy(),
                line,
                d.message
            ));
        }
    }
    std::fs::write("/tmp/al1_findings.txt", out).unwrap();
    println!("{counts:?}");
}
