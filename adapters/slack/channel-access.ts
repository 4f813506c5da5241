import type { webApi } from "@slack/bolt";
import type { Logger } from "../../src/core/ports/ports.ts";
import { describeSlackError, slackErrorCode } from "./slack-errors.ts";

/**
 * How long the check may take: the form's trigger_id dies 3 seconds after the command, and opening
 * the form still has to fit in what is left.
 */
const CHECK_BUDGET_MS = 1_200;

/**
 * Whether the app can post in a conversation, asked before the start form opens so a student is
 * not made to fill it in for nothing. `conversations.info` answers `is_member` for channels; a
 * private channel the app is not in, or a DM between other people, is `channel_not_found` to the
 * app's token. "unknown" (no read scope on an older install, Slack slow or failing) opens the form
 * as before, and the start then says where it could not post.
 */
export async function canPostIn(
  client: webApi.WebClient,
  channelId: string,
  logger: Logger,
): Promise<boolean | "unknown"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"unknown">((resolve) => {
    timer = setTimeout(() => resolve("unknown"), CHECK_BUDGET_MS);
  });
  try {
    return await Promise.race([lookUp(client, channelId, logger), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function lookUp(
  client: webApi.WebClient,
  channelId: string,
  logger: Logger,
): Promise<boolean | "unknown"> {
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    if (!channel) return "unknown";
    if (channel.is_archived) return false;
    // The app's own DM needs no invitation; a channel says whether the app was invited.
    if (channel.is_im) return true;
    return channel.is_member !== false;
  } catch (error) {
    if (slackErrorCode(error) === "channel_not_found") return false;
    logger.debug("slack channel not checked", { channel: channelId, reason: describeSlackError(error) });
    return "unknown";
  }
}
