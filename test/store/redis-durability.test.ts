import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { redisDurabilityWarning } from "../../src/store/redis-durability.ts";
import { startCrashableRedis } from "../support/crashable-redis.ts";
import { startThrowawayRedis } from "../support/throwaway-redis.ts";

describe("Redis durability check at start-up", () => {
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const stop of stops) await stop();
  });

  it("is quiet for appendonly yes + appendfsync always", async () => {
    const redis = await startCrashableRedis("always");
    stops.push(() => redis.stop());
    const client = new Redis(redis.url);
    expect(await redisDurabilityWarning(client)).toBeNull();
    await client.quit();
  });

  it("warns, naming the settings, for everysec and for no AOF at all", async () => {
    const everysec = await startCrashableRedis("everysec");
    const none = await startThrowawayRedis();
    stops.push(
      () => everysec.stop(),
      () => none.stop(),
    );
    const first = new Redis(everysec.url);
    const second = new Redis(none.url);
    expect(await redisDurabilityWarning(first)).toMatch(/appendonly yes, appendfsync everysec/);
    expect(await redisDurabilityWarning(second)).toMatch(/appendonly no/);
    await first.quit();
    await second.quit();
  });
});
