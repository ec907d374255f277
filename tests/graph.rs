//! The stage graph: stages, bases, edges with their artifacts, expansion, target, roles.

// Native test code: the wasm size rules (clippy.toml) do not bind it.
#![allow(clippy::disallowed_methods)]

use airlock::engine::graph::{
    Base, EdgeKind, GraphConfig, GraphProblemKind, ImageClass, NodeRef, Role,
};
use airlock::engine::{analyze, Analysis, Config};

fn graph_of(src: &str) -> Analysis {
    analyze(src, &Config::default())
}

fn with(src: &str, target: Option<&str>, args: &[(&str, &str)]) -> Analysis {
    let config = Config {
        graph: GraphConfig {
            target: target.map(str::to_string),
            build_args: args
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Default::default()
        },
        ..Config::default()
    };
    analyze(src, &config)
}

fn image_of(a: &Analysis, stage: usize) -> String {
    match &a.graph.stages[stage].base {
        Base::Image { image, .. } => image.raw.clone(),
        other => panic!("stage {stage} is not on an image: {other:?}"),
    }
}

const GO: &str = "\
ARG GO_VERSION=1.22
FROM golang:${GO_VERSION}-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM build AS test
RUN go test ./...

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build --chmod=0555 --link /out/app /app
USER 65532
ENTRYPOINT [\"/app\"]
";

#[test]
fn stages_bases_and_names() {
    let a = graph_of(GO);
    let g = &a.graph;
    assert_eq!(g.stages.len(), 3);
    assert_eq!(g.stages[0].name.as_deref(), Some("build"));
    assert_eq!(image_of(&a, 0), "golang:1.22-alpine");
    assert_eq!(g.stages[0].base_written, "golang:${GO_VERSION}-alpine");
    assert_eq!(g.stages[1].base, Base::Stage { index: 0 });
    assert_eq!(image_of(&a, 2), "gcr.io/distroless/static-debian12:nonroot");
    assert_eq!(a.tree.lines(g.stages[2].from_span).0, 12);
    assert!(g.problems.is_empty(), "{:?}", g.problems);
}

#[test]
fn copy_edges_carry_their_artifacts_and_flags() {
    let a = graph_of(GO);
    let copies: Vec<_> = a
        .graph
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Copy)
        .collect();
    assert_eq!(copies.len(), 1);
    let e = copies[0];
    assert_eq!((e.from, e.to), (NodeRef::Stage(0), 2));
    assert_eq!(e.paths, ["/out/app"]);
    assert_eq!(e.dest.as_deref(), Some("/app"));
    assert_eq!(e.chmod.as_deref(), Some("0555"));
    assert!(e.link);
    assert_eq!(a.tree.lines(e.span).0, 13);
}

/// A relative COPY destination is joined to the WORKDIR where it is known: set in the stage,
/// inherited from the stage it builds on, `/` on scratch, a common official image's own; unknown
/// on any other image, which may set its own.
#[test]
fn relative_destinations_resolve_against_the_workdir() {
    let a = graph_of(
        "FROM golang AS build\nWORKDIR /src\nRUN go build -o /out/app\n\
         FROM build AS test\nWORKDIR ../srv/./x/\nCOPY --from=build /out/app bin/\n\
         FROM scratch\nCOPY --from=build /out/app .\nCOPY --from=build /out/app ./a/../app\n\
         FROM alpine\nCOPY --from=build /out/app .\nARG D=/opt\nWORKDIR $D\nCOPY --from=build /out/app ./\n\
         FROM registry.example.com/team/base:1\nCOPY --from=build /out/app .\n\
         FROM golang:1.22\nCOPY --from=build /out/app bin/\n",
    );
    let resolved: Vec<_> = a
        .graph
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Copy)
        .map(|e| (e.dest.as_deref(), e.dest_resolved.as_deref()))
        .collect();
    assert_eq!(
        resolved,
        [
            (Some("bin/"), Some("/srv/x/bin/")),
            (Some("."), Some("/")),
            (Some("./a/../app"), Some("/app")),
            (Some("."), Some("/")),
            (Some("./"), Some("/opt/")),
            (Some("."), None),
            (Some("bin/"), Some("/go/bin/")),
        ]
    );
    let workdirs: Vec<_> = a
        .graph
        .stages
        .iter()
        .map(|s| s.workdir.as_deref())
        .collect();
    assert_eq!(
        workdirs,
        [
            Some("/src"),
            Some("/srv/x/"),
            Some("/"),
            Some("/opt"),
            None,
            Some("/go")
        ]
    );
}

