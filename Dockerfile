# SecondRound runs TypeScript directly on Node 24 (type stripping), so there is no build stage:
# the image installs production dependencies and copies the sources and prompts.
FROM node:24-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production
# The progress chart's labels are drawn with the system's fonts; the slim image has none.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY adapters ./adapters
# The question bank and rubric are read at start-up.
COPY prompts ./prompts
USER node
# Slack HTTP mode listens on PORT (3000 by default); Discord and Socket Mode need no inbound port.
# The health and metrics server (/healthz, /readyz, /metrics) listens on HEALTH_PORT.
EXPOSE 3000 9464
# Liveness from the health server; the slim image has no curl, so Node asks. `serve` and `worker`
# both run the server; with HEALTH_PORT=off (or 0) there is nothing to ask, so the check passes.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const port = process.env.HEALTH_PORT || '9464'; if (port === 'off' || port === '0') process.exit(0); fetch(`http://127.0.0.1:${port}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form, so SIGTERM reaches node and open connections close cleanly.
ENTRYPOINT ["node", "bin/secondround.ts"]
CMD ["serve"]
