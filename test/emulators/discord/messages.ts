// Creating, editing and deleting messages, whoever the author: the bot over REST, an interaction response, or a
// user actor. One place applies the limits, nonce deduplication, attachment hosting and the gateway echo
// (MESSAGE_CREATE / MESSAGE_UPDATE / MESSAGE_DELETE), so every path behaves alike.
import type { CdnHost } from "./cdn.ts";
import { unknownMessage } from "./errors.ts";
import { redactForIntents } from "./gateway-intents.ts";
import type { GatewayServer } from "./gateway-server.ts";
import { asArray, clone, isObject, type JsonObject, optionalNumber } from "./json.ts";
import { checkMessageLimits, checkNotEmpty } from "./message-limits.ts";
import { fileIndex } from "./multipart.ts";
import { gatewayMessageObject, mentionedUsers } from "./payloads.ts";
import { snowflakeTime } from "./snowflake.ts";
import type { Attachment, DeduplicatedSend, MessageSource, RecordedFile, RecordedMessage } from "./types.ts";
import type { ChannelState, UserState, World } from "./world.ts";

/** "In the past few minutes" (message.mdx:1081): the window in which `enforce_nonce` deduplicates. */
export const NONCE_WINDOW_MS = 5 * 60_000;

export const MessageFlag = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsVoiceMessage: 1 << 13,
  IsComponentsV2: 1 << 15,
} as const;

/** Flags a bot may set when creating a channel message (others are ignored, as Discord does). */
export const CHANNEL_MESSAGE_FLAGS =
  MessageFlag.SuppressEmbeds |
  MessageFlag.SuppressNotifications |
  MessageFlag.IsVoiceMessage |
  MessageFlag.IsComponentsV2;

/** Interaction responses and follow-ups may also be ephemeral (receiving-and-responding.mdx:299-304). */
export const INTERACTION_MESSAGE_FLAGS = CHANNEL_MESSAGE_FLAGS | MessageFlag.Ephemeral;

export type CreateMessageInput = {
  channel: ChannelState;
  author: UserState;
  body: JsonObject;
  files: RecordedFile[];
  source: MessageSource;
  allowedFlags: number;
  /** Flags forced on regardless of the body (LOADING for a deferred reply). */
  extraFlags?: number;
  interactionId?: string | null;
  /** Discord message type; defaults to 0, or 19 when the body carries a message_reference. */
  type?: number;
  /** Pre-existing attachments (user actors pass hosted files). */
  attachments?: Attachment[];
  /** Skip limits and emptiness checks (a deferred reply's "thinking" placeholder is empty by design). */
  skipValidation?: boolean;
  /** A chosen snowflake (user actors); minted when absent. */
  id?: string;
};

export class MessageStore {
  readonly deduplicated: DeduplicatedSend[] = [];
  readonly #world: World;
  readonly #gateway: GatewayServer;
  readonly #cdn: CdnHost;
  readonly #nonceWindowMs: number;

  constructor(world: World, gateway: GatewayServer, cdn: CdnHost, nonceWindowMs = NONCE_WINDOW_MS) {
    this.#world = world;
    this.#gateway = gateway;
    this.#cdn = cdn;
    this.#nonceWindowMs = nonceWindowMs;
  }

  /** Returns the existing message instead of creating one when `enforce_nonce` matches a recent send. */
  create(input: CreateMessageInput): { message: RecordedMessage; deduplicated: boolean } {
    const { body, channel, author } = input;
    if (!input.skipValidation) checkMessageLimits(body);
    const nonce = typeof body.nonce === "string" || typeof body.nonce === "number" ? body.nonce : null;
    const enforceNonce = body.enforce_nonce === true;
    if (nonce !== null && enforceNonce) {
      const existing = this.#findByNonce(channel.id, author.id, nonce);
      if (existing) {
        this.deduplicated.push({ at: Date.now(), channelId: channel.id, nonce, messageId: existing.id });
        return { message: existing, deduplicated: true };
      }
    }
    const attachments = [...(input.attachments ?? []), ...this.#hostFiles(channel.id, body, input.files)];
    const content = typeof body.content === "string" ? body.content : "";
    const embeds = clone(asArray(body.embeds));
    const components = clone(asArray(body.components));
    if (!input.skipValidation) {
      checkNotEmpty({
        content,
        embeds,
        components,
        attachmentCount: attachments.length,
        hasStickersOrPoll: asArray(body.sticker_ids).length > 0 || isObject(body.poll),
      });
    }
    const reference = isObject(body.message_reference) ? clone(body.message_reference) : null;
    if (reference && typeof reference.message_id === "string" && reference.fail_if_not_exists !== false) {
      this.#world.message(
        typeof reference.channel_id === "string" ? reference.channel_id : channel.id,
        reference.message_id,
      );
    }
    const message: RecordedMessage = {
      id: input.id ?? this.#world.ids.next(),
      channelId: channel.id,
      guildId: channel.guildId,
      author: { id: author.id, username: author.username, bot: author.bot },
      content,
      embeds,
      components,
      attachments,
      flags: ((optionalNumber(body.flags) ?? 0) & input.allowedFlags) | (input.extraFlags ?? 0),
      nonce,
      enforceNonce,
      allowed_mentions: "allowed_mentions" in body ? clone(body.allowed_mentions) : null,
      tts: body.tts === true,
      type: input.type ?? (reference ? 19 : 0),
      source: input.source,
      interactionId: input.interactionId ?? null,
      messageReference: reference ? { ...reference, channel_id: reference.channel_id ?? channel.id } : null,
      createdAt: Date.now(),
      editedAt: null,
      deleted: false,
      deliveries: 0,
    };
    this.#world.messages.set(message.id, message);
    channel.lastMessageId = message.id;
    if (channel.thread) channel.messageCount += 1;
    this.dispatchCreate(message);
    return { message, deduplicated: false };
  }

