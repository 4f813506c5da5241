import { deflateRawSync, zstdCompressSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { SessionCorruptError, StoreUnavailableError } from "../../src/core/model/errors.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { conversationKeyPattern, sessionKey } from "../../src/store/store-keys.ts";
import { sessionStoreContract } from "../contracts/session-store.contract.ts";
import { countKeys, testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";
import { sampleSession, withDraft } from "../support/sample-session.ts";

const client = testRedisClient();
const keyPrefix = uniquePrefix("store");

sessionStoreContract("redis", (ttls) => {
  const store = new RedisSessionStore({ client, keyPrefix, ...ttls });
  return {
    store,
    corrupt: async (conversation, field, value) => {
      await client.hset(sessionKey(keyPrefix, conversation), field, value);
    },
    remainingKeys: (conversation) => countKeys(client, conversationKeyPattern(keyPrefix, conversation)),
  };
});

describe("RedisSessionStore specifics", () => {
  const store = new RedisSessionStore({ client, keyPrefix });

  it("puts a TTL on every key it writes", async () => {
    const conversation = "terminal:ttl-check" as const;
    await store.commit({ conversation, previous: null, next: sampleSession(conversation), eventId: "e1" });
    const stream = client.scanStream({ match: conversationKeyPattern(keyPrefix, conversation) });
    const keys: string[] = [];
    for await (const batch of stream as AsyncIterable<string[]>) keys.push(...batch);
    // The session hash only: the event's claim is kept inside it.
    expect(keys.length).toBe(1);
    for (const key of keys) expect(await client.pttl(key)).toBeGreaterThan(0);
  });

  it("keeps all keys of one interview in one cluster hash slot", async () => {
    const conversation = "discord:guild:thread{odd}" as const;
    await store.commit({ conversation, previous: null, next: sampleSession(conversation), eventId: "e1" });
    const keys: string[] = [];
    for await (const batch of client.scanStream({ match: `${keyPrefix}:*` }) as AsyncIterable<string[]>)
      keys.push(...batch);
    const slots = new Set(
      await Promise.all(
        keys
          .filter((key) => key.includes("thread"))
          .map((key) => client.call("CLUSTER", "KEYSLOT", key).catch(() => keySlotTag(key))),
      ),
    );
    expect(slots.size).toBe(1);
  });

  it("writes only the fields a change touched", async () => {
    const conversation = "terminal:diff-check" as const;
    const created = await store.commit({ conversation, previous: null, next: sampleSession(conversation) });
    if (created.status !== "committed" || !created.stored) throw new Error("setup failed");
    // Store the questions in another valid encoding (plain JSON instead of deflated). A store that
    // rewrote every field would replace it; one that writes only changes leaves it alone.
    const key = sessionKey(keyPrefix, conversation);
    const plain = JSON.stringify(created.stored.session.questions);
    await client.hset(key, "questions", plain);
    await store.commit({
      conversation,
      previous: created.stored,
      next: withDraft(created.stored.session, "m1", "hello there"),
    });
    expect(await client.hget(key, "questions")).toBe(plain);
    expect((await store.load(conversation))?.session.turn?.draft[0]?.text).toBe("hello there");
  });

  it("refuses a stored field that inflates past the size cap (a decompression bomb) as corrupt", async () => {
    const conversation = "terminal:bomb-check" as const;
    await store.commit({ conversation, previous: null, next: sampleSession(conversation) });
    const bomb = Buffer.concat([Buffer.of(0x01), deflateRawSync(Buffer.alloc(20 * 1024 * 1024, 0x20))]);
    await client.hset(sessionKey(keyPrefix, conversation), "questions", bomb);
    await expect(store.load(conversation)).rejects.toBeInstanceOf(SessionCorruptError);
  });

  // Today's markers: zstd with core-v2 (0x07), answer-v3 (0x08), cold-v1 (0x03).
  it.each([0x07, 0x08, 0x03])(
    "refuses a zstd field (marker %i) that would unpack past the cap, or is not zstd at all, as corrupt",
    async (marker) => {
      const conversation = `terminal:zstd-bomb-${marker}` as const;
      await store.commit({ conversation, previous: null, next: sampleSession(conversation) });
      const key = sessionKey(keyPrefix, conversation);
      // A frame with no dictionary and no declared size: only the output bound can stop it.
      const bomb = Buffer.concat([Buffer.of(marker), zstdCompressSync(Buffer.alloc(20 * 1024 * 1024, 0x20))]);
      await client.hset(key, "core", bomb);
      await expect(store.load(conversation)).rejects.toBeInstanceOf(SessionCorruptError);
      await client.hset(key, "core", Buffer.concat([Buffer.of(marker), Buffer.from("not a zstd frame")]));
      await expect(store.load(conversation)).rejects.toBeInstanceOf(SessionCorruptError);
    },
  );

  it("refuses a version field that is not a non-negative integer as corrupt, not as a lost race", async () => {
    for (const version of ["abc", "-1", "1.5", "", " 2", "0x2", "1e3", "Infinity"]) {
      const conversation = `terminal:version-${Buffer.from(version).toString("hex")}` as const;
      await store.commit({ conversation, previous: null, next: sampleSession(conversation) });
      await client.hset(sessionKey(keyPrefix, conversation), "v", version);
      const loading = store.load(conversation);
      await expect(loading, JSON.stringify(version)).rejects.toBeInstanceOf(SessionCorruptError);
      await expect(store.load(conversation)).rejects.toThrow(/version field .* is not a version number/);
    }
  });

  it("reports an unreachable Redis as StoreUnavailableError", async () => {
    const offline = new RedisSessionStore({
      url: "redis://127.0.0.1:1",
      redisOptions: { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true },
    });
    await expect(offline.load("terminal:x")).rejects.toBeInstanceOf(StoreUnavailableError);
    await offline.close().catch(() => {});
  });
});

afterAll(async () => {
  const stream = client.scanStream({ match: `${keyPrefix}:*`, count: 500 });
  for await (const keys of stream as AsyncIterable<string[]>)
    if (keys.length > 0) await client.unlink(...keys);
});

/** Outside cluster mode CLUSTER KEYSLOT is unavailable; the hash tag itself identifies the slot. */
function keySlotTag(key: string): string {
  const open = key.indexOf("{");
  const close = key.indexOf("}", open + 1);
  return key.slice(open + 1, close);
}

describe("RedisSessionStore conversations", () => {
  it("lists every stored interview of one platform", async () => {
    const prefix = uniquePrefix("listing");
    const store = new RedisSessionStore({ client, keyPrefix: prefix });
    const keys = ["discord:G1:T1", "discord:G1:T2", "slack:T1:C1:1.0"] as const;
    for (const conversation of keys)
      await store.commit({ conversation, previous: null, next: sampleSession(conversation) });
    const found: string[] = [];
    for await (const conversation of store.conversations("discord")) found.push(conversation);
    expect(found.sort()).toEqual(["discord:G1:T1", "discord:G1:T2"]);
  });
});
