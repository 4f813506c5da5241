import { type Client, DiscordAPIError, type Message, MessageFlags, type ThreadChannel } from "discord.js";
import type { APIEmbed } from "discord-api-types/v10";
import type { OutboundMessage } from "../../src/core/model/reply.ts";
import type { DeliveryOptions, Logger } from "../../src/core/ports/ports.ts";
import { BoundedSet } from "../shared/bounded-set.ts";
import { parseDiscordConversation } from "./conversation-keys.ts";
import { DISCORD_ERRORS, discordErrorCode, isPermanentDeliveryError } from "./discord-errors.ts";
import { idempotencyNonce } from "./idempotency-nonce.ts";
import type { PendingInteractions } from "./pending-interactions.ts";
import { type DiscordPayload, renderDiscordMessage } from "./render/index.ts";

/** Keys posted by this process; Discord's nonce covers other processes for a few minutes. */
const REMEMBERED_KEYS = 20_000;
/** Thread messages read before a redelivery (one page): the engine's newest posts are among them. */
const RECENT_MESSAGES = 50;
/** Threads reported as unreadable, so a missing permission is logged once per thread. */
const REMEMBERED_FAILURES = 2_000;

/**
 * Posts the engine's messages into interview threads: rendered within Discord's limits, each part
 * with a nonce so a retry never duplicates it. Private notices go as ephemeral follow-ups when the
 * user has a live interaction, else into the (private) thread.
 *
 * Discord honours a nonce for a few minutes only. A redelivery (after a crash, or by another
 * process) may come later than that, so it first reads the thread's recent messages and skips a
 * part the bot already posted there: same text, same first embed, same buttons.
 */
export class DiscordPoster {
  readonly #client: Client;
  readonly #pending: PendingInteractions;
  readonly #logger: Logger;
  readonly #posted = new BoundedSet(REMEMBERED_KEYS);
  readonly #unreadable = new BoundedSet(REMEMBERED_FAILURES);

  constructor(client: Client, pending: PendingInteractions, logger: Logger) {
    this.#client = client;
    this.#pending = pending;
    this.#logger = logger;
  }

  async send(message: OutboundMessage, options?: DeliveryOptions): Promise<void> {
    if (this.#posted.has(message.idempotencyKey)) return;
    const target = parseDiscordConversation(message.conversation);
    if (!target) throw new Error(`Not a Discord conversation: ${message.conversation}`);
    const payloads = renderDiscordMessage(message);
    const { visibility } = message;
    const interaction =
      visibility.kind === "private"
        ? this.#pending.find(message.conversation, visibility.userId, Date.now())
        : null;
    try {
      if (interaction) {
        for (const payload of payloads)
          await interaction.followUp({ ...payload, flags: (payload.flags ?? 0) | MessageFlags.Ephemeral });
      } else {
        await this.#postInThread(
          target.threadId,
          message.idempotencyKey,
          payloads,
          options?.redelivery === true,
        );
      }
    } catch (error) {
      if (!isPermanentDeliveryError(error)) throw error;
      // The thread is gone, locked or closed to the bot: retrying would only repeat the failure.
      this.#logger.warn("discord message dropped", {
        conversation: message.conversation,
        code: discordErrorCode(error),
      });
    }
    this.#posted.add(message.idempotencyKey);
  }

  async #postInThread(
    threadId: string,
    key: string,
    payloads: readonly DiscordPayload[],
    redelivery: boolean,
  ): Promise<void> {
    const channel = await this.#client.channels.fetch(threadId);
    if (!channel?.isThread()) throw new Error(`Thread ${threadId} is not available`);
    const posted = redelivery ? await this.#recentBotMessages(channel) : [];
    for (const [part, payload] of payloads.entries()) {
      // Each message found stands for one part: two identical parts need two messages.
      const found = posted.findIndex((existing) => isSamePost(existing, payload));
      if (found >= 0) {
        posted.splice(found, 1);
        continue;
      }
      const options = { ...payload, nonce: idempotencyNonce(key, part), enforceNonce: true };
      try {
        await channel.send(options);
      } catch (error) {
        if (discordErrorCode(error) !== DISCORD_ERRORS.threadArchived) throw error;
        // Threads archive themselves after a day of silence; a candidate coming back reopens it.
        await reopen(channel);
        await channel.send(options);
      }
    }
  }

  /**
   * The bot's messages among the thread's newest, oldest first. Discord's own trouble is thrown
   * (the message stays undelivered and is tried again later, never blindly); history the bot may
   * not read leaves the decision to the nonce, which repeats a message only after its window.
   */
  async #recentBotMessages(thread: ThreadChannel): Promise<Message[]> {
    let recent: Message[];
    try {
      recent = [...(await thread.messages.fetch({ limit: RECENT_MESSAGES, cache: false })).values()];
    } catch (error) {
      if (!(error instanceof DiscordAPIError) || error.status >= 500) throw error;
      const fields = { threadId: thread.id, code: error.code };
      if (this.#unreadable.add(thread.id))
        this.#logger.warn("discord thread not checked before a redelivery: posting may repeat", fields);
      else this.#logger.debug("discord thread not checked before a redelivery: posting may repeat", fields);
      return [];
    }
    const botId = this.#client.user?.id;
    return recent
      .filter((message) => message.author.id === botId)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }
}

/** Whether a message in the thread is this part as posted: the text, the first embed, the buttons. */
function isSamePost(message: Message, payload: DiscordPayload): boolean {
  if (message.content.trim() !== (payload.content ?? "").trim()) return false;
  // Only the payload's embeds count: a link preview Discord added to a text message is not ours.
  const embed = payload.embeds?.[0];
  if (embed && !sameEmbed(message.embeds[0]?.data, embed)) return false;
  const ids = message.components.flatMap((row) => customIds(row.toJSON()));
  return sameList(ids, (payload.components ?? []).flatMap(customIds));
}

function sameEmbed(posted: APIEmbed | undefined, wanted: APIEmbed): boolean {
  if (!posted) return false;
  const essence = (embed: APIEmbed) =>
    JSON.stringify([
      embed.title?.trim() ?? "",
      embed.description?.trim() ?? "",
      (embed.fields ?? []).map((field) => [field.name.trim(), field.value.trim()]),
      embed.footer?.text.trim() ?? "",
    ]);
  return essence(posted) === essence(wanted);
}

/** The custom ids of a component row's buttons (which name the turn they act on). */
function customIds(row: unknown): string[] {
  const components = (row as { components?: unknown[] }).components ?? [];
  return components.flatMap((component) => {
    const id = (component as { custom_id?: unknown }).custom_id;
    return typeof id === "string" ? [id] : [];
  });
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

async function reopen(thread: ThreadChannel): Promise<void> {
  await thread.setArchived(false, "Interview continues");
}
