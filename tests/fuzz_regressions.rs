//! Every input the fuzz targets (fuzz/, scripts/fuzz.sh) ever crashed, hung or blew up on, kept as
//! `tests/fixtures/fuzz/TARGET-NAME` (`scripts/fuzz.sh minimize TARGET ARTIFACT` writes them) and
//! replayed through the same target body the fuzzer runs (`airlock::invariants::targets`).

// Native test code: the wasm size rules (clippy.toml) do not bind it.
#![allow(clippy::disallowed_methods)]

use airlock::invariants::targets::{run, TARGETS};

#[test]
fn every_fuzz_crash_stays_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/fuzz")
        .map(|e| {
            e.expect("a directory entry")
                .file_name()
                .into_string()
                .expect("UTF-8 names")
        })
        .filter(|n| n != "README.md")
        .collect();
    names.sort();
    for name in &names {
        let target = name.split_once('-').map_or("", |(t, _)| t);
        assert!(
            TARGETS.contains(&target),
            "{name}: no fuzz target `{target}`"
        );
        let data = std::fs::read(dir.join(name)).expect("a regression input");
        println!("{name}: {} bytes", data.len());
        assert!(run(target, &data), "{name}");
    }
}

#[test]
fn every_target_runs_on_empty_and_on_a_small_file() {
    for target in TARGETS {
        assert!(run(target, b""));
        assert!(run(
            target,
            b"FROM alpine AS a\nRUN echo hi\nFROM a\0\x01\x02"
        ));
    }
    assert!(!run("nosuchtarget", b""));
}
