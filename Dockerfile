# The Binôme relay (docs/deploy.md, "Running it in a container"). Build from the repository root:
#   docker build -t binome-relay .
#   docker run -p 8787:8787 -v binome-data:/data -e ADMIN_SECRET=… binome-relay
# PGlite keeps its data in the /data volume; set DATABASE_URL to use PostgreSQL instead.

# ---- Dependencies: production only, without install scripts (they prepare the extension's build) ----
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# ---- Runtime: the relay's sources, the protocol it shares with the extension, nothing else ----
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY lib/protocol ./lib/protocol
COPY relay ./relay
# The node image's unprivileged user owns the data folder, and nothing else here.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 8787
# GET /health also queries the database, so an instance whose database is gone is marked unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# tests/unit/relay/container.test.ts runs exactly this command.
CMD ["node", "--import", "tsx", "relay/cli.ts"]
