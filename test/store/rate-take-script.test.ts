import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import { type RateDecision, rateLimitKey } from "../../src/core/ports/rate-limiter.ts";
import { conversationKeyPattern, rateBucketKey, scopeKeyPatterns } from "../../src/store/store-keys.ts";
import { rateLimiterContract } from "../contracts/rate-limiter.contract.ts";
import { RedisRateLimiter } from "../support/redis-rate-limiter.ts";
import { countKeys, testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const client = testRedisClient();
const secondClient = testRedisClient();
const keyPrefix = uniquePrefix("rate");

let counter = 0;
function freshScope(): `discord:${string}` {
  counter += 1;
  return `discord:${process.pid}${Date.now()}:thread-${counter}`;
}

async function redisNowMs(): Promise<number> {
  const [seconds, micros] = await client.time();
  return Number(seconds) * 1000 + Number(micros) / 1000;
}

rateLimiterContract("redis", (policy) => {
  let now = 1_700_000_000_000;
  const limiter = new RedisRateLimiter({ client, keyPrefix, policy, clock: { now: () => now } });
  return {
    limiter,
    advance: (ms) => {
      now += ms;
    },
    lifetimeMs: async (key) => {
      const ttl = await client.pttl(rateBucketKey(keyPrefix, key));
      return ttl < 0 ? null : ttl;
    },
  };
});

describe("RedisRateLimiter specifics", () => {
  it("shares one bucket between two clients (two processes)", async () => {
    const policy = { capacity: 6, refillPerSecond: 0.001 };
    const first = new RedisRateLimiter({ client, keyPrefix, policy });
    const other = new RedisRateLimiter({ client: secondClient, keyPrefix, policy });
    const key = rateLimitKey(freshScope(), "u1");
    const decisions: RateDecision[] = [];
    for (let index = 0; index < 10; index += 1)
      decisions.push(await (index % 2 === 0 ? first : other).take(key));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(6);
    expect(decisions.filter((decision) => !decision.allowed && decision.notify)).toHaveLength(1);
    const raced = rateLimitKey(freshScope(), "u1");
    const both = await Promise.all(
      Array.from({ length: 400 }, (_, index) => (index % 2 === 0 ? first : other).take(raced)),
    );
    expect(both.filter((decision) => decision.allowed)).toHaveLength(6);
    expect(both.filter((decision) => !decision.allowed && decision.notify)).toHaveLength(1);
  });

  it("counts with Redis TIME: 1,000 concurrent takes get the capacity plus at most the refill meanwhile", async () => {
    const policy = { capacity: 20, refillPerSecond: 2 };
    const limiter = new RedisRateLimiter({ client, keyPrefix, policy });
    const key = rateLimitKey(freshScope(), "u1");
    const before = await redisNowMs();
    const decisions = await Promise.all(Array.from({ length: 1_000 }, () => limiter.take(key)));
    const elapsedMs = (await redisNowMs()) - before;
    const allowed = decisions.filter((decision) => decision.allowed).length;
    const notices = decisions.filter((decision) => !decision.allowed && decision.notify).length;
    const refill = Math.floor((elapsedMs * policy.refillPerSecond) / 1000);
    expect(allowed).toBeGreaterThanOrEqual(20);
    expect(allowed).toBeLessThanOrEqual(20 + refill);
    // One notice per run of refusals; a refill in between may start one more run.
    expect(notices).toBeGreaterThanOrEqual(1);
    expect(notices).toBeLessThanOrEqual(1 + (allowed - 20));
  });

  it("refills by Redis TIME between two calls, without sleeping", async () => {
    // A million tokens a second is one a microsecond: any two round trips are further apart.
    const fast = new RedisRateLimiter({ client, keyPrefix, policy: { capacity: 1, refillPerSecond: 1e6 } });
    const fastKey = rateLimitKey(freshScope(), "u1");
    expect(await fast.take(fastKey)).toEqual({ allowed: true });
    expect(await fast.take(fastKey)).toEqual({ allowed: true });
    // One token every 1,000 s: nothing comes back between two calls.
    const slow = new RedisRateLimiter({ client, keyPrefix, policy: { capacity: 1, refillPerSecond: 0.001 } });
    const slowKey = rateLimitKey(freshScope(), "u1");
    expect(await slow.take(slowKey)).toEqual({ allowed: true });
    const refused = await slow.take(slowKey);
    expect(refused).toMatchObject({ allowed: false, notify: true });
    if (!refused.allowed) expect(refused.retryAfterMs).toBeGreaterThan(999_000);
  });

  it("keeps the time and tokens at full precision in the hash", async () => {
    let now = 1_700_000_000_123.457;
    const limiter = new RedisRateLimiter({
      client,
      keyPrefix,
      policy: { capacity: 3, refillPerSecond: 3 },
      clock: { now: () => now },
    });
    const key = rateLimitKey(freshScope(), "u1");
    await limiter.take(key);
    now += 0.5;
    await limiter.take(key);
    const [tokens, at] = await client.hmget(rateBucketKey(keyPrefix, key), "t", "at");
    expect(Number(at)).toBe(now);
    expect(Number(tokens)).toBeCloseTo(1.0015, 10);
  });

  it("names the bucket under the interview's hash tag, so erasing the interview or its community erases it", async () => {
    const scope = freshScope();
    const limiter = new RedisRateLimiter({ client, keyPrefix });
    await limiter.take(rateLimitKey(scope, "U123"));
    expect(rateBucketKey(keyPrefix, rateLimitKey(scope, "U123"))).toBe(
      `${keyPrefix}:v1:{${scope}}:rate:U123`,
    );
    expect(await countKeys(client, conversationKeyPattern(keyPrefix, scope))).toBe(1);
    const community = scope.slice(0, scope.lastIndexOf(":"));
    expect(await countKeys(client, scopeKeyPatterns(keyPrefix, community)[1])).toBeGreaterThanOrEqual(1);
  });

  it("reports an unreachable Redis as StoreUnavailableError", async () => {
    const offline = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    offline.on("error", () => {});
    const limiter = new RedisRateLimiter({ client: offline, keyPrefix });
    await expect(limiter.take(rateLimitKey(freshScope(), "u1"))).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    offline.disconnect();
  });
});
