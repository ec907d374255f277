# PostgreSQL, before: a single Debian stage that installs the compiler and the -dev
# headers, builds the server from source and keeps all of it (about 450 MB).
FROM debian:bookworm
ARG PG_VERSION=16.4
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential ca-certificates curl libreadline-dev zlib1g-dev libssl-dev libicu-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
RUN curl -fsSLo pg.tar.bz2 https://ftp.postgresql.org/pub/source/v${PG_VERSION}/postgresql-${PG_VERSION}.tar.bz2 \
 && echo "<sha256>  pg.tar.bz2" | sha256sum -c - \
 && tar -xjf pg.tar.bz2 --strip-components=1 \
 && ./configure --prefix=/usr/local/pgsql --with-openssl \
 && make -j8 \
 && make install
USER postgres
EXPOSE 5432
CMD ["/usr/local/pgsql/bin/postgres", "-D", "/var/lib/postgresql/data"]
