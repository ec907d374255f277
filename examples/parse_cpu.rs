//! Parses the corpus `N` times with one parser, for a CPU-time measurement on a shared machine
//! (`perf stat -e task-clock` or `/usr/bin/time` around it), where criterion's wall-clock
//! figures swing with the other builds' load.
//! `cargo run --release --example parse_cpu -- airlock|parse-dockerfile N`
#![allow(clippy::disallowed_methods)]
#[path = "../tests/common/mod.rs"]
mod common;
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "airlock".to_string());
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let files: Vec<String> = common::corpus().into_iter().map(|f| f.text).collect();
    for _ in 0..times {
        for text in &files {
            match which.as_str() {
                "airlock" => {
                    black_box(airlock::engine::syntax::parse(black_box(text)));
                }
                "parse-dockerfile" => {
                    let _ = black_box(parse_dockerfile::parse(black_box(text)));
                }
                "none" => {
                    black_box(text);
                }
                other => {
                    eprintln!("unknown parser {other}: airlock, parse-dockerfile or none");
                    std::process::exit(2);
                }
            }
        }
    }
}
