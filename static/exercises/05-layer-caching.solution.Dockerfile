FROM cleanstart-golang:1.21-builder AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download && go mod verify
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/indexer ./cmd/indexer

FROM cleanstart-golang:1.21-prod
COPY --from=builder /out/indexer /usr/local/bin/indexer
USER 65532
ENTRYPOINT ["/usr/local/bin/indexer"]
