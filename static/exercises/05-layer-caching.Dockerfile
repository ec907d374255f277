# title: Make the module download cacheable
# task: Every change to any Go file makes this build download all modules again, because the
# task: whole context is copied before `go mod download`. Reorder the builder so the
# task: dependency layer only changes when go.mod or go.sum do.
# goal: no finding AL110
# goal: no warnings of AL1xx
# goal: final command matches /usr/local/bin/indexer
# hint: A layer is rebuilt when anything copied before it changes.
# hint: Copy only `go.mod go.sum ./` first, then run `go mod download`, then `COPY . .` and build.

FROM cleanstart-golang:1.21-builder AS builder
WORKDIR /src
COPY . .
RUN go mod download && go mod verify
RUN CGO_ENABLED=0 go build -trimpath -o /out/indexer ./cmd/indexer

FROM cleanstart-golang:1.21-prod
COPY --from=builder /out/indexer /usr/local/bin/indexer
USER 65532
ENTRYPOINT ["/usr/local/bin/indexer"]
