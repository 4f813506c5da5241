import { type ProgressEntry, ProgressEntrySchema } from "../core/model/progress-entry.ts";
import type { Clock } from "../core/ports/ports.ts";
import { boundedProgress, PROGRESS_RETENTION_MS, type ProgressStore } from "../core/ports/progress-store.ts";

interface MemberHistory {
  entries: Map<string, ProgressEntry>;
  expiresAt: number;
}

/** Progress in this process (tests, and the file store's working copy); same rules as Redis. */
export class MemoryProgressStore implements ProgressStore {
  readonly #members = new Map<string, MemberHistory>();
  readonly #clock: Clock;
  readonly #retentionMs: number;

  constructor(options: { readonly clock?: Clock; readonly retentionMs?: number } = {}) {
    this.#clock = options.clock ?? { now: () => Date.now() };
    this.#retentionMs = options.retentionMs ?? PROGRESS_RETENTION_MS;
  }

  async record(scope: string, memberId: string, entry: ProgressEntry): Promise<void> {
    const history = this.#live(scope, memberId) ?? { entries: new Map(), expiresAt: 0 };
    // Parsed, as Redis does: only the minimal fields are kept, whatever the caller passed.
    history.entries.set(entry.sessionId, ProgressEntrySchema.parse(entry));
    history.entries = new Map(
      boundedProgress(history.entries.values()).map((kept) => [kept.sessionId, kept]),
    );
    history.expiresAt = this.#clock.now() + this.#retentionMs;
    this.#members.set(memberKey(scope, memberId), history);
  }

  async list(scope: string, memberId: string): Promise<ProgressEntry[]> {
    const history = this.#live(scope, memberId);
    return history ? boundedProgress(history.entries.values()).map((entry) => structuredClone(entry)) : [];
  }

  async delete(scope: string, memberId: string): Promise<number> {
    const count = this.#live(scope, memberId)?.entries.size ?? 0;
    this.#members.delete(memberKey(scope, memberId));
    return count;
  }

  /** Every member's history, for the file store to write. */
  exportState(): Array<{ scope: string; memberId: string; expiresAt: number; entries: ProgressEntry[] }> {
    const now = this.#clock.now();
    return [...this.#members.entries()]
      .filter(([, history]) => history.expiresAt > now)
      .map(([key, history]) => {
        const [scope = "", memberId = ""] = key.split("\u0000");
        return { scope, memberId, expiresAt: history.expiresAt, entries: [...history.entries.values()] };
      });
  }

  importState(state: ReturnType<MemoryProgressStore["exportState"]>): void {
    for (const member of state)
      this.#members.set(memberKey(member.scope, member.memberId), {
        entries: new Map(member.entries.map((entry) => [entry.sessionId, entry])),
        expiresAt: member.expiresAt,
      });
  }

  #live(scope: string, memberId: string): MemberHistory | null {
    const key = memberKey(scope, memberId);
    const history = this.#members.get(key);
    if (!history) return null;
    if (history.expiresAt > this.#clock.now()) return history;
    this.#members.delete(key);
    return null;
  }
}

function memberKey(scope: string, memberId: string): string {
  return `${scope}\u0000${memberId}`;
}