#[test]
fn from_stage_is_an_inheritance_edge() {
    let a = graph_of(GO);
    let inherit: Vec<_> = a
        .graph
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::From)
        .collect();
    assert_eq!(inherit.len(), 1);
    assert_eq!((inherit[0].from, inherit[0].to), (NodeRef::Stage(0), 1));
}

#[test]
fn target_reachability_and_roles() {
    let a = graph_of(GO);
    let g = &a.graph;
    assert_eq!(g.target, Some(2));
    let reach: Vec<_> = g.stages.iter().map(|s| s.reachable).collect();
    assert_eq!(reach, [true, false, true]);
    let roles: Vec<_> = g.stages.iter().map(|s| s.role).collect();
    assert_eq!(roles, [Role::Builder, Role::Test, Role::Prod]);
    assert!(g.stages[0]
        .evidence
        .iter()
        .any(|e| e.contains("Go toolchain")));
    assert!(g.stages[2].evidence.iter().any(|e| e.contains("target")));
}

#[test]
fn explicit_target_by_name_or_index() {
    let a = with(GO, Some("test"), &[]);
    assert_eq!(a.graph.target, Some(1));
    let reach: Vec<_> = a.graph.stages.iter().map(|s| s.reachable).collect();
    assert_eq!(reach, [true, true, false]);
    assert_eq!(with(GO, Some("0"), &[]).graph.target, Some(0));
    assert_eq!(with(GO, Some("BUILD"), &[]).graph.target, Some(0));
}

#[test]
fn unknown_target_falls_back_to_the_last_stage() {
    let a = with(GO, Some("nope"), &[]);
    assert_eq!(a.graph.target, Some(2));
    assert!(matches!(
        a.graph.problems[0].kind,
        GraphProblemKind::UnknownTarget { .. }
    ));
}

#[test]
fn build_args_override_defaults() {
    let a = with(GO, None, &[("GO_VERSION", "1.25")]);
    assert_eq!(image_of(&a, 0), "golang:1.25-alpine");
    let a = with(GO, None, &[("NOT_DECLARED", "x")]);
    assert!(matches!(
        a.graph.problems[0].kind,
        GraphProblemKind::UnusedBuildArg { .. }
    ));
}

#[test]
fn expansion_rules_in_from() {
    let src = "ARG REG=docker.io/library\nARG V\nARG FLAVOR=alpine\nFROM ${REG}/node:${V:-22}-${FLAVOR%ine}\nFROM ${REG:+gcr.io/distroless}/static:${V:-latest}\n";
    let a = graph_of(src);
    assert_eq!(image_of(&a, 0), "docker.io/library/node:22-alp");
    assert_eq!(image_of(&a, 1), "gcr.io/distroless/static:latest");
    assert!(a.graph.problems.is_empty());
}

#[test]
fn undefined_variable_is_reported_at_its_span_and_the_graph_still_forms() {
    let src = "FROM golang:$MISSING AS build\nFROM scratch\nCOPY --from=build /a /a\n";
    let a = graph_of(src);
    let p = &a.graph.problems[0];
    assert_eq!(
        p.kind,
        GraphProblemKind::UndefinedVariable {
            name: "MISSING".into()
        }
    );
    assert_eq!(&src[p.span.start..p.span.end], "$MISSING");
    assert_eq!(a.graph.stages.len(), 2);
    assert_eq!(a.graph.stages[1].base, Base::Scratch);
    assert_eq!(a.graph.edges.len(), 1);
}

#[test]
fn from_values_expand_with_stage_args() {
    let src =
        "ARG SRC=build\nFROM alpine AS build\nFROM scratch\nARG SRC\nCOPY --from=$SRC /x /x\n";
    let a = graph_of(src);
    assert_eq!(a.graph.edges[0].from, NodeRef::Stage(0));
}

