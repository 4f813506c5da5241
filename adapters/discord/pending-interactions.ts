import type { ButtonInteraction, ChatInputCommandInteraction } from "discord.js";

/** Interaction tokens work for 15 minutes; leave a margin for the request itself. */
const TOKEN_LIFETIME_MS = 14 * 60_000;
const MAX_ENTRIES = 10_000;

type Followable = ButtonInteraction | ChatInputCommandInteraction;

/**
 * Recent interactions per conversation and user, so a private notice for that user (e.g. "this
 * interview belongs to someone else") can go as an ephemeral follow-up only they see, instead of
 * a message in the thread. Without a live interaction, private notices are posted in the thread.
 */
export class PendingInteractions {
  readonly #entries = new Map<string, { interaction: Followable; at: number }>();

  remember(conversation: string, userId: string, interaction: Followable, now: number): void {
    const key = `${conversation}\u0000${userId}`;
    this.#entries.delete(key);
    this.#entries.set(key, { interaction, at: now });
    if (this.#entries.size > MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  find(conversation: string, userId: string, now: number): Followable | null {
    const entry = this.#entries.get(`${conversation}\u0000${userId}`);
    return entry && now - entry.at < TOKEN_LIFETIME_MS ? entry.interaction : null;
  }
}
