# syntax=docker/dockerfile:1
# The airlock CLI as an image, built the builder way: a Rust builder stage compiles the binary
# with the locked dependencies, and a minimal, shell-less runtime stage receives that one file and
# runs it as a non-root user. Checked by `airlock check` and hadolint in CI
# (scripts/check-integrations.sh).
#
#   docker build -t airlock .                  # the runtime image (the last stage)
#   docker build --target test .               # the engine's and the CLI's unit tests
#   docker run --rm -v "$PWD:/work:ro" airlock check .
#
# The base images are named by tag, not digest: pin them by digest where you build releases.
ARG RUST_VERSION=1.95.0

# airlock ignore=AL113
FROM rust:${RUST_VERSION}-slim-bookworm AS builder
WORKDIR /src
# The sources only (.dockerignore keeps build output and tool folders out of the context).
COPY Cargo.toml Cargo.lock build.rs ./
COPY build ./build
COPY benches ./benches
COPY src ./src
COPY static ./static
# The cargo registry and the target folder are cache mounts: a rebuild after a source change
# recompiles airlock only. The binary is copied out of the mount for the next stage.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin airlock \
    && install -D -m 0755 target/release/airlock /out/airlock

# The unit tests, on the same compiler and sources (built only with --target test).
FROM builder AS test
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo test --locked --lib --bins

# glibc and libgcc only (the CLI links them dynamically), no shell, no package manager.
# airlock ignore=AL113
FROM gcr.io/distroless/cc-debian12:nonroot AS prod
COPY --from=builder /out/airlock /usr/local/bin/airlock
# distroless's nonroot user, by number (Kubernetes' runAsNonRoot needs a numeric UID).
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/airlock"]
CMD ["check", "."]