#[test]
fn copy_from_index_and_external_image() {
    let src = "FROM alpine\nRUN echo\nFROM scratch\nCOPY --from=0 /etc/passwd /etc/passwd\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /nginx.conf\nCOPY --from=nginx:1.27 /usr/sbin/nginx /nginx\n";
    let a = graph_of(src);
    let g = &a.graph;
    assert_eq!(g.edges[0].from, NodeRef::Stage(0));
    assert_eq!(g.images.len(), 1, "one node per distinct image");
    assert_eq!(g.images[0].image.raw, "nginx:1.27");
    assert_eq!(g.edges[1].from, NodeRef::Image(0));
    assert_eq!(g.edges[2].from, NodeRef::Image(0));
}

#[test]
fn run_mount_from_is_an_edge() {
    let src = "FROM golang AS deps\nRUN go mod download\nFROM golang\nRUN --mount=type=bind,from=deps,source=/go/pkg,target=/go/pkg --mount=type=cache,target=/root/.cache go build\n";
    let a = graph_of(src);
    let mounts: Vec<_> = a
        .graph
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Mount)
        .collect();
    assert_eq!(mounts.len(), 1);
    assert_eq!(mounts[0].from, NodeRef::Stage(0));
    assert_eq!(mounts[0].paths, ["/go/pkg"]);
    assert_eq!(mounts[0].dest.as_deref(), Some("/go/pkg"));
    assert!(a.graph.stages[0].reachable);
}

#[test]
fn forward_reference_is_a_problem() {
    let src = "FROM alpine\nCOPY --from=later /a /a\nFROM alpine AS later\n";
    let a = graph_of(src);
    assert!(matches!(
        a.graph.problems[0].kind,
        GraphProblemKind::ForwardReference { .. }
    ));
}

#[test]
fn copy_paths_exclude_and_parents() {
    let src = "FROM alpine AS b\nFROM scratch\nCOPY --from=b --parents --exclude=*.md --exclude=.git /src/a /src/b/ /dst/\n";
    let e = &graph_of(src).graph.edges[0];
    assert_eq!(e.paths, ["/src/a", "/src/b/"]);
    assert_eq!(e.dest.as_deref(), Some("/dst/"));
    assert!(e.parents);
    assert_eq!(e.exclude, ["*.md", ".git"]);
}

