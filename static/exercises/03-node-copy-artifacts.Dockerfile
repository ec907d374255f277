# title: Copy artifacts, not the builder
# task: The build is multi-stage, but the prod stage copies the builder's whole /app: the
# task: source, the TypeScript compiler and every dev dependency ship anyway. Copy only what
# task: the server needs at run time.
# goal: no finding AL106
# goal: no warnings of AL1xx
# goal: stages >= 2
# goal: final command matches node dist/web.js
# hint: What does `node dist/web.js` need? The compiled `dist` and the production `node_modules`.
# hint: `npm prune --omit=dev` after the build drops the dev dependencies from node_modules.
# hint: Replace `COPY --from=builder /app /app` with one COPY for `/app/node_modules` and one for `/app/dist`.

FROM cleanstart-node:18-builder AS builder
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM cleanstart-node:18-prod
COPY --from=builder /app /app
WORKDIR /app
USER 65532
CMD ["node", "dist/web.js"]
