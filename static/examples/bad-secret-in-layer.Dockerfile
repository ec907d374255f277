# BAD: a secret baked into a layer. The registry token is copied in and deleted later,
# but the COPY layer keeps it for anyone who pulls the builder's cache or the image.
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
CMD ["node", "dist/server.js"]
