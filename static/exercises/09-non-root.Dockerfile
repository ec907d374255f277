# title: Run as a numeric non-root user
# task: The prod stage never says who runs the server, so it runs as root; a user name would
# task: not do either, because Kubernetes' runAsNonRoot can only check a number. Run the
# task: server as UID 65532.
# goal: no finding AL104
# goal: no finding AL105
# goal: no warnings of AL1xx
# goal: final command matches /usr/local/bin/api
# hint: Without a USER instruction the container runs as root (UID 0).
# hint: Add `USER 65532` before the ENTRYPOINT: a number, not a name.

FROM cleanstart-golang:1.21-builder AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/api ./cmd/api

FROM cleanstart-golang:1.21-prod
COPY --from=builder /out/api /usr/local/bin/api
ENTRYPOINT ["/usr/local/bin/api"]
