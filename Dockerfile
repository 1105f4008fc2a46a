# syntax=docker/dockerfile:1
# Meepraat: build stage compiles the PWA and the server; the runtime stage holds only the
# compiled output and the production dependencies, runs as a numeric non-root user and writes
# nowhere but DATA_DIR (a volume) and /tmp, so it runs with a read-only root file system.
# Not built on the development machines (no container runtime there); tests/unit/deploy checks
# what can be checked without one.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data \
    STATIC_DIR=/app/dist/client
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# dist/client (the PWA) and dist/server (the compiled server, its migrations beside it).
COPY --from=build /app/dist ./dist
# 10001: no name inside the image needed; numeric so Kubernetes can verify runAsNonRoot.
RUN mkdir -p /data && chown 10001:10001 /data
USER 10001:10001
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/server/main.js"]
