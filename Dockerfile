# SecondRound runs TypeScript directly on Node 24 (type stripping), so there is no build stage:
# the image installs production dependencies and copies the sources and prompts.
FROM node:24-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production
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
EXPOSE 3000
# Exec form, so SIGTERM reaches node and open connections close cleanly.
ENTRYPOINT ["node", "bin/secondround.ts"]
CMD ["serve"]
