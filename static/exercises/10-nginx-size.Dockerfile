# title: Take NGINX from gigabytes to megabytes
# task: NGINX is configured, compiled and shipped in one stage on the gcc -builder image:
# task: the estimate is about 2.5 GB for a server of a few megabytes. Make it a builder ->
# task: prod build that ships under 300 MB, at least 80% smaller than the single stage.
# goal: stages >= 2
# goal: size < 300 MB
# goal: reduction >= 80%
# goal: no warnings of AL1xx
# goal: final command matches /usr/sbin/nginx * -e stderr
# hint: `make install DESTDIR=/out` installs into /out, so the files to copy are easy to name.
# hint: The second stage is `FROM cleanstart-gcc:14-prod`; copy the nginx binary and its configuration from /out.
# hint: Keep `USER 65532`, `EXPOSE 8080` and the ENTRYPOINT in the final stage.

FROM cleanstart-gcc:14-builder
ARG NGINX_VERSION=1.27.3
WORKDIR /src
RUN curl -fsSLo nginx.tar.gz https://nginx.org/download/nginx-${NGINX_VERSION}.tar.gz \
 && echo "<sha256>  nginx.tar.gz" | sha256sum -c - \
 && tar -xzf nginx.tar.gz --strip-components=1
RUN ./configure --prefix=/usr --with-http_ssl_module \
 && make -j8 \
 && make install
USER 65532
EXPOSE 8080
ENTRYPOINT ["/usr/sbin/nginx", "-g", "daemon off;", "-e", "stderr"]
