import type { Clock } from "../core/ports/ports.ts";
import {
  type BucketState,
  DEFAULT_RATE_LIMIT_POLICY,
  type RateDecision,
  type RateLimiter,
  type RateLimitPolicy,
  RateLimitPolicySchema,
  takeFromBucket,
} from "../core/ports/rate-limiter.ts";

/** Idle buckets are swept at most this often (clock time), so a take stays O(1) on average. */
const SWEEP_EVERY_MS = 10_000;

/**
 * In-process token buckets with the same semantics as the Redis scripts' (rate-take-lua.ts): the
 * memory store's rate limit. One process only. A bucket is forgotten once it would be full again (nothing to remember).
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #buckets = new Map<string, BucketState & { readonly expiresAt: number }>();
  readonly #policy: RateLimitPolicy;
  readonly #clock: Clock;
  #nextSweep = Number.NEGATIVE_INFINITY;

  constructor(options: { readonly policy?: RateLimitPolicy; readonly clock?: Clock } = {}) {
    this.#policy = RateLimitPolicySchema.parse(options.policy ?? DEFAULT_RATE_LIMIT_POLICY);
    this.#clock = options.clock ?? { now: () => Date.now() };
  }

  async take(key: string): Promise<RateDecision> {
    return this.takeNow(key);
  }

  /**
   * The same, synchronously, so the memory store takes the token in the same step as it stores
   * the event; `policy`: another policy than the limiter's own (the store passes the request's).
   */
  takeNow(key: string, policy: RateLimitPolicy = this.#policy): RateDecision {
    const now = this.#clock.now();
    this.#sweep(now);
    const stored = this.#buckets.get(key);
    const current = stored && stored.expiresAt > now ? stored : undefined;
    const { decision, state, idleMs } = takeFromBucket(policy, current, now);
    this.#buckets.set(key, { ...state, expiresAt: now + idleMs });
    return decision;
  }

  /** Buckets currently held (expired ones count until the next sweep), for tests. */
  get size(): number {
    return this.#buckets.size;
  }

  /** Milliseconds until the key's bucket is forgotten, or null when none is held; for tests. */
  lifetimeMs(key: string): number | null {
    const stored = this.#buckets.get(key);
    const now = this.#clock.now();
    return stored && stored.expiresAt > now ? stored.expiresAt - now : null;
  }

  #sweep(now: number): void {
    if (now < this.#nextSweep) return;
    this.#nextSweep = now + SWEEP_EVERY_MS;
    for (const [key, bucket] of this.#buckets) if (bucket.expiresAt <= now) this.#buckets.delete(key);
  }
}
