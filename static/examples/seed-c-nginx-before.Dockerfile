# C/NGINX, before: configure and compile in one stage on the gcc -builder image.
# gcc, make, autotools and the unpacked source ship with the server (about 1.8 GB).
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
ENTRYPOINT ["/usr/sbin/nginx", "-g", "daemon off;"]
