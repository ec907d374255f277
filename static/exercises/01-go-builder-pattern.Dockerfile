# title: Split a Go build into builder and prod
# task: This Go service is compiled and shipped in one stage on the -builder image, so the
# task: Go SDK, the module cache and the source ship with a 12 MB binary. Keep the build in a
# task: builder stage and ship only the binary on the -prod variant.
# goal: stages >= 2
# goal: final base is not builder
# goal: no warnings of AL1xx
# goal: size < 50 MB
# goal: final image matches cleanstart-golang:*-prod
# goal: final command matches /usr/local/bin/hello
# hint: Name the first stage: `FROM cleanstart-golang:1.21-builder AS builder`.
# hint: Build into a directory of its own (`-o /out/hello`), then start a second stage `FROM cleanstart-golang:1.21-prod`.
# hint: In the prod stage, `COPY --from=builder /out/hello /usr/local/bin/hello`, then `USER 65532` and the ENTRYPOINT.

FROM cleanstart-golang:1.21-builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download && go mod verify
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /usr/local/bin/hello ./cmd/hello
USER 65532
ENTRYPOINT ["/usr/local/bin/hello"]
