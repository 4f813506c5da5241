import type { Redis, Result } from "ioredis";
import type { Clock } from "../core/ports/ports.ts";
import {
  DEFAULT_RATE_LIMIT_POLICY,
  type RateDecision,
  type RateLimiter,
  type RateLimitPolicy,
  RateLimitPolicySchema,
} from "../core/ports/rate-limiter.ts";
import { callRedis } from "./call-redis.ts";
import { KEY_LAYOUT_VERSION } from "./store-keys.ts";

declare module "ioredis" {
  interface RedisCommander<Context> {
    secondroundRateTake(...keysAndArgs: (string | number)[]): Result<[number, number, number], Context>;
  }
}

/**
 * One take in one round trip and one atomic step, so every process shares the bucket and
 * concurrent takes cannot spend the same token: refill by the time elapsed since the last take,
 * spend a token or refuse, track the "already told" flag, and expire the hash once it would be
 * full again (an absent bucket and a full one behave alike). The same arithmetic as
 * takeFromBucket in src/core/rate-limiter.ts.
 *
 * Time is Redis' own clock (TIME, microseconds), so processes with skewed clocks agree; tests may
 * pass a time instead. Numbers go to redis.call as Lua numbers, which Redis writes at full
 * precision (Lua's tostring would round to 14 digits).
 *
 * KEYS[1] the bucket hash (fields t = tokens, at = ms, n = "1" once a refusal was reported)
 * ARGV[1] capacity   ARGV[2] tokens per second   ARGV[3] now in ms, or "" for Redis TIME
 * Returns {allowed 0|1, notify 0|1, retry-after ms}
 */
export const RATE_TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now
if ARGV[3] == '' then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
else
  now = tonumber(ARGV[3])
end
local stored = redis.call('HMGET', KEYS[1], 't', 'at', 'n')
local tokens = tonumber(stored[1])
local at = tonumber(stored[2])
local notified = stored[3] == '1'
if tokens == nil or at == nil then
  tokens = capacity
  at = now
  notified = false
end
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * rate / 1000)
  at = now
else
  tokens = math.min(capacity, tokens)
end
local allowed = 0
local notify = 0
local retry = 0
if tokens >= 1 then
  -- The notice re-arms only once the bucket has filled up again: one notice per flood.
  if tokens >= capacity then notified = false end
  tokens = tokens - 1
  allowed = 1
else
  if not notified then notify = 1 end
  notified = true
  retry = math.max(1, math.ceil((1 - tokens) * 1000 / rate))
end
redis.call('HSET', KEYS[1], 't', tokens, 'at', at, 'n', notified and '1' or '0')
redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil((capacity - tokens) * 1000 / rate)))
return {allowed, notify, retry}
`;

/**
 * `<prefix>:v1:{<scope>}:rate:<member>` for a key made by rateLimitKey(scope, member). With the
 * interview's conversation as the scope, the bucket shares the interview's hash tag and is erased
 * by the same SCAN patterns as the interview and its community. A key without "/" is all scope.
 */
export function rateBucketKey(prefix: string, key: string): string {
  const slash = key.indexOf("/");
  if (slash < 0) return `${prefix}:${KEY_LAYOUT_VERSION}:{${key}}:rate`;
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${key.slice(0, slash)}}:rate:${key.slice(slash + 1)}`;
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
