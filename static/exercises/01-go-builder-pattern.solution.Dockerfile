FROM cleanstart-golang:1.21-builder AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download && go mod verify
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

FROM cleanstart-golang:1.21-prod
COPY --from=builder /out/app /usr/local/bin/app
USER 65532
ENTRYPOINT ["/usr/local/bin/app"]
