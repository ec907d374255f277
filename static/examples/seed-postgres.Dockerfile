# PostgreSQL, after: compile and test in the gcc -builder image, install into /out, and
# ship the server and its client tools alone on the gcc -prod runtime (about 95 MB).
FROM cleanstart-gcc:14-builder AS builder
ARG PG_VERSION=16.4
WORKDIR /src
RUN curl -fsSLo pg.tar.bz2 https://ftp.postgresql.org/pub/source/v${PG_VERSION}/postgresql-${PG_VERSION}.tar.bz2 \
 && echo "<sha256>  pg.tar.bz2" | sha256sum -c - \
 && tar -xjf pg.tar.bz2 --strip-components=1
RUN ./configure --prefix=/usr/local/pgsql --with-openssl \
 && make -j8 \
 && make check \
 && make install DESTDIR=/out

FROM cleanstart-gcc:14-prod
COPY --from=builder --chmod=0555 /out/usr/local/pgsql/bin/ /usr/local/pgsql/bin/
COPY --from=builder /out/usr/local/pgsql/lib/ /usr/local/pgsql/lib/
COPY --from=builder /out/usr/local/pgsql/share/ /usr/local/pgsql/share/
USER 65532
EXPOSE 5432
CMD ["/usr/local/pgsql/bin/postgres", "-D", "/var/lib/postgresql/data"]
