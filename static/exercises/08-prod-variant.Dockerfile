# title: Ship the -prod variant, not -dev
# task: The final stage is built on the -dev variant, which carries a shell, debug tools and
# task: headers meant for debugging containers. Ship on the minimal variant instead; keep the
# task: -builder image for the first stage.
# goal: final base is runtime
# goal: no finding AL101
# goal: no warnings of AL1xx
# goal: final image matches cleanstart-gcc:*-prod
# goal: final command matches /usr/bin/app
# hint: CleanStart images come as -builder (first stage), -prod (final stage) and -dev (debugging only).
# hint: Change the second FROM to `cleanstart-gcc:14-prod`.

FROM cleanstart-gcc:14-builder AS builder
WORKDIR /src
COPY . .
RUN ./configure --prefix=/usr && make -j8 && make test && make install DESTDIR=/out

FROM cleanstart-gcc:14-dev
COPY --from=builder /out/usr/bin/app /usr/bin/app
USER 65532
ENTRYPOINT ["/usr/bin/app"]
