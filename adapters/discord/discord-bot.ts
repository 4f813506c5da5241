import {
  type AnyThreadChannel,
  type ButtonInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  MessageFlags,
  type PartialMessage,
  Partials,
  Status,
} from "discord.js";
import type { ChatBotServices } from "../../src/core/engine/chat-bot-services.ts";
import { NOTICES } from "../../src/core/interview/copy.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { errorSummary } from "../../src/core/model/error-summary.ts";
import { SessionCorruptError, StoreUnavailableError } from "../../src/core/model/errors.ts";
import type { OutboundMessage } from "../../src/core/model/reply.ts";
import type { ChatBot } from "../../src/core/ports/chat-bot.ts";
import type { DeliveryOptions } from "../../src/core/ports/ports.ts";
import { BoundedSet } from "../shared/bounded-set.ts";
import { DAMAGED_INTERVIEW_TEXT } from "../shared/damaged-interview.ts";
import { handleAdminCommand, isAdminCommand } from "./admin-command.ts";
import { discordConversation, parseDiscordConversation } from "./conversation-keys.ts";
import { isAlreadyAcknowledged } from "./discord-errors.ts";
import { discordVoiceSource } from "./discord-voice-source.ts";
import { handleInterviewCommand } from "./handle-command.ts";
import { PendingInteractions } from "./pending-interactions.ts";
import { DiscordPoster } from "./post-outbound.ts";
import { isPrivacyButton, onPrivacyButton } from "./privacy-reply.ts";
import { meteredDiscordRequests, reportDiscordRateLimitWaits } from "./rest-metrics.ts";
import { onRoundOneModal, ROUND_ONE_MODAL_ID } from "./round-one-log-modal.ts";
import { DEFAULT_REMOVAL_GRACE_MS, eraseServersThatRemoveTheBot } from "./server-removal.ts";
import { isStoryModal, onStoryButton, onStoryRenameModal, STORY_ID_PREFIX } from "./story-bank-reply.ts";
import { buttonEvent, isInterviewThreadMessage, threadMessageEvent } from "./thread-events.ts";
import type { ThreadType } from "./thread-opener.ts";

export interface DiscordBotOptions {
  readonly token: string;
  readonly threadType: ThreadType;
  /** Another API base (proxy, local emulator); discord.com when unset. */
  readonly apiUrl?: string;
  /**
   * "auto" (the default): as many gateway shards as Discord recommends, all in this process (one
   * shard serves up to 2,500 servers). Or the shards this process runs out of `count`, so several
   * processes split a large bot.
   */
  readonly shards?: DiscordShards;
  /** How long a server that removed the bot keeps its data (7 days by default). */
  readonly removalGraceMs?: number;
  /** Members with one of these roles may use `/interview admin`, besides Manage Server holders. */
  readonly adminRoleIds?: readonly string[];
}

export type DiscordShards = "auto" | { readonly ids: readonly number[]; readonly count: number };

/** Discord's page size; an interview thread rarely gets more while the bot is down. */
const CATCH_UP_MESSAGES = 100;

/** Edited message ids remembered (one note each); older ones may get a second note, which is harmless. */
const MAX_EDITS_NOTED = 10_000;

/**
 * Interaction ids this process has handled. A gateway RESUME replays recent dispatches, interactions
 * included; the replay is recognised here before anything is sent to Discord (acknowledging it again
 * would only get 40060 "already acknowledged"). Replays come within seconds, so recent ids suffice.
 */
const MAX_INTERACTIONS_REMEMBERED = 10_000;

/**
 * SecondRound on Discord: `/interview` commands, answers typed in the candidate's interview
 * thread, buttons under each question. State lives only in Redis (through the engine), so a
 * restarted bot carries on every open interview in its thread.
 */
export class DiscordBot implements ChatBot {
  readonly platform = "discord" as const;
  readonly #options: DiscordBotOptions;
  readonly #services: ChatBotServices;
  readonly #client: Client;
  readonly #pending = new PendingInteractions();
  readonly #poster: DiscordPoster;
  readonly #editsNoted = new BoundedSet(MAX_EDITS_NOTED);
  readonly #interactionsHandled = new BoundedSet(MAX_INTERACTIONS_REMEMBERED);
  /** Interviews whose stored state was found unreadable: told and logged once each. */
  readonly #damagedNoted = new BoundedSet(MAX_EDITS_NOTED);

