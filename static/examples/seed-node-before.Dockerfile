# Node.js, before: one stage on the -builder image. TypeScript, the dev dependencies and
# the npm cache ship with the bundle, and any source edit re-runs `npm ci`.
FROM cleanstart-node:18-builder
WORKDIR /app
COPY . .
RUN npm ci
RUN npm run build
USER 65532
CMD ["node", "dist/server.js"]
