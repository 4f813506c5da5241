/**
 * Remembers which outbox entries this process has delivered, so the next commit can drop them
 * from the stored session. Kept in memory on purpose: after a crash the entries are still in the
 * outbox and are delivered again, with the same idempotency key.
 */
export class DeliveryTracker {
  /** Undelivered entries older than this are dropped: a notice that stale helps nobody. */
  static readonly RETENTION_MS = 10 * 60_000;
  readonly #delivered = new Map<string, Set<number>>();

  isDelivered(sessionId: string, seq: number): boolean {
    return this.#delivered.get(sessionId)?.has(seq) ?? false;
  }

  markDelivered(sessionId: string, seq: number): void {
    const seqs = this.#delivered.get(sessionId) ?? new Set<number>();
    seqs.add(seq);
    this.#delivered.set(sessionId, seqs);
  }

  deliveredSeqs(sessionId: string): ReadonlySet<number> {
    return new Set(this.#delivered.get(sessionId) ?? []);
  }

  /** Called once the entries are gone from the stored session. */
  forget(sessionId: string, seqs: ReadonlySet<number>): void {
    const current = this.#delivered.get(sessionId);
    if (!current) return;
    for (const seq of seqs) current.delete(seq);
    if (current.size === 0) this.#delivered.delete(sessionId);
  }
}
