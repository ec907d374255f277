FROM cleanstart-gcc:14-builder AS builder
WORKDIR /src
COPY . .
RUN ./configure --prefix=/usr && make -j8 && make test && make install DESTDIR=/out

FROM cleanstart-gcc:14-prod
COPY --from=builder /out/usr/bin/app /usr/bin/app
USER 65532
ENTRYPOINT ["/usr/bin/app"]
