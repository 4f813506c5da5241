import { z } from "zod";
import type { ConversationKey } from "../core/model/conversation.ts";
import type {
  Clock,
  CommitRequest,
  CommitResult,
  EnqueueResult,
  QueuedEvent,
  RateLimitCheck,
  RateLimited,
  SessionState,
  SessionStore,
  StoredSession,
} from "../core/ports/ports.ts";
import { leaseDue } from "./lease-due.ts";
import { MemoryRateLimiter } from "./memory-rate-limiter.ts";
import { decodeQueuedEvent, encodeQueuedEvent } from "./queued-event-codec.ts";
import { decodeSession, encodeChanges, VERSION_FIELD } from "./session-codec.ts";
import { DEFAULT_CLAIM_TTL_MS, DEFAULT_SESSION_TTL_MS, type StoreTtls } from "./store-ttls.ts";

interface Entry {
  fields: Map<string, Buffer>;
  expiresAt: number;
}

/**
 * Everything a MemorySessionStore holds, as JSON-safe data (field values base64). A store that
 * keeps its state elsewhere (FileSessionStore) saves and restores it whole.
 */
export const MemoryStoreStateSchema = z.object({
  sessions: z.record(
    z.string(),
    z.object({ expiresAt: z.number(), fields: z.record(z.string(), z.string()) }),
  ),
  claims: z.record(z.string(), z.number()),
  inboxes: z.record(z.string(), z.array(z.string())).default({}),
  delivered: z.record(z.string(), z.array(z.string())).default({}),
  deliveryDue: z.record(z.string(), z.number()).default({}),
  timers: z.record(z.string(), z.number()).default({}),
});
export type MemoryStoreState = z.infer<typeof MemoryStoreStateSchema>;

/**
 * In-process store with the same semantics as RedisSessionStore (same encoding, validation,
 * compare-and-set and claims). On its own it is for tests and one process: nothing survives a
 * restart. FileSessionStore extends it to keep the state in a file.
 *
 * Every method that changes the stored state ends with `await this.changed()`, and
 * exportState/importState cover every map: a subclass that persists relies on both.
 */
