import type { ConversationKey } from "../model/conversation.ts";
import type { Logger, SessionStore } from "../ports/ports.ts";

interface Pending {
  readonly keys: Set<string>;
  /** The version whose whole outbox is now delivered, if it is. */
  settledAtVersion: number | undefined;
}

/**
 * Records which outbox entries were delivered. With no delay each record is its own write, as
 * soon as the messages are out. With a delay (the chat bots), records wait that long: the
 * candidate's next event usually comes first, and its commit drops the delivered entries from
 * the outbox in the same write, so nothing more is needed; the rest are written together, one
 * round trip for every conversation waiting. A crash inside the delay leaves the messages to the
 * delivery sweep, whose redelivery checks the thread first (see MessageSender), so the delay must
 * stay well under the sweep's grace period.
 */
export class DeliveryMarks {
  readonly #store: SessionStore;
  readonly #delayMs: number;
  readonly #logger: Logger;
  readonly #pending = new Map<ConversationKey, Pending>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #flushing: Promise<void> = Promise.resolve();

  constructor(store: SessionStore, delayMs: number, logger: Logger) {
    this.#store = store;
    this.#delayMs = delayMs;
    this.#logger = logger;
  }

  async record(
    conversation: ConversationKey,
    keys: readonly string[],
    settledAtVersion?: number,
  ): Promise<void> {
    if (this.#delayMs <= 0) {
      await this.#write(conversation, keys, settledAtVersion);
      return;
    }
    const pending = this.#pending.get(conversation) ?? { keys: new Set<string>(), settledAtVersion };
    for (const key of keys) pending.keys.add(key);
    pending.settledAtVersion = settledAtVersion;
    this.#pending.set(conversation, pending);
    this.#timer ??= setTimeout(() => void this.flush(), this.#delayMs);
    this.#timer.unref?.();
  }

  /**
   * A commit has written a new state built knowing these deliveries (`delivered`): its outbox no
   * longer holds them and it set the sweep's entry itself, so their records are not needed.
   */
  committed(conversation: ConversationKey, delivered: ReadonlySet<string>): void {
    const pending = this.#pending.get(conversation);
    if (!pending) return;
    for (const key of pending.keys) if (delivered.has(key)) pending.keys.delete(key);
    if (pending.keys.size === 0) this.#pending.delete(conversation);
    else pending.settledAtVersion = undefined;
  }

  /** Writes every waiting record now (the timer, shutdown, tests). */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = [...this.#pending];
    this.#pending.clear();
    // Sent together, so one round trip carries them all.
    const writing = Promise.all(
      batch.map(([conversation, { keys, settledAtVersion }]) =>
        this.#write(conversation, [...keys], settledAtVersion),
      ),
    ).then(() => {});
    this.#flushing = this.#flushing.then(() => writing);
    await this.#flushing;
  }

  async #write(
    conversation: ConversationKey,
    keys: readonly string[],
    settledAtVersion?: number,
  ): Promise<void> {
    try {
      await this.#store.markDelivered(conversation, keys, settledAtVersion);
    } catch (error) {
      // Not recorded: the sweep delivers them again, and the platform's own checks stop a repeat.
      this.#logger.warn("could not record deliveries", { conversation, error: String(error) });
    }
  }
}
