# title: Link statically for an empty image
# task: The C program ships alone on `scratch`, which has no libc and no dynamic loader, yet
# task: it is linked against the builder's shared libc: it would fail with "no such file or
# task: directory". Build it so it runs without shared libraries.
# goal: no finding AL111
# goal: final base is scratch
# goal: no warnings of AL1xx
# goal: final command matches /app
# hint: A dynamically linked program needs `/lib/ld-linux-*.so` and libc at run time.
# hint: Pass `-static` to gcc so the C library is linked into the binary itself.

FROM cleanstart-gcc:14-builder AS builder
WORKDIR /src
COPY Makefile ./
COPY src/ ./src/
RUN gcc -O2 -o /out/app src/main.c && make test

FROM scratch
COPY --from=builder /out/app /app
USER 65532
ENTRYPOINT ["/app"]
