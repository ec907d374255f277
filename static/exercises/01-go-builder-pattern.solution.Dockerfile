FROM cleanstart-golang:1.21-builder AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download && go mod verify
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/hello ./cmd/hello

FROM cleanstart-golang:1.21-prod
COPY --from=builder /out/hello /usr/local/bin/hello
USER 65532
ENTRYPOINT ["/usr/local/bin/hello"]
