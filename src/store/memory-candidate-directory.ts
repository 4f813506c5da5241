import type { ConversationKey } from "../core/model/conversation.ts";
import type { CandidateDirectory, MemberRef } from "../core/ports/candidate-directory.ts";
import type { Clock, SessionStore } from "../core/ports/ports.ts";
import { leaseDue } from "./lease-due.ts";

/** In-process directory for the terminal and tests; erasing a scope also deletes its interviews. */
export class MemoryCandidateDirectory implements CandidateDirectory {
  readonly #entries = new Map<string, Map<ConversationKey, number>>();
  readonly #holds = new Map<string, number>();
  /** Scopes to erase and when (see CandidateDirectory.scheduleErasure). */
  readonly #erasures = new Map<string, number>();
  /** Member erasures under way, by scope and member (see CandidateDirectory.scheduleMemberErasure). */
  readonly #memberErasures = new Map<string, number>();
  readonly #store: SessionStore;
  readonly #clock: Clock;

  constructor(store: SessionStore, clock: Clock = { now: () => Date.now() }) {
    this.#store = store;
    this.#clock = clock;
  }

  async record(scope: string, candidateId: string, conversation: ConversationKey, at: number): Promise<void> {
    const key = `${scope}\u0000${candidateId}`;
    const entries = this.#entries.get(key) ?? new Map<ConversationKey, number>();
    entries.set(conversation, at);
    this.#entries.set(key, entries);
  }

  async recent(scope: string, candidateId: string, limit: number): Promise<ConversationKey[]> {
    const entries = this.#entries.get(`${scope}\u0000${candidateId}`) ?? new Map();
    return [...entries.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([conversation]) => conversation);
  }

  async hold(scope: string, candidateId: string, ttlMs: number): Promise<boolean> {
    const key = `${scope}\u0000${candidateId}`;
    const until = this.#holds.get(key);
    if (until !== undefined && until > this.#clock.now()) return false;
    this.#holds.set(key, this.#clock.now() + ttlMs);
    return true;
  }

  async release(scope: string, candidateId: string): Promise<void> {
    this.#holds.delete(`${scope}\u0000${candidateId}`);
  }

  async eraseScope(scope: string): Promise<number> {
    let erased = 0;
    for (const [key, entries] of this.#entries) {
      if (!key.startsWith(`${scope}\u0000`)) continue;
      for (const conversation of entries.keys()) await this.#store.delete(conversation);
      erased += entries.size + 1;
      this.#entries.delete(key);
    }
    this.#erasures.delete(scope);
    for (const key of this.#memberErasures.keys())
      if (key.startsWith(`${scope}\u0000`)) this.#memberErasures.delete(key);
    return erased;
  }

  async scheduleMemberErasure({ scope, memberId }: MemberRef, dueAt: number): Promise<void> {
    this.#memberErasures.set(`${scope}\u0000${memberId}`, dueAt);
  }

  async claimDueMemberErasures(now: number, leaseMs: number, limit: number): Promise<MemberRef[]> {
    return leaseDue(this.#memberErasures, now, leaseMs, limit).map((key) => {
      const separator = key.indexOf("\u0000");
      return { scope: key.slice(0, separator), memberId: key.slice(separator + 1) };
    });
  }

  /** Its entries and hold (rate-limit buckets are the limiter's, kept apart in memory). */
  async forgetMember({ scope, memberId }: MemberRef): Promise<number> {
    const key = `${scope}\u0000${memberId}`;
    const forgotten = Number(this.#entries.delete(key)) + Number(this.#holds.delete(key));
    this.#memberErasures.delete(key);
    return forgotten;
  }

  async scheduleErasure(scope: string, dueAt: number): Promise<void> {
    this.#erasures.set(scope, dueAt);
  }

  async cancelErasure(scope: string): Promise<boolean> {
    return this.#erasures.delete(scope);
  }

  async claimDueErasures(now: number, leaseMs: number, limit: number): Promise<string[]> {
    return leaseDue(this.#erasures, now, leaseMs, limit);
  }
}
