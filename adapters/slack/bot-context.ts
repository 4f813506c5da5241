import type { ChatBotServices } from "../../src/core/engine/chat-bot-services.ts";
import type { Logger } from "../../src/core/ports/ports.ts";
import type { SlackAdminCheck } from "./admin-check.ts";

/** What every Slack listener needs, built once by SlackBot. */
export interface SlackBotContext {
  readonly services: ChatBotServices;
  readonly logger: Logger;
  /** Origins where a CV may be downloaded with the bot token (Slack's file host, or the configured API's). */
  readonly fileOrigins: readonly string[];
  /** Who may change the workspace's settings (`/interview admin`, a settings file in the DM). */
  readonly admins: SlackAdminCheck;
  /** Runs a listener's work so that `stop()` and `idle()` can wait for it. */
  readonly track: (work: () => Promise<void>) => Promise<void>;
}
