import { type Client, MessageFlags, type ThreadChannel } from "discord.js";
import type { Logger } from "../../src/core/ports.ts";
import type { OutboundMessage } from "../../src/core/reply.ts";
import { BoundedSet } from "../shared/bounded-set.ts";
import { parseDiscordConversation } from "./conversation-keys.ts";
import { DISCORD_ERRORS, discordErrorCode, isPermanentDeliveryError } from "./discord-errors.ts";
import { idempotencyNonce } from "./idempotency-nonce.ts";
import type { PendingInteractions } from "./pending-interactions.ts";
import { type DiscordPayload, renderDiscordMessage } from "./render/index.ts";

/** Keys posted by this process; Discord's nonce covers other processes for a few minutes. */
const REMEMBERED_KEYS = 20_000;

/**
 * Posts the engine's messages into interview threads: rendered within Discord's limits, each part
 * with a nonce so a retry never duplicates it. Private notices go as ephemeral follow-ups when the
 * user has a live interaction, else into the (private) thread.
 */
export class DiscordPoster {
  readonly #client: Client;
  readonly #pending: PendingInteractions;
  readonly #logger: Logger;
  readonly #posted = new BoundedSet(REMEMBERED_KEYS);

  constructor(client: Client, pending: PendingInteractions, logger: Logger) {
    this.#client = client;
    this.#pending = pending;
    this.#logger = logger;
  }

  async send(message: OutboundMessage): Promise<void> {
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
        await this.#postInThread(target.threadId, message.idempotencyKey, payloads);
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

  async #postInThread(threadId: string, key: string, payloads: readonly DiscordPayload[]): Promise<void> {
    const channel = await this.#client.channels.fetch(threadId);
    if (!channel?.isThread()) throw new Error(`Thread ${threadId} is not available`);
    for (const [part, payload] of payloads.entries()) {
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
}

async function reopen(thread: ThreadChannel): Promise<void> {
  await thread.setArchived(false, "Interview continues");
}
