# title: Keep the registry token out of the layers
# task: `npm ci` needs a token for the private registry, so the `.npmrc` holding it is copied
# task: in and deleted afterwards. Deleting does not help: the COPY layer keeps the file. Give
# task: the token to the one RUN that needs it with a BuildKit secret mount.
# goal: no finding AL108
# goal: no finding AL109
# goal: no warnings of AL1xx
# goal: final command matches node dist/registry-proxy.js
# hint: A file copied into a layer stays in that layer, whatever a later RUN deletes.
# hint: `RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci` mounts the file for that RUN only.
# hint: Build it with `docker build --secret id=npmrc,src=$HOME/.npmrc .`; an ARG or ENV would leak the token into the image history instead.

FROM cleanstart-node:18-builder AS builder
WORKDIR /app
COPY .npmrc package.json package-lock.json ./
RUN npm ci && rm -f .npmrc
COPY . .
RUN npm run build && npm prune --omit=dev

FROM cleanstart-node:18-prod
WORKDIR /app
COPY --from=builder /app/node_modules ./node_modules
COPY --from=builder /app/dist ./dist
USER 65532
CMD ["node", "dist/registry-proxy.js"]
