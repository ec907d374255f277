FROM cleanstart-gcc:14-builder AS builder
ARG NGINX_VERSION=1.27.3
WORKDIR /src
RUN curl -fsSLo nginx.tar.gz https://nginx.org/download/nginx-${NGINX_VERSION}.tar.gz \
 && echo "<sha256>  nginx.tar.gz" | sha256sum -c - \
 && tar -xzf nginx.tar.gz --strip-components=1
RUN ./configure --prefix=/usr --with-http_ssl_module \
 && make -j8 \
 && make install DESTDIR=/out

FROM cleanstart-gcc:14-prod
COPY --from=builder /out/usr/sbin/nginx /usr/sbin/nginx
COPY --from=builder /out/usr/conf/ /etc/nginx/
USER 65532
EXPOSE 8080
ENTRYPOINT ["/usr/sbin/nginx", "-g", "daemon off;", "-e", "stderr"]