#[test]
fn seed_cleanstart_builder_to_prod() {
    let src = "FROM cleanstart-gcc:14-builder AS builder\nCOPY . /src\nRUN ./configure && make -j8 && make test && make install PREFIX=/usr\nFROM cleanstart-gcc:14-prod\nCOPY --from=builder /usr/bin/app /usr/bin/app\nUSER 65532\nCMD [\"/usr/bin/app\"]\n";
    let a = graph_of(src);
    let roles: Vec<_> = a.graph.stages.iter().map(|s| s.role).collect();
    assert_eq!(roles, [Role::Builder, Role::Prod]);
    match &a.graph.stages[1].base {
        Base::Image { class, .. } => assert_eq!(class.class, ImageClass::Runtime),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_target_on_a_dev_variant_ships_as_prod() {
    // The base alone does not say the author built a dev image; shipping on it is AL101's.
    let a = graph_of("FROM cleanstart/node:latest-dev AS app\nCOPY . /app\n");
    assert_eq!(a.graph.stages[0].role, Role::Prod);
    assert!(a.graph.stages[0].ships);
}

#[test]
fn a_target_named_dev_is_a_dev_image_that_does_not_ship() {
    let a = graph_of("FROM golang:1.22 AS base\nFROM base AS dev\nCMD [\"go\", \"run\", \".\"]\n");
    let dev = &a.graph.stages[1];
    assert_eq!(dev.role, Role::Dev);
    assert_eq!(
        dev.evidence[0],
        "the target, named as a dev image (`dev`): not shipped"
    );
    assert!(a.graph.stages.iter().all(|s| !s.ships));
}

#[test]
fn development_and_dev_envs_stages_are_dev_not_builder() {
    let src = "FROM node:lts AS development\nRUN npm ci\nFROM development AS builder\nRUN npm run build\nFROM development AS dev-envs\nRUN apt-get install -y git\nFROM nginx:1.27-alpine\nCOPY --from=builder /code/build /usr/share/nginx/html\n";
    let a = graph_of(src);
    let roles: Vec<_> = a.graph.stages.iter().map(|s| s.role).collect();
    assert_eq!(roles, [Role::Dev, Role::Builder, Role::Dev, Role::Prod]);
    let ships: Vec<_> = a.graph.stages.iter().map(|s| s.ships).collect();
    assert_eq!(ships, [false, false, false, true]);
}

#[test]
fn a_test_or_lint_target_does_not_ship() {
    for name in ["test", "tests", "ci", "lint", "unit-test"] {
        let a = graph_of(&format!(
            "FROM golang:1.22 AS base\nFROM base AS {name}\nRUN go vet ./...\n"
        ));
        assert_eq!(a.graph.stages[1].role, Role::Test, "{name}");
        assert!(
            !a.graph.stages[0].ships && !a.graph.stages[1].ships,
            "{name}"
        );
    }
}

#[test]
fn a_target_whose_command_builds_is_a_dev_image() {
    let a = graph_of("FROM golang:1.22 AS gobase\nFROM gobase\nCOPY . .\nCMD [\"make\"]\n");
    assert_eq!(a.graph.stages[1].role, Role::Dev);
    assert!(a.graph.stages[1].evidence[0].contains("default command runs `make`"));
    let b = graph_of("FROM golang:1.22 AS b\nFROM b AS unit\nCMD go test ./...\n");
    assert_eq!(b.graph.stages[1].role, Role::Test);
}

#[test]
fn a_stage_named_for_tests_that_others_copy_from_is_not_a_test_stage() {
    // `golangci-lint` provides the linter binary to the `lint` stage.
    let src = "FROM golangci/golangci-lint:v2 AS golangci-lint\nFROM golang:1.22 AS lint\nCOPY --from=golangci-lint /usr/bin/golangci-lint /usr/bin/\nFROM scratch\nCOPY a /a\n";
    let a = graph_of(src);
    assert_ne!(a.graph.stages[0].role, Role::Test);
    assert_eq!(a.graph.stages[1].role, Role::Test);
}

#[test]
fn a_prod_target_ships_with_the_stages_it_is_built_on() {
    let src = "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM alpine:3.20 AS base\nFROM base AS dev\nFROM base\nCOPY --from=build /app /app\n";
    let a = graph_of(src);
    let ships: Vec<_> = a.graph.stages.iter().map(|s| s.ships).collect();
    assert_eq!(ships, [false, true, false, true]);
}

#[test]
fn single_stage_on_a_toolchain_is_prod_with_the_evidence() {
    let a = graph_of("FROM golang:1.22\nRUN go build -o /app .\n");
    let s = &a.graph.stages[0];
    assert_eq!(s.role, Role::Prod);
    assert!(s.evidence.iter().any(|e| e.contains("Go toolchain")));
}

#[test]
fn half_typed_file_still_has_a_graph() {
    let src = "FROM golang:1.22 AS build\nRUN go build\nFROM \nCOPY --from=build /app /app\nFROM gcr.io/distroless/static\nCOPY --from=bui";
    let a = graph_of(src);
    assert_eq!(a.graph.stages.len(), 3);
    assert_eq!(a.graph.stages[1].base, Base::Missing);
    assert_eq!(a.graph.edges.len(), 2, "{:?}", a.graph.edges);
    assert_eq!(
        a.graph.edges[1].from,
        NodeRef::Image(0),
        "`bui` reads as an image until typed out"
    );
}

#[test]
fn no_stages_no_target() {
    let a = graph_of("ARG A=1\n");
    assert!(a.graph.stages.is_empty());
    assert_eq!(a.graph.target, None);
}

#[test]
fn every_corpus_file_forms_a_graph() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dockerfiles");
    let mut files = 0;
    let mut stages = 0;
    for entry in std::fs::read_dir(&dir).expect("../shared/corpus/dockerfiles is missing") {
        let path = entry.unwrap().path();
        let src = std::fs::read_to_string(&path).unwrap();
        let a = graph_of(&src);
        let froms = a
            .tree
            .instructions
            .iter()
            .filter(|i| i.keyword.text.eq_ignore_ascii_case("from"))
            .count();
        assert_eq!(a.graph.stages.len(), froms, "{}", path.display());
        assert!(a.graph.target.is_some(), "{}", path.display());
        let undefined: Vec<_> = a
            .graph
            .problems
            .iter()
            .map(|p| p.kind.to_string())
            .collect();
        assert!(undefined.is_empty(), "{}: {undefined:?}", path.display());
        files += 1;
        stages += froms;
    }
    assert_eq!(files, 423);
    assert!(stages > 423);
}

#[test]
fn a_cycle_through_from_is_reported() {
    let src = "FROM b AS a\nRUN echo\nFROM a AS b\n";
    let a = graph_of(src);
    let p = &a.graph.problems[0];
    assert!(
        matches!(p.kind, GraphProblemKind::FromLaterStage { index: 1, .. }),
        "{p:?}"
    );
    assert_eq!(&src[p.span.start..p.span.end], "b");
    assert_eq!(a.graph.stages[1].base, Base::Stage { index: 0 });
}

#[test]
fn other_role_for_a_plain_os_stage_nothing_takes_from() {
    let a = graph_of("FROM debian:bookworm AS base\nRUN echo\nFROM scratch\nCOPY app /app\n");
    assert_eq!(a.graph.stages[0].role, Role::Other);
    assert!(!a.graph.stages[0].reachable);
}

#[test]
fn every_role_rule_has_a_case() {
    let cases = [
        ("FROM golang:1.22 AS b\nRUN go build\nFROM scratch\nCOPY --from=b /a /a\n", 0, Role::Builder),
        ("FROM alpine:3.20 AS fetch\nRUN wget -O /x https://e.com/x\nFROM scratch\nCOPY --from=fetch /x /x\n", 0, Role::Builder),
        ("FROM scratch\nCOPY a /a\n", 0, Role::Prod),
        ("FROM gcr.io/distroless/static AS variant\nFROM scratch\n", 0, Role::Prod),
        ("FROM cleanstart/go:latest-dev\n", 0, Role::Prod),
        ("FROM node:22 AS dev\n", 0, Role::Dev),
        ("FROM alpine:3.20 AS debug\nFROM scratch\n", 0, Role::Dev),
        ("FROM golang:1.22 AS b\nFROM b AS unit\nRUN go test ./...\nFROM scratch\n", 1, Role::Test),
        ("FROM debian:bookworm AS base\nFROM scratch\n", 0, Role::Other),
    ];
    for (src, stage, role) in cases {
        let a = graph_of(src);
        assert_eq!(a.graph.stages[stage].role, role, "{src}");
        assert!(!a.graph.stages[stage].evidence.is_empty(), "{src}");
    }
}

/// Every `--from` of COPY/ADD and `from=` of RUN --mount in the corpus becomes one edge, and every
/// stage name a `--from` uses resolves to a stage.
#[test]
fn corpus_edges_match_from_references() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dockerfiles");
    let mut multi = 0;
    for entry in std::fs::read_dir(&dir).expect("../shared/corpus is missing") {
        let path = entry.unwrap().path();
        let src = std::fs::read_to_string(&path).unwrap();
        let a = graph_of(&src);
        if a.graph.stages.len() < 2 {
            continue;
        }
        multi += 1;
        let mut refs = 0;
        for inst in &a.tree.instructions {
            refs += inst.flags.iter().filter(|f| f.name == "from").count();
            refs += inst
                .flags
                .iter()
                .filter(|f| {
                    f.name == "mount"
                        && f.value
                            .as_deref()
                            .is_some_and(|v| v.split(',').any(|kv| kv.starts_with("from=")))
                })
                .count();
        }
        let edges = a
            .graph
            .edges
            .iter()
            .filter(|e| e.kind != EdgeKind::From)
            .count();
        assert_eq!(edges, refs, "{}", path.display());
        let names: Vec<_> = a
            .graph
            .stages
            .iter()
            .filter_map(|s| s.name.clone())
            .collect();
        for img in &a.graph.images {
            assert!(
                !names.contains(&img.image.raw.to_lowercase()),
                "{}: `{}` read as an image",
                path.display(),
                img.image.raw
            );
        }
    }
    assert_eq!(multi, 54, "the corpus README says 54 files are multi-stage");
}

