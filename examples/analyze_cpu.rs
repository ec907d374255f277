//! Analyses a generated Dockerfile of `LINES` lines (the playground's 5,000-line latency case:
//! tests/browser/editor.test.mjs's `generated`) `N` times with the playground's default settings,
//! for a CPU profile or a CPU-time measurement (`perf record`/`perf stat` around it). With
//! `keys`, it times the editor's work per keystroke instead: `N` one-character edits in the
//! middle line, each coloured by `Painted::quick` from the paint before it (what the
//! playground does per key while the analysis waits for a pause in typing).
//! `cargo run --release --example analyze_cpu -- LINES N [keys]`
#![allow(clippy::disallowed_methods)]
use std::hint::black_box;

fn generated(lines: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while out.len() < lines {
        out.extend([
            format!("# stage {i}"),
            format!("FROM golang:1.22-bookworm AS build{i}"),
            "WORKDIR /src".into(),
            "COPY go.mod go.sum ./".into(),
            "RUN --mount=type=cache,target=/root/.cache/go-build \\".into(),
            "    go mod download && \\".into(),
            format!("    CGO_ENABLED=0 go build -trimpath -o /out/app{i} ./cmd/app"),
            "ENV GOFLAGS=\"-mod=readonly\" APP_VERSION=${VERSION:-dev}".into(),
            String::new(),
            format!("FROM gcr.io/distroless/static-debian12:nonroot AS prod{i}"),
            format!("COPY --from=build{i} /out/app{i} /app"),
            "USER 65532".into(),
            "ENTRYPOINT [\"/app\", \"--serve\"]".into(),
            String::new(),
        ]);
        i += 1;
    }
    out.truncate(lines);
    out.join("\n") + "\n"
}

fn main() {
    let mut args = std::env::args().skip(1);
    let lines: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5000);
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let text = generated(lines);
    let config = airlock::engine::Config::default();
    if args.next().as_deref() == Some("keys") {
        keys(&text, times, &config);
        return;
    }
    let start = std::time::Instant::now();
    for _ in 0..times {
        black_box(airlock::engine::analyze(black_box(&text), &config));
    }
    let each = start.elapsed().as_secs_f64() * 1000.0 / times as f64;
    eprintln!(
        "{lines} lines, {} bytes: {each:.2} ms per analysis (wall)",
        text.len()
    );
}

fn keys(text: &str, times: usize, config: &airlock::engine::Config) {
    use airlock::view::painted::Painted;
    use std::rc::Rc;
    let analysis = airlock::engine::analyze(text, config);
    let mut painted = Painted::of_analysis(Rc::from(text), &analysis);
    // A character typed at the end of the middle line's first word, again and again.
    let middle = text.len() / 2;
    let at = middle + text[middle..].find(' ').unwrap_or(0);
    let mut typed = text.to_string();
    let start = std::time::Instant::now();
    for i in 0..times {
        typed.insert(at + i, 'x');
        painted = Painted::quick(&painted, Rc::from(typed.as_str()));
        black_box(&painted);
    }
    let each = start.elapsed().as_secs_f64() * 1000.0 / times as f64;
    eprintln!(
        "{} bytes, {} marks: {each:.3} ms per keystroke's quick paint (wall)",
        text.len(),
        painted.marks.len()
    );
}
