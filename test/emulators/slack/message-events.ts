// `message` events as they appear inside an event_callback envelope (@slack/types 3.2 events/message.d.ts). Bolt's
// `app.message()` receives every subtype, edits and deletions included, so a bot must filter them itself; its
// `ignoreSelf` drops only events whose `user` is the bot user and `bot_message`s carrying the bot's own `bot_id`.
import { randomUUID } from "node:crypto";
import { nextMessageTs, slackDefaults } from "./ids.ts";
import type { SlackFile } from "./types.ts";

export type ChannelType = "channel" | "group" | "im" | "mpim";

export type MessageEventOptions = {
  channel?: string;
  channelType?: ChannelType;
  user?: string;
  text?: string;
  /** Default: a fresh increasing ts. Pass the ts of a message stored with `emulator.addUserMessage()`. */
  ts?: string;
  /** Makes it a thread reply (`message.channels` with `thread_ts` = the root's ts). */
  threadTs?: string;
  /** For replies: the author of the thread root. */
  parentUserId?: string;
  team?: string;
};

/** A user's plain message, top-level or (with `threadTs`) a thread reply. */
export function messageEvent(options: MessageEventOptions = {}): Record<string, unknown> {
  const ts = options.ts ?? nextMessageTs();
  return {
    type: "message",
    channel: options.channel ?? slackDefaults.channelId,
    user: options.user ?? slackDefaults.userId,
    text: options.text ?? "",
    ts,
    thread_ts: options.threadTs,
    parent_user_id: options.threadTs ? (options.parentUserId ?? slackDefaults.botUserId) : undefined,
    client_msg_id: randomUUID(),
    team: options.team ?? slackDefaults.teamId,
    event_ts: ts,
    channel_type: options.channelType ?? "channel",
  };
}

/** A message with uploads: `subtype: "file_share"`; use `emulator.hostFile()` so `url_private` is downloadable. */
export function fileShareMessageEvent(
  options: MessageEventOptions & { files: SlackFile[] },
): Record<string, unknown> {
  return {
    ...messageEvent(options),
    subtype: "file_share",
    files: options.files,
    upload: false,
    display_as_bot: false,
  };
}

export type MessageChangedOptions = {
  channel?: string;
  channelType?: ChannelType;
  user?: string;
  /** The ts of the edited message (it keeps its ts; the event gets a new one). */
  ts: string;
  threadTs?: string;
  previousText: string;
  text: string;
};

/** An edit: `hidden: true`, no top-level `user` or `text`; the new message is in `message`. */
export function messageChangedEvent(options: MessageChangedOptions): Record<string, unknown> {
  const eventTs = nextMessageTs();
  const user = options.user ?? slackDefaults.userId;
  return {
    type: "message",
    subtype: "message_changed",
    hidden: true,
    channel: options.channel ?? slackDefaults.channelId,
    channel_type: options.channelType ?? "channel",
    ts: eventTs,
    event_ts: eventTs,
    message: {
      type: "message",
      user,
      text: options.text,
      ts: options.ts,
      thread_ts: options.threadTs,
      edited: { user, ts: eventTs },
    },
    previous_message: {
      type: "message",
      user,
      text: options.previousText,
      ts: options.ts,
      thread_ts: options.threadTs,
    },
  };
}

export type MessageDeletedOptions = {
  channel?: string;
  channelType?: ChannelType;
  user?: string;
  /** The ts of the deleted message. */
  ts: string;
  threadTs?: string;
  previousText?: string;
};

/** A deletion: `hidden: true`, `deleted_ts` names the message, `previous_message` holds what it said. */
export function messageDeletedEvent(options: MessageDeletedOptions): Record<string, unknown> {
  const eventTs = nextMessageTs();
  return {
    type: "message",
    subtype: "message_deleted",
    hidden: true,
    channel: options.channel ?? slackDefaults.channelId,
    channel_type: options.channelType ?? "channel",
    ts: eventTs,
    deleted_ts: options.ts,
    event_ts: eventTs,
    previous_message: {
      type: "message",
      user: options.user ?? slackDefaults.userId,
      text: options.previousText ?? "",
      ts: options.ts,
      thread_ts: options.threadTs,
    },
  };
}

export type BotMessageOptions = {
  channel?: string;
  channelType?: ChannelType;
  /** Another integration's bot id; the app's own id makes Bolt's ignoreSelf drop the event. */
  botId?: string;
  username?: string;
  text?: string;
  ts?: string;
  threadTs?: string;
};

/** A message from a bot or integration (`subtype: "bot_message"`, `bot_id`, no `user`). */
export function botMessageEvent(options: BotMessageOptions = {}): Record<string, unknown> {
  const ts = options.ts ?? nextMessageTs();
  return {
    type: "message",
    subtype: "bot_message",
    bot_id: options.botId ?? "B0OTHERBOT",
    username: options.username ?? "other-bot",
    text: options.text ?? "",
    ts,
    thread_ts: options.threadTs,
    channel: options.channel ?? slackDefaults.channelId,
    channel_type: options.channelType ?? "channel",
    event_ts: ts,
  };
}
