import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMIT_POLICY } from "../../src/core/ports/rate-limiter.ts";
import { MemoryRateLimiter } from "../../src/store/memory-rate-limiter.ts";
import { rateLimiterContract } from "../contracts/rate-limiter.contract.ts";

rateLimiterContract("memory", (policy) => {
  let now = 1_700_000_000_000;
  const limiter = new MemoryRateLimiter({ policy, clock: { now: () => now } });
  return {
    limiter,
    advance: (ms) => {
      now += ms;
    },
    lifetimeMs: async (key) => limiter.lifetimeMs(key),
  };
});

describe("MemoryRateLimiter specifics", () => {
  it("drops idle buckets once they would be full again", async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter({
      policy: { capacity: 2, refillPerSecond: 1 },
      clock: { now: () => now },
    });
    for (let member = 0; member < 50; member += 1) await limiter.take(`terminal:idle/u${member}`);
    expect(limiter.size).toBe(50);
    now += 60_000;
    await limiter.take("terminal:idle/someone-else");
    expect(limiter.size).toBe(1);
  });

  it("never limits a candidate pasting an answer as ten quick messages, twice in a row", async () => {
    const now = 0;
    const limiter = new MemoryRateLimiter({ policy: DEFAULT_RATE_LIMIT_POLICY, clock: { now: () => now } });
    const decisions = await Promise.all(Array.from({ length: 20 }, () => limiter.take("terminal:paste/u1")));
    expect(decisions.every((decision) => decision.allowed)).toBe(true);
  });
});
