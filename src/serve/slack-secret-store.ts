import { randomBytes } from "node:crypto";
import type { Config, SlackConfig } from "../config.ts";
import type { Logger } from "../core/ports/ports.ts";
import { RedisSecretStore } from "../store/redis-secret-store.ts";
import type { RedisSessionStore } from "../store/redis-session-store.ts";

/**
 * Where Slack workspace tokens are kept, for the bots and for workers fetching Slack files. OAuth
 * installs are encrypted with the configured key; a single-workspace install stores no token, so
 * a throwaway key serves.
 */
export function slackSecretStore(
  config: Config,
  slack: SlackConfig,
  store: RedisSessionStore,
  logger: Logger,
): RedisSecretStore {
  return new RedisSecretStore({
    client: store.client,
    keyPrefix: config.keyPrefix,
    encryptionKey: slack.oauth?.encryptionKey ?? randomBytes(32).toString("base64"),
    logger,
  });
}
