# syntax=docker/dockerfile:1.7
# A Go service: build in one stage, ship only the static binary.
ARG GO_VERSION=1.23

FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-bookworm AS builder
WORKDIR /src
ENV CGO_ENABLED=0 \
    GOFLAGS=-trimpath
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY . .
ARG TARGETOS TARGETARCH
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    GOOS=$TARGETOS GOARCH=$TARGETARCH \
    go build -ldflags="-s -w" -o /out/server ./cmd/server

FROM builder AS test
RUN --mount=type=cache,target=/root/.cache/go-build go test ./...

FROM gcr.io/distroless/static-debian12:nonroot AS prod
LABEL org.opencontainers.image.source="https://example.com/acme/server"
COPY --from=builder --chmod=0555 /out/server /usr/local/bin/server
USER 65532:65532
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD ["/usr/local/bin/server", "-healthcheck"]
ENTRYPOINT ["/usr/local/bin/server"]
