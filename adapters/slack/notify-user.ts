import type { webApi } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import type { Logger } from "../../src/core/ports/ports.ts";
import { renderSlackMessage } from "./render/index.ts";
import { describeSlackError, slackErrorCode } from "./slack-errors.ts";

/** What a note says: `text` (mrkdwn we wrote) and, for text with user or document content, safe blocks. */
export interface Note {
  readonly text: string;
  readonly blocks?: KnownBlock[];
}

/** Our own wording, with markup we chose (`<#C…>` links, `code`). */
export function ownNote(mrkdwn: string): Note {
  return { text: mrkdwn };
}

/**
 * Text that carries something a user or a document wrote (a CV summary, a file name, a role): escaped
 * and put in verbatim sections, so it can neither mention anyone nor become a link.
 */
export function plainNote(text: string): Note {
  const [payload] = renderSlackMessage({
    idempotencyKey: "note",
    conversation: "slack:note",
    visibility: { kind: "conversation" },
    replies: [{ kind: "text", tone: "notice", text }],
    actions: [],
  });
  return payload ? { text: payload.text, blocks: payload.blocks } : { text: "" };
}

/** Where the bot cannot reach a user in a channel: it is not a member, or the channel is gone. */
const UNREACHABLE_IN_CHANNEL = new Set([
  "not_in_channel",
  "channel_not_found",
  "user_not_in_channel",
  "is_archived",
]);

/**
 * Tells one person something privately: an ephemeral message in the channel (in the thread when
 * given), or, where the bot cannot post in that channel, a message in their DM with the app.
 * Best effort: a failure is logged, never thrown, because the user's action itself is done.
 */
export async function notifyUser(
  client: webApi.WebClient,
  target: { readonly channelId: string; readonly userId: string; readonly threadTs?: string },
  note: Note,
  logger: Logger,
): Promise<void> {
  try {
    await client.chat.postEphemeral({
      channel: target.channelId,
      user: target.userId,
      text: note.text,
      ...(note.blocks ? { blocks: note.blocks } : {}),
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
    });
    return;
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === null || !UNREACHABLE_IN_CHANNEL.has(code)) {
      logger.warn("slack notice not delivered", {
        channel: target.channelId,
        reason: describeSlackError(error),
      });
      return;
    }
  }
  try {
    // A user id as the channel posts in the user's DM with the app (chat:write is enough).
    await client.chat.postMessage({
      channel: target.userId,
      text: note.text,
      ...(note.blocks ? { blocks: note.blocks } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
  } catch (error) {
    logger.warn("slack notice not delivered", { channel: target.userId, reason: describeSlackError(error) });
  }
}
