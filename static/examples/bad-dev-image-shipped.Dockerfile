# BAD: a -dev image shipped. The -dev variant has a shell, debug tools and the source;
# it is meant for debugging containers, not for the image that goes to production.
FROM cleanstart-gcc:14-builder AS builder
WORKDIR /src
COPY . .
RUN ./configure --prefix=/usr && make -j8 && make test && make install DESTDIR=/out

FROM cleanstart-gcc:14-dev
COPY --from=builder /out/usr/bin/app /usr/bin/app
USER 65532
ENTRYPOINT ["/usr/bin/app"]
