# BAD: permission problems. The binary is copied owned by root with mode 700, so UID
# 65532 cannot run it: the build passes and the container fails with "permission denied".
FROM cleanstart-golang:1.21-builder AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/app ./cmd/app

FROM cleanstart-golang:1.21-prod
COPY --from=builder --chmod=700 /out/app /usr/local/bin/app
USER 65532
ENTRYPOINT ["/usr/local/bin/app"]