  constructor(options: DiscordBotOptions, services: ChatBotServices) {
    this.#options = options;
    this.#services = services;
    this.#client = new Client({
      // Message Content is privileged: without it, answers typed in threads arrive empty.
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
      // Threads not yet cached after a restart still deliver their messages.
      partials: [Partials.Channel],
      // A safety net under the renderer's own setting: nothing the bot posts can ping anyone.
      allowedMentions: { parse: [] },
      rest: {
        ...(options.apiUrl ? { api: options.apiUrl } : {}),
        makeRequest: meteredDiscordRequests(services.metrics),
      },
      ...shardOptions(options.shards ?? "auto"),
    });
    this.#poster = new DiscordPoster(this.#client, this.#pending, services.logger);
    services.voiceSources?.register("discord", discordVoiceSource(options.apiUrl));
    reportDiscordRateLimitWaits(this.#client.rest, services.metrics);
  }

  /** Logged in and every gateway shard ready (not connecting, resuming or reconnecting). */
  get connected(): boolean {
    return this.#client.isReady() && this.#client.ws.status === Status.Ready;
  }

  async start(): Promise<void> {
    const client = this.#client;
    client.on(Events.InteractionCreate, (interaction) =>
      this.#guard("interaction", () => this.#onInteraction(interaction)),
    );
    client.on(Events.MessageCreate, (message) => this.#guard("message", () => this.#onMessage(message)));
    client.on(Events.MessageUpdate, (before, after) => {
      // Discord also sends MESSAGE_UPDATE when it adds a link preview: only a change of the text is an edit.
      if (isTextEdit(before, after)) this.#guard("edit", () => this.#onEditOrDelete(after));
    });
    client.on(Events.MessageDelete, (message) => this.#guard("delete", () => this.#onEditOrDelete(message)));
    client.on(Events.ThreadDelete, (thread) =>
      this.#guard("thread delete", () => this.#onThreadDeleted(thread)),
    );
    client.on(Events.Error, (error) =>
      this.#services.logger.error("discord client error", { error: error.message }),
    );
    eraseServersThatRemoveTheBot(
      client,
      this.#services,
      this.#options.removalGraceMs ?? DEFAULT_REMOVAL_GRACE_MS,
      (kind, work) => this.#guard(kind, work),
    );
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(this.#options.token);
    await ready;
  }

  send(message: OutboundMessage, options?: DeliveryOptions): Promise<void> {
    return this.#poster.send(message, options);
  }

  /** Discord does not replay messages sent while no bot was connected: read the thread's recent history. */
  async catchUp(conversation: ConversationKey, since: number): Promise<void> {
    const target = parseDiscordConversation(conversation);
    const botUserId = this.#client.user?.id;
    if (!target || !botUserId) return;
    const thread = await this.#client.channels.fetch(target.threadId).catch(() => null);
    if (!thread?.isThread()) return;
    const recent = await thread.messages.fetch({ limit: CATCH_UP_MESSAGES });
    const missed = [...recent.values()]
      .filter((message) => message.createdTimestamp >= since)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    for (const message of missed) {
      const event = threadMessageEvent(message, botUserId);
      if (event) await this.#services.engine.handle(event);
    }
  }

  async stop(): Promise<void> {
    await this.#client.destroy();
  }

  async #onInteraction(interaction: Interaction): Promise<void> {
    if (!this.#interactionsHandled.add(interaction.id)) {
      this.#services.logger.debug("discord interaction already handled", { interactionId: interaction.id });
      return;
    }
    if (interaction.isChatInputCommand() && isAdminCommand(interaction))
      return handleAdminCommand(interaction, this.#services, this.#options.adminRoleIds ?? []);
    if (interaction.isChatInputCommand() && interaction.commandName === "interview") {
      return handleInterviewCommand(interaction, this.#services, this.#options.threadType);
    }
    if (interaction.isButton() && interaction.customId.startsWith(STORY_ID_PREFIX))
      return onStoryButton(interaction, this.#services);
    if (interaction.isButton() && isPrivacyButton(interaction.customId))
      return onPrivacyButton(interaction, this.#services);
    if (interaction.isButton()) return this.#onButton(interaction);
    if (interaction.isModalSubmit() && interaction.customId === ROUND_ONE_MODAL_ID)
      return onRoundOneModal(interaction, this.#services);
    if (interaction.isModalSubmit() && isStoryModal(interaction.customId))
      return onStoryRenameModal(interaction, this.#services);
  }

  async #onButton(interaction: ButtonInteraction): Promise<void> {
    const event = buttonEvent(interaction);
    if (!event) return;
    // Acknowledge first: the engine's reply arrives as new thread messages, not as this response.
    try {
      await interaction.deferUpdate();
    } catch (error) {
      if (!isAlreadyAcknowledged(error)) throw error;
      // Another bot process took this press (and the engine claims it once anyway).
      this.#services.logger.debug("discord interaction acknowledged elsewhere", {
        interactionId: interaction.id,
      });
      return;
    }
    this.#pending.remember(event.conversation, interaction.user.id, interaction, Date.now());
    try {
      await this.#services.engine.handle(event);
    } catch (error) {
      if (error instanceof SessionCorruptError) return this.#tellDamaged(error, interaction.channel);
      if (!(error instanceof StoreUnavailableError)) throw error;
      await interaction.followUp({
        content: NOTICES.pressNotSaved,
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
    }
  }

  async #onMessage(message: Message): Promise<void> {
    const botUserId = this.#client.user?.id;
    if (!botUserId) return;
    const event = threadMessageEvent(message, botUserId);
    if (!event) return;
    try {
      await this.#services.engine.handle(event);
    } catch (error) {
      if (error instanceof SessionCorruptError) return this.#tellDamaged(error, message.channel);
      if (!(error instanceof StoreUnavailableError)) throw error;
      await message.reply({ content: NOTICES.notSaved, allowedMentions: { parse: [] } });
    }
  }

  /**
   * The interview's stored state cannot be read, so it cannot go on: said once in its thread (the
   * desk no longer counts it as running, so /interview start works again) and logged once.
   */
  async #tellDamaged(error: SessionCorruptError, channel: Message["channel"] | null): Promise<void> {
    if (!this.#damagedNoted.add(error.conversation)) return;
    this.#services.logger.error("discord interview unreadable", {
      conversation: error.conversation,
      error: error.message,
    });
    if (channel?.isSendable())
      await channel.send({ content: DAMAGED_INTERVIEW_TEXT, allowedMentions: { parse: [] } });
  }

  /** Edits and deletions are not applied; the candidate hears so once per message. */
  async #onEditOrDelete(message: Message | PartialMessage): Promise<void> {
    const botUserId = this.#client.user?.id;
    if (!botUserId || !message.guildId || !isInterviewThreadMessage(message, botUserId)) return;
    // Marked before the lookup, so two quick edits of one message get one note.
    if (!this.#editsNoted.add(message.id)) return;
    const session = await this.#services.engine.current(
      discordConversation(message.guildId, message.channelId),
    );
    if (session?.phase !== "interviewing" || session.candidate.id !== message.author?.id) return;
    if (message.channel.isSendable())
      await message.channel.send({ content: NOTICES.editsNotApplied, allowedMentions: { parse: [] } });
  }

  /** A deleted thread ends its interview, so the candidate can start again; the result stays in history. */
  async #onThreadDeleted(thread: AnyThreadChannel): Promise<void> {
    const conversation: ConversationKey = discordConversation(thread.guildId, thread.id);
    const session = await this.#services.engine.current(conversation);
    if (!session || session.phase === "finished") return;
    await this.#services.engine.handle({
      type: "action",
      action: "end",
      eventId: `thread-deleted:${thread.id}`,
      conversation,
      author: session.candidate,
      receivedAt: this.#services.clock.now(),
    });
  }

  /** One failing event must never take the bot down; it is logged with its kind. */
  #guard(kind: string, work: () => Promise<void>): void {
    work().catch((error: unknown) =>
      this.#services.logger.error("discord event failed", { kind, error: errorSummary(error) }),
    );
  }
}

/** A change of the message's text by its author, as opposed to Discord adding a link preview or a flag. */
function isTextEdit(before: Message | PartialMessage, after: Message | PartialMessage): boolean {
  if (after.editedTimestamp === null) return false;
  return (
    before.partial || before.editedTimestamp !== after.editedTimestamp || before.content !== after.content
  );
}

function shardOptions(shards: DiscordShards): { shards: "auto" | number[]; shardCount?: number } {
  return shards === "auto" ? { shards: "auto" } : { shards: [...shards.ids], shardCount: shards.count };
}
