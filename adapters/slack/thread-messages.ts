import type { App, webApi } from "@slack/bolt";
import { z } from "zod";
import { NOTICES } from "../../src/core/interview/copy.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { SessionCorruptError, StoreUnavailableError } from "../../src/core/model/errors.ts";
import type { AttachmentInfo, InboundEvent } from "../../src/core/model/inbound-event.ts";
import { BoundedSet } from "../shared/bounded-set.ts";
import { DAMAGED_INTERVIEW_TEXT } from "../shared/damaged-interview.ts";
import type { SlackBotContext } from "./bot-context.ts";
import { parseSlackConversation, slackConversation, tsToMillis } from "./conversation-keys.ts";
import { notifyUser, ownNote } from "./notify-user.ts";
import { plainTextFromSlack } from "./slack-text.ts";

/**
 * Subtypes that are a person's own words in a thread: a plain reply, one with files, and a reply
 * also sent to the channel ("Also send to #channel"). Joins, bot posts, edits and the rest are not.
 */
const ANSWER_SUBTYPES = new Set([undefined, "file_share", "thread_broadcast"]);

const FileSchema = z.object({
  name: z.string().nullish(),
  title: z.string().nullish(),
  mimetype: z.string().nullish(),
  size: z.number().nullish(),
  url_private_download: z.string().nullish(),
  /** "slack_audio" for a clip recorded in Slack (whose mimetype may say video/…). */
  subtype: z.string().nullish(),
  duration_ms: z.number().nullish(),
});

