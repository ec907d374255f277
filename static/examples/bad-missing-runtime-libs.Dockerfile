# BAD: missing runtime libraries. The program is linked against the builder's shared
# libc, and the empty final image has no libc and no loader: it cannot start.
FROM cleanstart-gcc:14-builder AS builder
WORKDIR /src
COPY Makefile ./
COPY src/ ./src/
RUN gcc -O2 -o /out/app src/main.c && make test

FROM scratch
COPY --from=builder /out/app /app
USER 65532
ENTRYPOINT ["/app"]
