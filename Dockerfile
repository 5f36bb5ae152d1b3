# Factdesk in a container: built with the dev dependencies, run with the production ones only.
# The digest store lives in the volume /var/lib/factdesk; health and metrics answer on port 8080.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY commands ./commands
RUN npm run build

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    DIGEST_DB=/var/lib/factdesk/factdesk.db \
    HEALTH_HOST=0.0.0.0 \
    HEALTH_PORT=8080 \
    FACTDESK_WATCH=false
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY scripts/run.mjs scripts/build.mjs ./scripts/
COPY data ./data
RUN mkdir -p /var/lib/factdesk && chown node:node /var/lib/factdesk
USER node
VOLUME ["/var/lib/factdesk"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:8080/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "scripts/run.mjs", "start"]
