//! AL119: a multi-stage build compiles but no stage runs the tests.

use crate::engine::analysis::stages::stage_runs;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::{compile_command, test_command};

declare_rule! {
    /// ## What it does
    /// Checks a multi-stage build whose stages compile (`go build`, `cargo build`, `make`,
    /// `mvn package`, `npm run build` ...) for a RUN anywhere in the file that runs tests:
    /// `go test`, `cargo test`, `npm test`, `pytest`, `make test`/`make check`, `ctest`,
    /// `mvn test`/`verify` (and `mvn package`/`gradle build` unless tests are skipped),
    /// `dotnet test` and the like. A separate test stage (`FROM builder AS test`) counts.
    ///
    /// ## Why is this bad?
    /// The builder stage is the one place that has the compiler, the sources and the
    /// dependencies in the exact versions that ship. Running the tests there checks the
    /// artifact that is actually released; without them, an image can pass the build and fail
    /// at run time. A test stage is built only when asked for (`--target test`) and adds
    /// nothing to the final image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM cleanstart-golang:1.21-builder AS builder
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
    /// FROM cleanstart-golang:1.21-prod
    /// COPY --from=builder /out/app /usr/local/bin/app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM cleanstart-golang:1.21-builder AS builder
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
    /// FROM builder AS test
    /// RUN go test ./...
    /// FROM cleanstart-golang:1.21-prod
    /// COPY --from=builder /out/app /usr/local/bin/app
    /// ```
    code: "AL119",
    name: "tests_never_run",
    severity: Info,
    category: Correctness,
    fixable: false,
    aliases: [],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    if cx.graph.stages.len() < 2 {
        return Vec::new();
    }
    let mut first_compile = None;
    for stage in &cx.graph.stages {
        for (_, inst, commands) in stage_runs(cx, stage) {
            if commands.iter().any(|c| test_command(c).is_some()) {
                return Vec::new();
            }
            if first_compile.is_none() {
                if let Some(c) = commands.iter().find_map(compile_command) {
                    first_compile = Some((inst.span, c));
                }
            }
        }
    }
    match first_compile {
        Some((span, c)) => vec![Hit::new(
            span,
            format!("this build runs `{c}` but no stage runs the tests"),
        )],
        None => Vec::new(),
    }
}