/** A file as the engine sees it; a clip recorded in Slack is audio whatever its container says. */
function attachmentOf(file: z.infer<typeof FileSchema>): AttachmentInfo {
  const clip = file.subtype === "slack_audio";
  const contentType = clip
    ? (file.mimetype ?? "audio/webm").replace(/^video\//, "audio/")
    : (file.mimetype ?? null);
  return {
    name: file.name ?? file.title ?? "file",
    contentType,
    size: file.size ?? 0,
    ...(file.url_private_download ? { url: file.url_private_download } : {}),
    ...(typeof file.duration_ms === "number" ? { durationSecs: file.duration_ms / 1000 } : {}),
  };
}

const InnerMessageSchema = z.object({
  user: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  text: z.string().nullish(),
});

/** The fields read from a `message` event; the rest of Slack's (large, changing) shape is ignored. */
const MessageEventSchema = z.object({
  subtype: z.string().optional(),
  channel: z.string(),
  user: z.string().optional(),
  bot_id: z.string().nullish(),
  text: z.string().nullish(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  parent_user_id: z.string().optional(),
  files: z.array(FileSchema).optional(),
  message: InnerMessageSchema.optional(),
  previous_message: InnerMessageSchema.optional(),
});

export type ThreadInput =
  | { readonly kind: "message"; readonly event: InboundEvent }
  /** A thread message was edited or deleted: not applied (docs/slack.md), the author is told once. */
  | {
      readonly kind: "edit";
      readonly conversation: ConversationKey;
      readonly channelId: string;
      readonly threadTs: string;
      readonly userId: string;
      readonly messageTs: string;
    };

/**
 * A `message` event as interview input, or null when it cannot be part of an interview: top-level
 * channel messages, bot messages, system subtypes, replies in threads another user started.
 * Whether the author is the candidate is the engine's decision. `botUserId` is optional: without it
 * the thread is checked against stored interviews only.
 */
export function classifyMessageEvent(raw: unknown, teamId: string, botUserId?: string): ThreadInput | null {
  const parsed = MessageEventSchema.safeParse(raw);
  if (!parsed.success) return null;
  const event = parsed.data;
  if (event.subtype === "message_changed" || event.subtype === "message_deleted") {
    return editOf(event, teamId);
  }
  if (!ANSWER_SUBTYPES.has(event.subtype) || event.bot_id || !event.user) return null;
  if (!event.thread_ts || event.thread_ts === event.ts) return null;
  // Our interview threads hang under the bot's own parent message.
  if (botUserId && event.parent_user_id && event.parent_user_id !== botUserId) return null;
  const attachments: AttachmentInfo[] = (event.files ?? []).map(attachmentOf);
  return {
    kind: "message",
    event: {
      type: "message",
      // Channel + ts names one message for good: a retried delivery (same event_id) and a
      // re-sent event about the same message claim the same id.
      eventId: `${event.channel}:${event.ts}`,
      conversation: slackConversation({ teamId, channelId: event.channel, threadTs: event.thread_ts }),
      author: { id: event.user, name: event.user },
      receivedAt: tsToMillis(event.ts),
      text: plainTextFromSlack(event.text ?? ""),
      ...(attachments.length > 0 ? { attachments } : {}),
    },
  };
}

function editOf(event: z.infer<typeof MessageEventSchema>, teamId: string): ThreadInput | null {
  const edited = event.subtype === "message_changed" ? event.message : event.previous_message;
  if (!edited?.user || !edited.thread_ts || edited.thread_ts === edited.ts) return null;
  // Slack also sends message_changed for unfurls and reply counts; only changed words matter.
  if (event.subtype === "message_changed" && event.previous_message?.text === edited.text) return null;
  return {
    kind: "edit",
    conversation: slackConversation({ teamId, channelId: event.channel, threadTs: edited.thread_ts }),
    channelId: event.channel,
    threadTs: edited.thread_ts,
    userId: edited.user,
    messageTs: edited.ts,
  };
}

async function handleInput(
  input: ThreadInput,
  bot: SlackBotContext,
  noted: BoundedSet,
  client: webApi.WebClient,
): Promise<void> {
  const { engine } = bot.services;
  const conversation = input.kind === "message" ? input.event.conversation : input.conversation;
  // Only threads holding an interview; anything else costs one read and no write.
  const session = await engine.current(conversation);
  if (!session) return;
  if (input.kind === "message") {
    await engine.handle(input.event);
    return;
  }
  const isCandidate = session.candidate.id === input.userId && session.phase !== "finished";
  if (!isCandidate || !noted.add(`${input.channelId}:${input.messageTs}`)) return;
  const target = { channelId: input.channelId, userId: input.userId, threadTs: input.threadTs };
  await notifyUser(client, target, ownNote(NOTICES.editsNotApplied), bot.logger);
}

/** Edited messages already told about, so repeated edits (and redeliveries) say it once. */
const REMEMBERED_EDITS = 5_000;

/**
 * An interview whose stored state cannot be read cannot go on: the author is told once in the thread,
 * privately (the desk no longer counts it as running, so /interview start works again), and it is
 * logged once.
 */
export async function tellDamaged(
  error: SessionCorruptError,
  target: { readonly channelId: string; readonly userId: string; readonly threadTs?: string },
  damaged: BoundedSet,
  client: webApi.WebClient,
  bot: SlackBotContext,
): Promise<void> {
  if (!damaged.add(error.conversation)) return;
  bot.logger.error("slack interview unreadable", { conversation: error.conversation, error: error.message });
  await notifyUser(client, target, ownNote(DAMAGED_INTERVIEW_TEXT), bot.logger);
}

/** Interviews found unreadable, each told about once. */
export const REMEMBERED_DAMAGED = 5_000;

export function registerThreadMessages(app: App, bot: SlackBotContext): void {
  const noted = new BoundedSet(REMEMBERED_EDITS);
  const damaged = new BoundedSet(REMEMBERED_DAMAGED);
  app.event("message", ({ event, context, client }) =>
    bot.track(async () => {
      const teamId = context.teamId;
      if (!teamId) return;
      const input = classifyMessageEvent(event, teamId, context.botUserId);
      if (!input) return;
      try {
        await handleInput(input, bot, noted, client);
      } catch (error) {
        if (error instanceof SessionCorruptError) {
          const thread = parseSlackConversation(error.conversation);
          const userId = input.kind === "message" ? input.event.author.id : input.userId;
          if (thread) await tellDamaged(error, { ...thread, userId }, damaged, client, bot);
          return;
        }
        if (!(error instanceof StoreUnavailableError) || input.kind !== "message") throw error;
        // Slack has had its acknowledgement and will not redeliver: the author must know.
        const thread = parseSlackConversation(input.event.conversation);
        if (thread) {
          const target = {
            channelId: thread.channelId,
            userId: input.event.author.id,
            threadTs: thread.threadTs,
          };
          await notifyUser(client, target, ownNote(NOTICES.notSaved), bot.logger);
        }
        throw error;
      }
    }),
  );
}
