import { describe, expect, it } from "vitest";
import { MemoryCandidateDirectory } from "../../src/store/memory-candidate-directory.ts";
import { MemorySessionStore } from "../../src/store/memory-session-store.ts";
import { RedisCandidateDirectory } from "../../src/store/redis-candidate-directory.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { candidateKey, deliveryDueKey, timersDueKey } from "../../src/store/store-keys.ts";
import { candidateDirectoryContract } from "../contracts/candidate-directory.contract.ts";
import { countKeys, testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";
import { sampleSession } from "../support/sample-session.ts";

const client = testRedisClient();
const keyPrefix = uniquePrefix("directory");

candidateDirectoryContract("redis", () => ({
  directory: new RedisCandidateDirectory({ client, keyPrefix }),
  store: new RedisSessionStore({ client, keyPrefix }),
}));

candidateDirectoryContract("memory", () => {
  const store = new MemorySessionStore();
  return { directory: new MemoryCandidateDirectory(store), store };
});

describe("RedisCandidateDirectory specifics", () => {
  it("expires a candidate's list with the interviews it points to", async () => {
    const directory = new RedisCandidateDirectory({ client, keyPrefix, sessionTtlMs: 60_000 });
    await directory.record("slack:T1", "U1", "slack:T1:C1:1.0", 1);
    const ttl = await client.pttl(candidateKey(keyPrefix, "slack:T1", "U1"));
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it("lists every interview still stored, however many, and drops those older than the session TTL", async () => {
    const directory = new RedisCandidateDirectory({ client, keyPrefix, sessionTtlMs: 1_000_000 });
    const scope = `slack:T${Date.now()}` as const;
    for (let started = 1; started <= 80; started += 1)
      await directory.record(scope, "U1", `${scope}:C1:${started}.0`, started * 1_000);
    // A member's erasure must find all 80, not just the newest few.
    expect(await directory.recent(scope, "U1", 1_000)).toHaveLength(80);
    // 1,000 s later the first interviews have expired with their sessions: so have their entries.
    await directory.record(scope, "U1", `${scope}:C1:late.0`, 1_040_500);
    const listed = await directory.recent(scope, "U1", 1_000);
    expect(listed).toHaveLength(41);
    expect(listed).not.toContain(`${scope}:C1:40.0`);
    expect(listed).toContain(`${scope}:C1:41.0`);
  });

  it("erasing a workspace leaves no key of it, even with glob characters in ids", async () => {
    const directory = new RedisCandidateDirectory({ client, keyPrefix });
    await directory.record("slack:T*[x]", "U1", "slack:T*[x]:C1:1.0", 1);
    await directory.record("slack:T2", "U1", "slack:T2:C1:1.0", 1);
    await directory.eraseScope("slack:T*[x]");
    expect(await countKeys(client, `${keyPrefix}:*T\\*\\[x\\]*`)).toBe(0);
    expect(await directory.recent("slack:T2", "U1", 5)).toEqual(["slack:T2:C1:1.0"]);
  });

  it("erasing a workspace takes its conversations out of the deployment-wide timer and delivery sets", async () => {
    const prefix = uniquePrefix("directory-sweeps");
    const directory = new RedisCandidateDirectory({ client, keyPrefix: prefix });
    const store = new RedisSessionStore({ client, keyPrefix: prefix });
    for (const conversation of ["slack:T3:C1:1.0", "slack:T30:C1:1.0"] as const) {
      await store.commit({
        conversation,
        previous: null,
        next: sampleSession(conversation),
        deliveryDueAt: 1_000,
        timers: { add: { member: `${conversation}\ns\nq1\n1`, dueAt: 1_000 } },
      });
    }
    await directory.eraseScope("slack:T3");
    // Only the other workspace (whose id merely starts the same) is left.
    expect(await client.zrange(timersDueKey(prefix), "0", "-1")).toEqual(["slack:T30:C1:1.0\ns\nq1\n1"]);
    expect(await client.zrange(deliveryDueKey(prefix), "0", "-1")).toEqual(["slack:T30:C1:1.0"]);
  });
});
