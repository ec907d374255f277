//! Runs one fuzz target's body (`airlock::invariants::targets`) natively, without libFuzzer, over
//! every file of a folder (a corpus), cut to the fuzzers' 16 KB: the target's own cost per
//! input, for comparing a change to a target or to the code it drives (libFuzzer's figures
//! add its instrumentation and mutations).
//! `cargo run --release --example fuzz_replay -- TARGET FOLDER`
#![allow(clippy::disallowed_methods)]
use airlock::invariants::targets;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(target), Some(folder)) = (args.next(), args.next()) else {
        eprintln!(
            "usage: fuzz_replay TARGET FOLDER (targets: {})",
            targets::TARGETS.join(", ")
        );
        std::process::exit(2);
    };
    let mut inputs: Vec<Vec<u8>> = match std::fs::read_dir(&folder) {
        Ok(entries) => entries
            .filter_map(|e| std::fs::read(e.ok()?.path()).ok())
            .collect(),
        Err(e) => {
            eprintln!("{folder}: {e}");
            std::process::exit(2);
        }
    };
    for input in &mut inputs {
        input.truncate(16 * 1024);
    }
    let start = std::time::Instant::now();
    for input in &inputs {
        if !targets::run(&target, input) {
            eprintln!(
                "no target {target} (targets: {})",
                targets::TARGETS.join(", ")
            );
            std::process::exit(2);
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    eprintln!(
        "{target}: {} inputs in {seconds:.2} s, {:.0} per second",
        inputs.len(),
        inputs.len() as f64 / seconds
    );
}
