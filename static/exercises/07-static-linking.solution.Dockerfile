FROM cleanstart-gcc:14-builder AS builder
WORKDIR /src
COPY Makefile ./
COPY src/ ./src/
RUN gcc -O2 -static -o /out/app src/main.c && make test

FROM scratch
COPY --from=builder /out/app /app
USER 65532
ENTRYPOINT ["/app"]
