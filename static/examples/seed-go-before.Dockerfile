# Go, before: one stage on the -builder image. The Go SDK, the module cache and the
# source tree all ship with the binary (about 500 MB for a 12 MB program).
FROM cleanstart-golang:1.21-builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download && go mod verify
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /usr/local/bin/app ./cmd/app
USER 65532
ENTRYPOINT ["/usr/local/bin/app"]
