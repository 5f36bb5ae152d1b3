# Factdesk in a container: built with the dev dependencies, run with the production ones only.
# The digest store lives in the volume /var/lib/factdesk; health and metrics answer on HEALTH_PORT.
#
# The base image is pinned by digest (node 24.18.0 on Debian bookworm, slim), so a rebuild gets the
# same system. To move to a newer one, put the "Digest:" of
#   docker buildx imagetools inspect node:24-bookworm-slim
# here, or build with --build-arg NODE_IMAGE=node:24-bookworm-slim@sha256:<digest>.
ARG NODE_IMAGE=node:24-bookworm-slim@sha256:6f7b03f7c2c8e2e784dcf9295400527b9b1270fd37b7e9a7285cf83b6951452d

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# .npmrc sets ignore-scripts: better-sqlite3 loads the binary inside its package and esbuild its
# platform package, so the install needs no python3, make or compiler (the slim image has none).
# .ci/run replays this Dockerfile's COPY and npm steps with python3 and make off PATH.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY commands ./commands
RUN npm run build

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    DIGEST_DB=/var/lib/factdesk/factdesk.db \
    HEALTH_HOST=0.0.0.0 \
    HEALTH_PORT=8080 \
    FACTDESK_WATCH=false
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY scripts/run.mjs scripts/build.mjs scripts/node-check.mjs scripts/healthcheck.mjs ./scripts/
COPY data ./data
RUN mkdir -p /var/lib/factdesk && chown node:node /var/lib/factdesk
USER node
VOLUME ["/var/lib/factdesk"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "scripts/healthcheck.mjs"]
CMD ["node", "scripts/run.mjs", "start"]
