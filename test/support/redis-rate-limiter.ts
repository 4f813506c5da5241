import type { Redis, Result } from "ioredis";
import type { Clock } from "../../src/core/ports/ports.ts";
import {
  DEFAULT_RATE_LIMIT_POLICY,
  type RateDecision,
  type RateLimiter,
  type RateLimitPolicy,
  RateLimitPolicySchema,
} from "../../src/core/ports/rate-limiter.ts";
import { callRedis } from "../../src/store/call-redis.ts";
import { RATE_TAKE_SCRIPT } from "../../src/store/rate-take-lua.ts";
import { rateBucketKey } from "../../src/store/store-keys.ts";

declare module "ioredis" {
  interface RedisCommander<Context> {
    secondroundRateTake(...keysAndArgs: (string | number)[]): Result<[number, number, number], Context>;
  }
}

export interface RedisRateLimiterConfig {
  readonly client: Redis;
  /** Key namespace, "sr" by default, as for the sessions. */
  readonly keyPrefix?: string;
  readonly policy?: RateLimitPolicy;
  /** Tests only: the time to count with instead of Redis TIME. */
  readonly clock?: Clock;
}

/**
 * One take at a time through RATE_TAKE_SCRIPT: the same Lua function the commit and enqueue
 * scripts run in-line (src/store/rate-take-lua.ts), on its own, so the bucket's arithmetic,
 * precision and sharing are tested directly on a controlled clock.
 *
 * Token buckets in Redis, one small hash per key, shared by every process on the same Redis.
 *
 * Written here as one short Lua script rather than with `rate-limiter-flexible`: that package
 * counts points in fixed windows (its BurstyRateLimiter pairs two windows) instead of a refilling
 * bucket, so a flood straddling a window edge gets twice the burst through; it has no "first
 * refusal" flag, which would cost a second key and round trip and could not be exact under
 * concurrency; and it reads the time itself, so refill could only be tested by sleeping.
 */
export class RedisRateLimiter implements RateLimiter {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #policy: RateLimitPolicy;
  readonly #clock: Clock | undefined;

  constructor(config: RedisRateLimiterConfig) {
    this.#redis = config.client;
    this.#prefix = config.keyPrefix ?? "sr";
    this.#policy = RateLimitPolicySchema.parse(config.policy ?? DEFAULT_RATE_LIMIT_POLICY);
    this.#clock = config.clock;
    this.#redis.defineCommand("secondroundRateTake", { numberOfKeys: 1, lua: RATE_TAKE_SCRIPT });
  }

  async take(key: string): Promise<RateDecision> {
    const [allowed, notify, retryAfterMs] = await callRedis(() =>
      this.#redis.secondroundRateTake(
        rateBucketKey(this.#prefix, key),
        this.#policy.capacity,
        this.#policy.refillPerSecond,
        this.#clock ? this.#clock.now() : "",
      ),
    );
    if (allowed === 1) return { allowed: true };
    return { allowed: false, notify: notify === 1, retryAfterMs };
  }
}