  /**
   * Applies an edit body (PATCH semantics: present fields replace), re-checks the result, and echoes MESSAGE_UPDATE.
   * `attachments` in the body lists the existing attachments to keep; new files are added.
   */
  edit(message: RecordedMessage, body: JsonObject, files: RecordedFile[]): RecordedMessage {
    checkMessageLimits(body, message.flags);
    const content =
      typeof body.content === "string" ? body.content : body.content === null ? "" : message.content;
    const embeds = "embeds" in body ? clone(asArray(body.embeds)) : message.embeds;
    const components = "components" in body ? clone(asArray(body.components)) : message.components;
    let attachments = message.attachments;
    if ("attachments" in body) {
      const keep = new Set(asArray(body.attachments).map((a) => (isObject(a) ? String(a.id) : "")));
      attachments = attachments.filter((a) => keep.has(a.id));
    }
    attachments = [...attachments, ...this.#hostFiles(message.channelId, body, files)];
    checkNotEmpty({
      content,
      embeds,
      components,
      attachmentCount: attachments.length,
      hasStickersOrPoll: false,
    });
    // Edits may toggle only SUPPRESS_EMBEDS (and turn on IS_COMPONENTS_V2); an edit ends a deferred reply's LOADING.
    const requested = optionalNumber(body.flags);
    let flags = message.flags & ~MessageFlag.Loading;
    if (requested !== undefined) {
      flags = (flags & ~MessageFlag.SuppressEmbeds) | (requested & MessageFlag.SuppressEmbeds);
      flags |= requested & MessageFlag.IsComponentsV2;
    }
    Object.assign(message, {
      content,
      embeds,
      components,
      attachments,
      flags,
      editedAt: Date.now(),
      ...("allowed_mentions" in body ? { allowed_mentions: clone(body.allowed_mentions) } : {}),
    });
    this.dispatchUpdate(message);
    return message;
  }

  /**
   * Discord unfurls links after a message is sent and says so with MESSAGE_UPDATE: the embeds are added while the
   * content and `edited_timestamp` stay as they were, because the author changed nothing.
   */
  addEmbeds(message: RecordedMessage, embeds: readonly JsonObject[]): RecordedMessage {
    message.embeds = [...message.embeds, ...clone([...embeds])];
    this.dispatchUpdate(message);
    return message;
  }

  remove(message: RecordedMessage): void {
    if (message.deleted) throw unknownMessage();
    message.deleted = true;
    if (message.flags & MessageFlag.Ephemeral) return;
    this.#gateway.dispatch("MESSAGE_DELETE", () => ({
      id: message.id,
      channel_id: message.channelId,
      guild_id: message.guildId,
    }));
  }

  /** MESSAGE_CREATE to every session; ephemeral messages are never dispatched. */
  dispatchCreate(message: RecordedMessage): number {
    if (message.flags & MessageFlag.Ephemeral) return 0;
    message.deliveries += 1;
    return this.#gateway.dispatch("MESSAGE_CREATE", (intents) => this.#gatewayShape(message, intents));
  }

  dispatchUpdate(message: RecordedMessage): void {
    if (message.flags & MessageFlag.Ephemeral) return;
    this.#gateway.dispatch("MESSAGE_UPDATE", (intents) => this.#gatewayShape(message, intents));
  }

  #gatewayShape(message: RecordedMessage, intents: number): Record<string, unknown> {
    const world = this.#world;
    const mentionsBot = mentionedUsers(world, message.content).some((u) => u.id === world.botUserId);
    return redactForIntents(
      gatewayMessageObject(world, message),
      intents,
      world.botUserId,
      message.author.id,
      mentionsBot,
    );
  }

  #findByNonce(channelId: string, authorId: string, nonce: string | number): RecordedMessage | undefined {
    const since = Date.now() - this.#nonceWindowMs;
    for (const message of this.#world.messages.values()) {
      if (
        !message.deleted &&
        message.channelId === channelId &&
        message.author.id === authorId &&
        message.nonce !== null &&
        String(message.nonce) === String(nonce) &&
        snowflakeTime(message.id) >= since
      ) {
        return message;
      }
    }
    return undefined;
  }

  /** Files uploaded with a message become CDN-hosted attachments; payload_json `attachments[].id` = file index. */
  #hostFiles(channelId: string, body: JsonObject, files: RecordedFile[]): Attachment[] {
    const described = new Map<string, JsonObject>();
    for (const entry of asArray(body.attachments)) {
      if (isObject(entry) && entry.id !== undefined) described.set(String(entry.id), entry);
    }
    return files.map((file, position) => {
      const index = fileIndex(file.field) ?? position;
      const meta = described.get(String(index));
      const filename = typeof meta?.filename === "string" ? meta.filename : file.filename;
      return this.#cdn.host(file.bytes, filename, file.contentType, channelId);
    });
  }
}
