FROM cleanstart-golang:1.21-builder AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/api ./cmd/api

FROM cleanstart-golang:1.21-prod
COPY --from=builder /out/api /usr/local/bin/api
USER 65532
ENTRYPOINT ["/usr/local/bin/api"]
