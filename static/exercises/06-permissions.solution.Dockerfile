FROM cleanstart-golang:1.21-builder AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/worker ./cmd/worker

FROM cleanstart-golang:1.21-prod
COPY --from=builder --chmod=0555 /out/worker /usr/local/bin/worker
USER 65532
ENTRYPOINT ["/usr/local/bin/worker"]