export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, Entry>();
  readonly #claims = new Map<string, number>();
  /** Encoded inbound events waiting to be applied, per conversation (as the Redis inbox list). */
  readonly #inboxes = new Map<string, string[]>();
  readonly #delivered = new Map<string, Set<string>>();
  /** Conversation → when the delivery sweep takes its undelivered messages over. */
  readonly #deliveryDue = new Map<string, number>();
  /** Quiet-period timer member → when it is due (the Redis store's timers-due set). */
  readonly #timers = new Map<string, number>();
  /** Members' token buckets (not persisted: a restart forgets a flood, as an idle bucket refills). */
  readonly #buckets: MemoryRateLimiter;
  readonly #clock: Clock;
  readonly #ttls: StoreTtls;

  constructor(options: Partial<StoreTtls> & { readonly clock?: Clock } = {}) {
    this.#clock = options.clock ?? { now: () => Date.now() };
    this.#buckets = new MemoryRateLimiter({ clock: this.#clock });
    this.#ttls = {
      sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
      claimTtlMs: options.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS,
    };
  }

  async load(conversation: ConversationKey): Promise<StoredSession | null> {
    const entry = this.#live(conversation);
    if (!entry) return null;
    return decodeSession(conversation, new Map(entry.fields));
  }

  async read(conversation: ConversationKey): Promise<SessionState> {
    return {
      stored: await this.load(conversation),
      pending: (this.#inboxes.get(conversation) ?? []).map((raw) => decodeQueuedEvent(raw)),
      delivered: new Set(this.#delivered.get(conversation) ?? []),
    };
  }

  async enqueue(
    conversation: ConversationKey,
    queued: QueuedEvent,
    rateLimit?: RateLimitCheck,
  ): Promise<EnqueueResult> {
    // As the Redis script: an event that starts nothing, for an interview neither stored nor
    // starting, leaves no trace (its thread's interview was erased or has expired).
    const opens = queued.event?.type === "interview-requested";
    const starting = (this.#inboxes.get(conversation)?.length ?? 0) > 0;
    if (!opens && !starting && !this.#live(conversation)?.fields.has(VERSION_FIELD))
      return { status: "absent" };
    const refused = this.#claimed(`${conversation}\u0000${queued.eventId}`)
      ? null
      : this.#takeToken(rateLimit);
    if (refused) return refused;
    const claimed = await this.claimEvent(conversation, queued.eventId);
    if (claimed) {
      const inbox = this.#inboxes.get(conversation) ?? [];
      inbox.push(encodeQueuedEvent(queued));
      this.#inboxes.set(conversation, inbox);
      await this.changed();
    }
    return { status: claimed ? "queued" : "duplicate", state: await this.read(conversation) };
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    const { conversation, previous, next, consumed, direct } = request;
    // A copy of an interview no longer stored (erased, expired) writes nothing, as in Redis.
    if (previous && !this.#live(conversation)?.fields.has(VERSION_FIELD)) return { status: "gone" };
    const eventId = direct?.eventId ?? request.eventId;
    const claim = eventId === undefined ? undefined : `${conversation}\u0000${eventId}`;
    if (claim !== undefined && this.#claimed(claim))
      return direct ? { status: "duplicate", state: await this.read(conversation) } : { status: "duplicate" };
    const refused = claim === undefined ? null : this.#takeToken(request.rateLimit);
    if (refused) return refused;
    const entry = this.#live(conversation);
    const currentVersion = entry?.fields.get(VERSION_FIELD)?.toString("utf8");
    const expected = previous ? String(previous.session.version) : undefined;
    const inbox = this.#inboxes.get(conversation) ?? [];
    const headMoved =
      consumed !== undefined &&
      consumed.count > 0 &&
      decodeQueuedEvent(inbox[consumed.count - 1] ?? "").eventId !== consumed.lastEventId;
    const othersWaiting = direct !== undefined && inbox.length > 0;
    if (currentVersion !== expected || headMoved || othersWaiting) {
      if (direct) {
        await this.enqueue(conversation, direct);
        return { status: "queued", state: await this.read(conversation) };
      }
      const state = await this.read(conversation);
      return { status: "conflict", current: state.stored, state };
    }
    if (consumed && consumed.count > 0) this.#inboxes.set(conversation, inbox.slice(consumed.count));
    const delivered = this.#delivered.get(conversation);
    for (const key of request.forgetDelivered ?? []) delivered?.delete(key);
    if (next) {
      // As ZADD GT in Redis: a sweeping process's lease is never pulled back.
      const due = request.deliveryDueAt;
      if (due === undefined) this.#deliveryDue.delete(conversation);
      else this.#deliveryDue.set(conversation, Math.max(due, this.#deliveryDue.get(conversation) ?? due));
      if (request.timers?.remove !== undefined) this.#timers.delete(request.timers.remove);
      if (request.timers?.add) this.#timers.set(request.timers.add.member, request.timers.add.dueAt);
    }
    let stored = previous;
    if (next) {
      const write = encodeChanges(previous, next);
      const fields = new Map(entry?.fields ?? []);
      for (const { field, value } of write.set) fields.set(field, Buffer.from(value));
      for (const field of write.remove) fields.delete(field);
      fields.set(VERSION_FIELD, Buffer.from(String(next.version)));
      this.#sessions.set(conversation, { fields, expiresAt: this.#clock.now() + this.#ttls.sessionTtlMs });
      stored = { session: next, sizes: write.sizes };
    }
    if (claim !== undefined) this.#claims.set(claim, this.#clock.now() + this.#ttls.claimTtlMs);
    await this.changed();
    return { status: "committed", stored };
  }

  async claimEvent(conversation: ConversationKey, eventId: string): Promise<boolean> {
    const claim = `${conversation}\u0000${eventId}`;
    if (this.#claimed(claim)) return false;
    this.#claims.set(claim, this.#clock.now() + this.#ttls.claimTtlMs);
    await this.changed();
    return true;
  }

  async markDelivered(
    conversation: ConversationKey,
    keys: readonly string[],
    settledAtVersion?: number | "absent",
  ): Promise<void> {
    // Marks for an interview that is gone (erased meanwhile) would only be a stray entry.
    if (this.#live(conversation)) {
      const delivered = this.#delivered.get(conversation) ?? new Set<string>();
      for (const key of keys) delivered.add(key);
      this.#delivered.set(conversation, delivered);
    }
    if (settledAtVersion !== undefined) {
      const version = this.#live(conversation)?.fields.get(VERSION_FIELD)?.toString("utf8");
      if (settledAtVersion === "absent" ? version === undefined : version === String(settledAtVersion))
        this.#deliveryDue.delete(conversation);
    }
    await this.changed();
  }

  async claimOverdueDeliveries(now: number, leaseMs: number, limit: number): Promise<ConversationKey[]> {
    const due = leaseDue(this.#deliveryDue, now, leaseMs, limit);
    if (due.length > 0) await this.changed();
    return due as ConversationKey[];
  }

  async claimDueTimers(now: number, leaseMs: number, limit: number): Promise<string[]> {
    const due = leaseDue(this.#timers, now, leaseMs, limit);
    if (due.length > 0) await this.changed();
    return due;
  }

  async completeTimer(member: string): Promise<void> {
    if (this.#timers.delete(member)) await this.changed();
  }

  async delete(conversation: ConversationKey): Promise<void> {
    this.#sessions.delete(conversation);
    this.#inboxes.delete(conversation);
    this.#delivered.delete(conversation);
    this.#deliveryDue.delete(conversation);
    for (const member of this.#timers.keys())
      if (member.startsWith(`${conversation}\n`)) this.#timers.delete(member);
    for (const claim of this.#claims.keys()) {
      if (claim.startsWith(`${conversation}\u0000`)) this.#claims.delete(claim);
    }
    await this.changed();
  }

  async close(): Promise<void> {}

  /**
   * Called by every method that changes the stored state, after the change and before that
   * method resolves. Nothing to do in memory; FileSessionStore writes the file here.
   */
  protected async changed(): Promise<void> {}

  /** All stored state (live sessions, claims, inboxes, delivery marks) as JSON-safe data. */
  exportState(): MemoryStoreState {
    const now = this.#clock.now();
    const sessions: MemoryStoreState["sessions"] = {};
    for (const [conversation, entry] of this.#sessions) {
      if (entry.expiresAt <= now) continue;
      const fields: Record<string, string> = {};
      for (const [field, value] of entry.fields) fields[field] = value.toString("base64");
      sessions[conversation] = { expiresAt: entry.expiresAt, fields };
    }
    const claims: MemoryStoreState["claims"] = {};
    for (const [claim, expiresAt] of this.#claims) if (expiresAt > now) claims[claim] = expiresAt;
    return {
      sessions,
      claims,
      inboxes: Object.fromEntries(this.#inboxes),
      delivered: Object.fromEntries([...this.#delivered].map(([key, keys]) => [key, [...keys]])),
      deliveryDue: Object.fromEntries(this.#deliveryDue),
      timers: Object.fromEntries(this.#timers),
    };
  }

  /** Replaces all stored state with what exportState returned (here or in an earlier process). */
  importState(state: unknown): void {
    const parsed = MemoryStoreStateSchema.parse(state);
    this.#sessions.clear();
    this.#claims.clear();
    this.#inboxes.clear();
    this.#delivered.clear();
    this.#deliveryDue.clear();
    this.#timers.clear();
    for (const [conversation, entry] of Object.entries(parsed.sessions)) {
      const fields = new Map<string, Buffer>();
      for (const [field, value] of Object.entries(entry.fields))
        fields.set(field, Buffer.from(value, "base64"));
      this.#sessions.set(conversation, { fields, expiresAt: entry.expiresAt });
    }
    for (const [claim, expiresAt] of Object.entries(parsed.claims)) this.#claims.set(claim, expiresAt);
    for (const [conversation, inbox] of Object.entries(parsed.inboxes))
      this.#inboxes.set(conversation, inbox);
    for (const [conversation, keys] of Object.entries(parsed.delivered))
      this.#delivered.set(conversation, new Set(keys));
    for (const [conversation, at] of Object.entries(parsed.deliveryDue))
      this.#deliveryDue.set(conversation, at);
    for (const [member, at] of Object.entries(parsed.timers)) this.#timers.set(member, at);
  }

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

  /** As the Redis scripts do: a token from the member's bucket, or the refusal. */
  #takeToken(rateLimit: RateLimitCheck | undefined): RateLimited | null {
    if (!rateLimit) return null;
    const decision = this.#buckets.takeNow(rateLimit.key, rateLimit.policy);
    return decision.allowed ? null : { status: "limited", refusal: decision };
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
