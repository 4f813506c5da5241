import { discordVoiceSource } from "../../adapters/discord/index.ts";
import { SecretInstallationStore, slackFileOrigins, slackVoiceSource } from "../../adapters/slack/index.ts";
import type { Config } from "../config.ts";
import { VoiceSources } from "../core/engine/voice-sources.ts";
import type { Logger } from "../core/ports/ports.ts";
import type { RedisSessionStore } from "../store/redis-session-store.ts";
import { slackSecretStore } from "./slack-secret-store.ts";

/**
 * Where a worker fetches voice clips from. A Discord attachment URL is signed and needs no token;
 * a Slack file needs its workspace's bot token, so a worker transcribing Slack clips is given the
 * Slack settings too (the token, or the OAuth installs' encryption key). Without them a Slack clip
 * is unavailable there, and the candidate is told to record it again or type.
 */
export function workerVoiceSources(config: Config, store: RedisSessionStore, logger: Logger): VoiceSources {
  const sources = new VoiceSources();
  sources.register("discord", discordVoiceSource(config.discord?.apiUrl));
  const slack = config.slack;
  if (slack?.botToken || slack?.oauth) {
    const installations = slack.oauth
      ? new SecretInstallationStore(slackSecretStore(config, slack, store, logger), logger)
      : null;
    const botToken = slack.oauth ? undefined : slack.botToken;
    sources.register(
      "slack",
      slackVoiceSource({
        token: async (teamId) => botToken ?? (await installations?.botToken(teamId)) ?? null,
        fileOrigins: slackFileOrigins(slack.apiUrl),
      }),
    );
  } else {
    logger.info("this worker has no Slack settings: Slack voice clips are transcribed by workers that do");
  }
  return sources;
}