#[test]
fn corpus_graph_snapshots() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dockerfiles");
    for name in [
        "GoogleContainerTools__distroless__examples__go__Dockerfile.Dockerfile",
        "docker__awesome-compose__spring-postgres__backend__Dockerfile.Dockerfile",
        "docker-library__golang__1.26__alpine3.23__Dockerfile.Dockerfile",
    ] {
        let src = std::fs::read_to_string(dir.join(name)).unwrap();
        let a = graph_of(&src);
        let stages: Vec<String> = a
            .graph
            .stages
            .iter()
            .map(|s| {
                format!(
                    "{} {:?} {:?} reachable={} evidence={:?}",
                    s.index, s.name, s.role, s.reachable, s.evidence
                )
            })
            .collect();
        let edges: Vec<String> = a
            .graph
            .edges
            .iter()
            .map(|e| {
                format!(
                    "{:?} -> {} {:?} {:?} -> {:?} (line {})",
                    e.from,
                    e.to,
                    e.kind,
                    e.paths,
                    e.dest,
                    a.tree.lines(e.span).0
                )
            })
            .collect();
        insta::assert_snapshot!(
            name.trim_end_matches(".Dockerfile"),
            format!(
                "target: {:?}\n{}\n{}",
                a.graph.target,
                stages.join("\n"),
                edges.join("\n")
            )
        );
    }
}

