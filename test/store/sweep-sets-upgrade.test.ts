import { describe, expect, it } from "vitest";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { deliveryDueKey, legacySweepKeys, timersDueKey } from "../../src/store/store-keys.ts";
import { testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const client = testRedisClient();

describe("the sweep sets' earlier names, during an upgrade", () => {
  it("are merged into the new sets by the sweep, so nothing a previous version armed is stranded", async () => {
    const keyPrefix = uniquePrefix("sweep-upgrade");
    const store = new RedisSessionStore({ client, keyPrefix });
    const legacy = legacySweepKeys(keyPrefix);
    // Written by a process of the previous version, and by this one.
    await client.zadd(legacy.timersDue, 1_000, "discord:G:T1\ns\nq1\n2");
    await client.zadd(timersDueKey(keyPrefix), 1_500, "discord:G:T2\ns\nq1\n1");
    await client.zadd(legacy.deliveryDue, 2_000, "discord:G:T1");

    expect((await store.claimDueTimers(5_000, 1_000, 10)).sort()).toEqual([
      "discord:G:T1\ns\nq1\n2",
      "discord:G:T2\ns\nq1\n1",
    ]);
    expect(await store.claimOverdueDeliveries(5_000, 1_000, 10)).toEqual(["discord:G:T1"]);
    expect(await client.exists(legacy.timersDue, legacy.deliveryDue)).toBe(0);
    // Leased in the new sets like any other entry.
    expect(await client.zscore(deliveryDueKey(keyPrefix), "discord:G:T1")).toBe("6000");

    // A previous-version process still running writes the old name again: the next pass takes it.
    // (The two claimed above are leased until 6000.)
    await client.zadd(legacy.timersDue, 5_200, "discord:G:T3\ns\nq2\n1");
    expect(await store.claimDueTimers(5_500, 1_000, 10)).toEqual(["discord:G:T3\ns\nq2\n1"]);
  });
});
