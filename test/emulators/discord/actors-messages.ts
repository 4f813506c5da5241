// Users writing in channels and threads: MESSAGE_CREATE / MESSAGE_UPDATE / MESSAGE_DELETE as the bot would receive
// them. Reusing an existing message `id` re-delivers that MESSAGE_CREATE, as a gateway replay would.
import { actorChannel, actorUser } from "./actor-lookups.ts";
import { dispatchChannelUpdate } from "./channel-events.ts";
import type { EmulatorContext } from "./context.ts";
import type { JsonObject } from "./json.ts";
import { CHANNEL_MESSAGE_FLAGS, MessageFlag } from "./messages.ts";
import type { Attachment, RecordedMessage } from "./types.ts";

export type UserMessageInput = {
  userId: string;
  channelId: string;
  content: string;
  attachments?: Attachment[];
  /** An existing id re-delivers that message (a replay); a new snowflake is used as the new message's id. */
  id?: string;
  flags?: number;
  /** Makes the message a reply (type 19) to this message id in the same channel. */
  replyTo?: string;
};

export function sendUserMessage(ctx: EmulatorContext, input: UserMessageInput): RecordedMessage {
  const existing = input.id ? ctx.world.messages.get(input.id) : undefined;
  if (existing) {
    ctx.messages.dispatchCreate(existing);
    return existing;
  }
  const user = actorUser(ctx.world, input.userId);
  const channel = actorChannel(ctx.world, input.channelId);
  const thread = channel.thread;
  if (thread) {
    if (channel.type === 12 && !thread.members.has(user.id)) {
      throw new Error(`${user.username} is not a member of private thread ${channel.id}; add them first`);
    }
    if (thread.locked) throw new Error(`Thread ${channel.id} is locked; users cannot post in it`);
    // A user's client unarchives a thread by posting in it.
    if (thread.archived) {
      thread.archived = false;
      thread.archiveTimestamp = new Date().toISOString();
      dispatchChannelUpdate(ctx, channel);
    }
  }
  const { message } = ctx.messages.create({
    channel,
    author: user,
    body: {
      content: input.content,
      ...(input.flags !== undefined ? { flags: input.flags } : {}),
      ...(input.replyTo ? { message_reference: { message_id: input.replyTo, channel_id: channel.id } } : {}),
    },
    files: [],
    attachments: input.attachments ?? [],
    source: "user",
    allowedFlags: CHANNEL_MESSAGE_FLAGS,
    ...(input.id ? { id: input.id } : {}),
  });
  return message;
}

export type UserEditInput = { channelId: string; messageId: string; content: string; userId?: string };
export type LinkPreviewInput = {
  channelId: string;
  messageId: string;
  /** The embeds Discord's unfurler found; by default one `link` embed per URL in the content. */
  embeds?: JsonObject[];
};
export type UserDeleteInput = { channelId: string; messageId: string; userId?: string };

function existingMessage(ctx: EmulatorContext, channelId: string, messageId: string): RecordedMessage {
  const message = ctx.world.messages.get(messageId);
  if (!message || message.deleted || message.channelId !== channelId) {
    throw new Error(`No message ${messageId} in channel ${channelId}`);
  }
  return message;
}

/** Users can only edit their own messages; `userId`, when given, is checked against the author. */
export function editUserMessage(ctx: EmulatorContext, input: UserEditInput): RecordedMessage {
  const message = existingMessage(ctx, input.channelId, input.messageId);
  if (input.userId !== undefined && input.userId !== message.author.id) {
    throw new Error(`User ${input.userId} cannot edit message ${message.id} by ${message.author.id}`);
  }
  return ctx.messages.edit(message, { content: input.content }, []);
}

/** Deletion needs no author check: moderators may delete anyone's message. */
export function deleteUserMessage(ctx: EmulatorContext, input: UserDeleteInput): void {
  ctx.messages.remove(existingMessage(ctx, input.channelId, input.messageId));
}

/** Links Discord unfurls: http(s) URLs, except those wrapped in `<…>`, which the author asked not to preview. */
const UNFURLED_URL = /(?<!<)\bhttps?:\/\/[^\s<>]+/g;

/**
 * Discord's link preview of a message that is already posted: MESSAGE_UPDATE with the embeds added and the content
 * and `edited_timestamp` unchanged. Nothing is previewed on a message that suppresses embeds.
 */
export function addLinkPreview(ctx: EmulatorContext, input: LinkPreviewInput): RecordedMessage {
  const message = existingMessage(ctx, input.channelId, input.messageId);
  if (message.flags & MessageFlag.SuppressEmbeds) {
    throw new Error(`Message ${message.id} suppresses embeds; Discord does not preview its links`);
  }
  const embeds =
    input.embeds ??
    [...message.content.matchAll(UNFURLED_URL)].map(
      ([url]): JsonObject => ({ type: "link", url, title: new URL(url).hostname }),
    );
  if (embeds.length === 0) throw new Error(`Message ${message.id} has no link to preview`);
  return ctx.messages.addEmbeds(message, embeds);
}
