import type { ConversationKey } from "../core/conversation.ts";
import type { Clock, CommitRequest, CommitResult, SessionStore, StoredSession } from "../core/ports.ts";
import { decodeSession, diffFields, encodeSession, VERSION_FIELD } from "./session-codec.ts";
import { DEFAULT_CLAIM_TTL_MS, DEFAULT_SESSION_TTL_MS, type StoreTtls } from "./store-ttls.ts";

interface Entry {
  fields: Map<string, Buffer>;
  expiresAt: number;
}

/**
 * In-process store with the same semantics as RedisSessionStore (same encoding, validation,
 * compare-and-set and claims), for the terminal when no REDIS_URL is set. Single process only:
 * nothing survives a restart, and two processes do not see each other.
 */
export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, Entry>();
  readonly #claims = new Map<string, number>();
  readonly #clock: Clock;
  readonly #ttls: StoreTtls;

  constructor(options: Partial<StoreTtls> & { readonly clock?: Clock } = {}) {
    this.#clock = options.clock ?? { now: () => Date.now() };
    this.#ttls = {
      sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
      claimTtlMs: options.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS,
    };
  }

  async load(conversation: ConversationKey): Promise<StoredSession | null> {
    const entry = this.#live(conversation);
    if (!entry) return null;
    const fields = new Map(entry.fields);
    return { session: decodeSession(conversation, fields), encoded: fields };
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    const { conversation, previous, next, eventId } = request;
    const claim = eventId === undefined ? undefined : `${conversation}\u0000${eventId}`;
    if (claim !== undefined && this.#claimed(claim)) return { status: "duplicate" };
    const entry = this.#live(conversation);
    const currentVersion = entry?.fields.get(VERSION_FIELD)?.toString("utf8");
    const expected = previous ? String(previous.session.version) : undefined;
    if (currentVersion !== expected) return { status: "conflict", current: await this.load(conversation) };
    let stored = previous;
    if (next) {
      const encoded = encodeSession(next);
      const fields = new Map(entry?.fields ?? []);
      const { changed, removed } = diffFields(previous?.encoded, encoded);
      for (const [field, value] of changed) fields.set(field, value);
      for (const field of removed) fields.delete(field);
      fields.set(VERSION_FIELD, Buffer.from(String(next.version)));
      this.#sessions.set(conversation, { fields, expiresAt: this.#clock.now() + this.#ttls.sessionTtlMs });
      stored = { session: structuredClone(next), encoded };
    }
    if (claim !== undefined) this.#claims.set(claim, this.#clock.now() + this.#ttls.claimTtlMs);
    return { status: "committed", stored };
  }

  async claimEvent(conversation: ConversationKey, eventId: string): Promise<boolean> {
    const claim = `${conversation}\u0000${eventId}`;
    if (this.#claimed(claim)) return false;
    this.#claims.set(claim, this.#clock.now() + this.#ttls.claimTtlMs);
    return true;
  }

  async delete(conversation: ConversationKey): Promise<void> {
    this.#sessions.delete(conversation);
    for (const claim of this.#claims.keys()) {
      if (claim.startsWith(`${conversation}\u0000`)) this.#claims.delete(claim);
    }
  }

  async close(): Promise<void> {}

  /** Test hook mirroring a hand-edited Redis hash: replaces one raw stored field. */
  corruptField(conversation: ConversationKey, field: string, value: string): void {
    this.#live(conversation)?.fields.set(field, Buffer.from(value, "utf8"));
  }

  /** Stored entries (session and claims) for a conversation, for erasure checks. */
  countEntries(conversation: ConversationKey): number {
    const claims = [...this.#claims.keys()].filter((claim) =>
      claim.startsWith(`${conversation}\u0000`),
    ).length;
    return claims + (this.#live(conversation) ? 1 : 0);
  }

  #live(conversation: string): Entry | undefined {
    const entry = this.#sessions.get(conversation);
    if (entry && entry.expiresAt <= this.#clock.now()) {
      this.#sessions.delete(conversation);
      return undefined;
    }
    return entry;
  }

  #claimed(claim: string): boolean {
    const expiresAt = this.#claims.get(claim);
    if (expiresAt === undefined) return false;
    if (expiresAt > this.#clock.now()) return true;
    this.#claims.delete(claim);
    return false;
  }
}
