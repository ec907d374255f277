# BAD: broken layer caching. The whole context is copied before `go mod download`, so
# every edit to any source file downloads all modules again.
FROM cleanstart-golang:1.21-builder AS builder
WORKDIR /src
COPY . .
RUN go mod download && go mod verify
RUN CGO_ENABLED=0 go build -trimpath -o /out/app ./cmd/app

FROM cleanstart-golang:1.21-prod
COPY --from=builder /out/app /usr/local/bin/app
USER 65532
ENTRYPOINT ["/usr/local/bin/app"]
