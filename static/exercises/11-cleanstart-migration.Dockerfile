# title: Move a Node build to CleanStart
# task: This Node service (dist/catalog.js) already has a builder and a final stage, but both start from public
# task: images: node:22 to build and node:22-slim to ship. Move it to CleanStart: the builder
# task: onto the Node -builder image, the final stage onto the Node -prod image, and keep every
# task: COPY --from as it is. The Size pane's "With CleanStart" figure shows what the move saves.
# goal: stages >= 2
# goal: final image matches cleanstart*node*
# goal: final base is runtime
# goal: final command matches node dist/catalog.js
# goal: size < 250 MB
# goal: no warnings of AL1xx
# hint: Turn on AL301 in the settings: its findings name the CleanStart image for each stage's role, with the size change.
# hint: The final stage runs nothing (no RUN, an exec-form CMD), so it can move to a shell-less -prod image as it is.
# hint: AL301 offers the vendor's `:latest` names, which AL114 asks you to pin; the seed guide's pinned spellings are `cleanstart-node:18-builder` and `cleanstart-node:18-prod`.

FROM node:22 AS builder
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:22-slim
WORKDIR /app
COPY --from=builder /app/node_modules ./node_modules
COPY --from=builder /app/dist ./dist
USER 65532
CMD ["node", "dist/catalog.js"]
