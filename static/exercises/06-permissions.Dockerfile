# title: Let UID 65532 run the binary
# task: The image builds, but the container stops at once with "permission denied": the
# task: binary belongs to root with mode 700, and the image runs as UID 65532. Fix the copy
# task: so the runtime user can read and execute it, without running as root.
# goal: no finding AL112
# goal: no finding AL104
# goal: no warnings of AL1xx
# goal: final command matches /usr/local/bin/worker
# hint: Mode 700 gives read, write and execute to the owner only; the owner here is root.
# hint: Others need read and execute: `--chmod=0555` (or `--chmod=755`).
# hint: Changing `USER 65532` to root would hide the error and open a worse one (AL104).

FROM cleanstart-golang:1.21-builder AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/worker ./cmd/worker

FROM cleanstart-golang:1.21-prod
COPY --from=builder --chmod=700 /out/worker /usr/local/bin/worker
USER 65532
ENTRYPOINT ["/usr/local/bin/worker"]
