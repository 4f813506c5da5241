import { describe, expect, it } from "vitest";
import { TOKEN_METER_RETENTION_MS } from "../../src/core/ports/community-settings-store.ts";
import { MemoryCommunitySettingsStore } from "../../src/store/memory-community-settings-store.ts";
import { RedisCandidateDirectory } from "../../src/store/redis-candidate-directory.ts";
import { RedisCommunitySettingsStore } from "../../src/store/redis-community-settings-store.ts";
import { communitySettingsKey, tokenMeterKey } from "../../src/store/store-keys.ts";
import { communitySettingsStoreContract } from "../contracts/community-settings-store.contract.ts";
import { testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const client = testRedisClient();
const keyPrefix = uniquePrefix("settings");

communitySettingsStoreContract("redis", () => new RedisCommunitySettingsStore({ client, keyPrefix }));
communitySettingsStoreContract("memory", () => new MemoryCommunitySettingsStore());

describe("RedisCommunitySettingsStore specifics", () => {
  it("keeps settings and meters under the community's hash tag; a month's meter expires", async () => {
    const store = new RedisCommunitySettingsStore({ client, keyPrefix });
    await store.put("slack:T9", { version: 1, aiCoach: false });
    await store.addTokens("slack:T9", "2026-12", 10);
    expect(communitySettingsKey(keyPrefix, "slack:T9")).toBe(`${keyPrefix}:v1:{slack:T9}:settings`);
    const meter = tokenMeterKey(keyPrefix, "slack:T9", "2026-12");
    expect(meter).toBe(`${keyPrefix}:v1:{slack:T9}:tokens:2026-12`);
    const ttl = await client.pttl(meter);
    expect(ttl).toBeGreaterThan(TOKEN_METER_RETENTION_MS - 60_000);
    expect(await client.pttl(communitySettingsKey(keyPrefix, "slack:T9"))).toBe(-1);
  });

  it("is erased with its community", async () => {
    const prefix = uniquePrefix("settings-erase");
    const store = new RedisCommunitySettingsStore({ client, keyPrefix: prefix });
    await store.put("discord:G7", { version: 1, interviewsPerMemberPerDay: 1 });
    await store.addTokens("discord:G7", "2026-12", 99);
    await store.put("discord:G70", { version: 1, interviewsPerMemberPerDay: 2 });
    await new RedisCandidateDirectory({ client, keyPrefix: prefix }).eraseScope("discord:G7");
    expect(await store.get("discord:G7")).toEqual({ version: 1 });
    expect(await store.tokensUsed("discord:G7", "2026-12")).toBe(0);
    expect(await store.get("discord:G70")).toEqual({ version: 1, interviewsPerMemberPerDay: 2 });
  });

  it("reads a hand-damaged value as the defaults rather than failing every interview", async () => {
    const store = new RedisCommunitySettingsStore({ client, keyPrefix });
    await client.set(communitySettingsKey(keyPrefix, "discord:G8"), "{not json");
    expect(await store.get("discord:G8")).toEqual({ version: 1 });
    await client.set(communitySettingsKey(keyPrefix, "discord:G8"), JSON.stringify({ version: 9 }));
    expect(await store.get("discord:G8")).toEqual({ version: 1 });
  });
});
