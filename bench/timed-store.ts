import type { ConversationKey } from "../src/core/model/conversation.ts";
import type {
  CommitRequest,
  CommitResult,
  EnqueueResult,
  QueuedEvent,
  SessionState,
  SessionStore,
  StoredSession,
} from "../src/core/ports/ports.ts";

/** Wraps a store and adds up the time spent waiting on it, to separate engine time from I/O. */
export class TimedStore implements SessionStore {
  elapsedMs = 0;
  readonly #inner: SessionStore;

  constructor(inner: SessionStore) {
    this.#inner = inner;
  }

  reset(): void {
    this.elapsedMs = 0;
  }

  load(conversation: ConversationKey): Promise<StoredSession | null> {
    return this.#time(() => this.#inner.load(conversation));
  }

  read(conversation: ConversationKey, cached?: StoredSession | null): Promise<SessionState> {
    return this.#time(() => this.#inner.read(conversation, cached));
  }

  enqueue(conversation: ConversationKey, queued: QueuedEvent): Promise<EnqueueResult> {
    return this.#time(() => this.#inner.enqueue(conversation, queued));
  }

  markDelivered(
    conversation: ConversationKey,
    keys: readonly string[],
    settled?: number | "absent",
  ): Promise<void> {
    return this.#time(() => this.#inner.markDelivered(conversation, keys, settled));
  }

  claimOverdueDeliveries(now: number, leaseMs: number, limit: number): Promise<ConversationKey[]> {
    return this.#time(() => this.#inner.claimOverdueDeliveries(now, leaseMs, limit));
  }

  commit(request: CommitRequest): Promise<CommitResult> {
    return this.#time(() => this.#inner.commit(request));
  }

  claimEvent(conversation: ConversationKey, eventId: string): Promise<boolean> {
    return this.#time(() => this.#inner.claimEvent(conversation, eventId));
  }

  delete(conversation: ConversationKey): Promise<void> {
    return this.#time(() => this.#inner.delete(conversation));
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  async #time<T>(operation: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await operation();
    } finally {
      this.elapsedMs += performance.now() - start;
    }
  }
}
