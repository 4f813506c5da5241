import { describe, expect, it } from "vitest";
import {
  type RateDecision,
  type RateLimiter,
  type RateLimitPolicy,
  rateLimitKey,
} from "../../src/core/ports/rate-limiter.ts";

export interface RateLimiterHarness {
  readonly limiter: RateLimiter;
  /** Moves the limiter's clock forward; the clock stands still otherwise. */
  advance(ms: number): void;
  /** Milliseconds until the key's stored bucket is forgotten, or null when nothing is stored. */
  lifetimeMs(key: string): Promise<number | null>;
}

let counter = 0;
function freshKey(member = "u1"): string {
  counter += 1;
  return rateLimitKey(`discord:${process.pid}${Date.now()}:thread-${counter}`, member);
}

async function takeMany(limiter: RateLimiter, key: string, count: number): Promise<RateDecision[]> {
  const decisions: RateDecision[] = [];
  for (let index = 0; index < count; index += 1) decisions.push(await limiter.take(key));
  return decisions;
}

const allowedCount = (decisions: RateDecision[]) => decisions.filter((decision) => decision.allowed).length;
const noticeCount = (decisions: RateDecision[]) =>
  decisions.filter((decision) => !decision.allowed && decision.notify).length;

/** Behaviour every RateLimiter must have; run against Redis and memory alike, on a controlled clock. */
export function rateLimiterContract(
  name: string,
  makeHarness: (policy: RateLimitPolicy) => RateLimiterHarness,
) {
  describe(`RateLimiter contract: ${name}`, () => {
    it("allows a burst up to the capacity, then refuses with one notice and then quietly", async () => {
      const { limiter } = makeHarness({ capacity: 5, refillPerSecond: 1 });
      const key = freshKey();
      const burst = await takeMany(limiter, key, 5);
      expect(burst.every((decision) => decision.allowed)).toBe(true);
      expect(await limiter.take(key)).toEqual({ allowed: false, notify: true, retryAfterMs: 1000 });
      expect(await limiter.take(key)).toEqual({ allowed: false, notify: false, retryAfterMs: 1000 });
      expect(await limiter.take(key)).toEqual({ allowed: false, notify: false, retryAfterMs: 1000 });
    });

    it("refills with time: a partial refill shortens the wait, a whole token lets one more through", async () => {
      const { limiter, advance } = makeHarness({ capacity: 2, refillPerSecond: 4 });
      const key = freshKey();
      await takeMany(limiter, key, 2);
      expect(await limiter.take(key)).toEqual({ allowed: false, notify: true, retryAfterMs: 250 });
      advance(100);
      expect(await limiter.take(key)).toEqual({ allowed: false, notify: false, retryAfterMs: 150 });
      advance(150);
      expect(await limiter.take(key)).toEqual({ allowed: true });
      expect(await limiter.take(key)).toMatchObject({ allowed: false });
    });

    it("gives one notice per flood: a new one only after the bucket has filled up again", async () => {
      const { limiter, advance } = makeHarness({ capacity: 2, refillPerSecond: 1 });
      const key = freshKey();
      expect(allowedCount(await takeMany(limiter, key, 2))).toBe(2);
      expect(await limiter.take(key)).toMatchObject({ allowed: false, notify: true });
      // A flood that goes on: the refill lets one through, but it is the same run of refusals.
      advance(1000);
      expect(await limiter.take(key)).toEqual({ allowed: true });
      expect(await limiter.take(key)).toMatchObject({ allowed: false, notify: false });
      // The member waited until the bucket was full: a later flood gets its own notice.
      advance(2000);
      expect(allowedCount(await takeMany(limiter, key, 2))).toBe(2);
      expect(await limiter.take(key)).toMatchObject({ allowed: false, notify: true });
      expect(await limiter.take(key)).toMatchObject({ allowed: false, notify: false });
    });

    it("never holds more than the capacity, however long a bucket stays idle", async () => {
      const { limiter, advance } = makeHarness({ capacity: 3, refillPerSecond: 10 });
      const key = freshKey();
      await limiter.take(key);
      advance(60 * 60_000);
      expect(allowedCount(await takeMany(limiter, key, 10))).toBe(3);
    });

    it("keeps keys independent: another member, another interview", async () => {
      const { limiter } = makeHarness({ capacity: 2, refillPerSecond: 1 });
      const key = freshKey("u1");
      const scope = key.slice(0, key.indexOf("/"));
      await takeMany(limiter, key, 3);
      expect(await limiter.take(key)).toMatchObject({ allowed: false });
      expect(await limiter.take(rateLimitKey(scope, "u2"))).toEqual({ allowed: true });
      expect(await limiter.take(freshKey("u1"))).toEqual({ allowed: true });
    });

    it("lets exactly the capacity through 1,000 concurrent takes, with exactly one notice", async () => {
      const { limiter } = makeHarness({ capacity: 20, refillPerSecond: 2 });
      const key = freshKey();
      const decisions = await Promise.all(Array.from({ length: 1_000 }, () => limiter.take(key)));
      expect(allowedCount(decisions)).toBe(20);
      expect(noticeCount(decisions)).toBe(1);
    });

    it("forgets an idle bucket once it would be full again", async () => {
      const { limiter, lifetimeMs } = makeHarness({ capacity: 4, refillPerSecond: 2 });
      const key = freshKey();
      expect(await lifetimeMs(key)).toBeNull();
      await limiter.take(key);
      const afterOne = await lifetimeMs(key);
      expect(afterOne).toBeGreaterThan(0);
      expect(afterOne).toBeLessThanOrEqual(500);
      await takeMany(limiter, key, 5);
      const afterEmpty = await lifetimeMs(key);
      expect(afterEmpty).toBeGreaterThan(500);
      expect(afterEmpty).toBeLessThanOrEqual(2_000);
    });

    it("rejects a policy that could never let anything through", () => {
      expect(() => makeHarness({ capacity: 0, refillPerSecond: 1 })).toThrow();
      expect(() => makeHarness({ capacity: 5, refillPerSecond: 0 })).toThrow();
    });
  });
}