#[test]
fn configured_image_patterns_decide_the_class() {
    let src =
        "FROM mycorp/sdk-go:3 AS build\nRUN make\nFROM mycorp/run:1\nCOPY --from=build /app /app\n";
    let plain = graph_of(src);
    assert_eq!(
        plain.graph.stages[1].role,
        Role::Prod,
        "the target is prod anyway"
    );
    let config = Config {
        graph: GraphConfig {
            builder_images: vec!["mycorp/sdk-*".into()],
            prod_images: vec!["mycorp/run:*".into()],
            ..Default::default()
        },
        ..Config::default()
    };
    let a = analyze(src, &config);
    match (&a.graph.stages[0].base, &a.graph.stages[1].base) {
        (Base::Image { class: b, .. }, Base::Image { class: p, .. }) => {
            assert_eq!(b.class, ImageClass::Toolchain);
            assert!(
                b.reason.contains("builder image pattern `mycorp/sdk-*`"),
                "{}",
                b.reason
            );
            assert_eq!(p.class, ImageClass::Runtime);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(a.graph.stages[0].role, Role::Builder);
}

#[test]
fn a_scratch_target_of_copied_files_without_a_command_exports_them() {
    let build = "FROM golang:1.25 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n";
    // BuildKit's own pattern: `docker build --output type=local,dest=bin .` writes the files.
    let a = graph_of(&format!(
        "{build}FROM scratch AS binaries\nCOPY --from=build /out/app /\nLABEL org.opencontainers.image.title=app\n"
    ));
    let binaries = &a.graph.stages[1];
    assert_eq!(binaries.role, Role::Export);
    assert!(!binaries.ships, "exported files are not a shipped image");
    assert!(
        binaries.evidence[0].contains("--output"),
        "{:?}",
        binaries.evidence
    );
    assert!(a.size.target_exports());

    // Not an export: a default command, a file from the context, a RUN, a user, a base image,
    // or a stage that copies from it or builds on it.
    for (tail, why) in [
        ("FROM scratch\nCOPY --from=build /out/app /\nENTRYPOINT [\"/app\"]\n", "a default command"),
        ("FROM scratch\nCOPY --from=build /out/app /\nCOPY config.yaml /\n", "a file from the context"),
        ("FROM scratch\nCOPY --from=build /out/app /\nUSER 65532\n", "a user"),
        ("FROM alpine:3.20\nCOPY --from=build /out/app /\n", "a base image"),
        ("FROM scratch\n", "no file at all"),
        (
            "FROM scratch AS files\nCOPY --from=build /out/app /\nFROM gcr.io/distroless/static-debian12\nCOPY --from=files /app /app\n",
            "another stage copies from it",
        ),
        (
            "FROM scratch AS files\nCOPY --from=build /out/app /\nFROM files\nENTRYPOINT [\"/app\"]\n",
            "another stage builds on it",
        ),
    ] {
        let a = graph_of(&format!("{build}{tail}"));
        assert_ne!(a.graph.stages[1].role, Role::Export, "{why}");
        assert!(!a.size.target_exports(), "{why}");
    }
}
