import type { ConversationKey } from "../core/model/conversation.ts";
import type { CandidateDirectory, MemberRef } from "../core/ports/candidate-directory.ts";
import { callRedis } from "./call-redis.ts";
import { CLAIM_OVERDUE_SCRIPT } from "./inbox-scripts.ts";
import type { RedisClient } from "./redis-connection.ts";
import {
  candidateKey,
  erasuresDueKey,
  memberErasureEntry,
  memberErasuresDueKey,
  memberRateBucketPattern,
  parseMemberErasureEntry,
  scopeKeyPatterns,
  startHoldKey,
} from "./store-keys.ts";
import { DEFAULT_SESSION_TTL_MS } from "./store-ttls.ts";
import { removeMatchingMembers, removeScopeFromSweeps } from "./sweep-set-members.ts";
import { escapeGlob, unlinkMatching } from "./unlink-matching.ts";

/**
 * A safety cap on the interviews listed per candidate. Entries go once their interview has expired
 * (older than the session TTL), not by count, so the list holds every interview still stored: a
 * member's export and erasure find them all through it.
 */
const MAX_ENTRIES = 1_000;

export interface RedisCandidateDirectoryConfig {
  readonly client: RedisClient;
  readonly keyPrefix?: string;
  /** The directory expires with the interviews it lists. */
  readonly sessionTtlMs?: number;
}

/** One sorted set per candidate and scope (score = start time), on the sessions' Redis. */
export class RedisCandidateDirectory implements CandidateDirectory {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #ttlMs: number;

  constructor(config: RedisCandidateDirectoryConfig) {
    this.#redis = config.client;
    this.#prefix = config.keyPrefix ?? "sr";
    this.#ttlMs = config.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  }

  async record(scope: string, candidateId: string, conversation: ConversationKey, at: number): Promise<void> {
    const key = candidateKey(this.#prefix, scope, candidateId);
    await callRedis(() =>
      this.#redis
        .multi()
        .zadd(key, at, conversation)
        .zremrangebyscore(key, "-inf", `(${at - this.#ttlMs}`)
        .zremrangebyrank(key, 0, -(MAX_ENTRIES + 1))
        .pexpire(key, this.#ttlMs)
        .exec(),
    );
  }

  async recent(scope: string, candidateId: string, limit: number): Promise<ConversationKey[]> {
    const key = candidateKey(this.#prefix, scope, candidateId);
    const members = await callRedis(() => this.#redis.zrevrange(key, 0, limit - 1));
    return members as ConversationKey[];
  }

  async hold(scope: string, candidateId: string, ttlMs: number): Promise<boolean> {
    const key = startHoldKey(this.#prefix, scope, candidateId);
    return (await callRedis(() => this.#redis.set(key, "1", "PX", ttlMs, "NX"))) === "OK";
  }

  async release(scope: string, candidateId: string): Promise<void> {
    await callRedis(() => this.#redis.del(startHoldKey(this.#prefix, scope, candidateId)));
  }

  async eraseScope(scope: string): Promise<number> {
    let erased = 0;
    for (const pattern of scopeKeyPatterns(this.#prefix, scope))
      erased += await unlinkMatching(this.#redis, pattern);
    await removeScopeFromSweeps(this.#redis, this.#prefix, scope);
    await callRedis(() => this.#redis.zrem(erasuresDueKey(this.#prefix), scope));
    // Its members' erasures are done with it.
    await removeMatchingMembers(this.#redis, memberErasuresDueKey(this.#prefix), `${escapeGlob(scope)}\n*`);
    return erased;
  }

  async scheduleMemberErasure({ scope, memberId }: MemberRef, dueAt: number): Promise<void> {
    const entry = memberErasureEntry(scope, memberId);
    await callRedis(() => this.#redis.zadd(memberErasuresDueKey(this.#prefix), dueAt, entry));
  }

  async claimDueMemberErasures(now: number, leaseMs: number, limit: number): Promise<MemberRef[]> {
    const key = memberErasuresDueKey(this.#prefix);
    const due = (await callRedis(() =>
      this.#redis.eval(CLAIM_OVERDUE_SCRIPT, 2, key, key, now, now + leaseMs, limit),
    )) as string[];
    return due.flatMap((entry) => parseMemberErasureEntry(entry) ?? []);
  }

  async forgetMember({ scope, memberId }: MemberRef): Promise<number> {
    const keys = [candidateKey(this.#prefix, scope, memberId), startHoldKey(this.#prefix, scope, memberId)];
    let forgotten = await callRedis(() => this.#redis.unlink(...keys));
    forgotten += await unlinkMatching(this.#redis, memberRateBucketPattern(this.#prefix, scope, memberId));
    const entry = memberErasureEntry(scope, memberId);
    await callRedis(() => this.#redis.zrem(memberErasuresDueKey(this.#prefix), entry));
    return forgotten;
  }

  async forgetInterviews(
    { scope, memberId }: MemberRef,
    conversations: readonly ConversationKey[],
  ): Promise<void> {
    if (conversations.length === 0) return;
    await callRedis(() => this.#redis.zrem(candidateKey(this.#prefix, scope, memberId), ...conversations));
  }

  async scheduleErasure(scope: string, dueAt: number): Promise<void> {
    await callRedis(() => this.#redis.zadd(erasuresDueKey(this.#prefix), dueAt, scope));
  }

  async cancelErasure(scope: string): Promise<boolean> {
    return (await callRedis(() => this.#redis.zrem(erasuresDueKey(this.#prefix), scope))) > 0;
  }

  async claimDueErasures(now: number, leaseMs: number, limit: number): Promise<string[]> {
    // The sweeps' lease script; the set has no earlier name to merge, so it is given as both keys.
    const key = erasuresDueKey(this.#prefix);
    const due = await callRedis(() =>
      this.#redis.eval(CLAIM_OVERDUE_SCRIPT, 2, key, key, now, now + leaseMs, limit),
    );
    return due as string[];
  }
}
