import type { ChatBotServices } from "../../src/core/engine/chat-bot-services.ts";
import type { SecretStore } from "../../src/core/ports/secret-store.ts";
import type { SlackBotOptions } from "./create-bolt-app.ts";
import { SlackBot } from "./slack-bot.ts";

export type { SlackBotOptions } from "./create-bolt-app.ts";
export { SecretInstallationStore } from "./installation-store.ts";
export { INTERVIEW_COMMAND } from "./interview-command.ts";
export { BOT_SCOPES } from "./scopes.ts";
export { SlackBot, type SlackBotExtras } from "./slack-bot.ts";
export { slackFileOrigins, slackVoiceSource } from "./slack-voice-source.ts";

/**
 * The Slack transport for `serve`: register it with the message router, then `start()` it.
 * Throws ConfigError for options that cannot work (no token and no OAuth, HTTP without a
 * signing secret).
 */
export function createSlackBot(
  config: SlackBotOptions,
  services: ChatBotServices,
  extras: { secrets: SecretStore },
): SlackBot {
  return new SlackBot(config, services, extras);
}
