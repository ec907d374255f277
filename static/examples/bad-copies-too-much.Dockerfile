# BAD: copying too much. The final stage takes the builder's whole working directory,
# so the source, the dev dependencies and the npm cache ship after all.
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
CMD ["node", "dist/server.js"]
