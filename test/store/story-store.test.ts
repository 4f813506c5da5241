import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STORY_BANK_RETENTION_MS } from "../../src/core/ports/story-store.ts";
import { FieldCipher } from "../../src/store/field-cipher.ts";
import { FileStoryStore } from "../../src/store/file-story-store.ts";
import { MemoryStoryStore } from "../../src/store/memory-story-store.ts";
import { RedisCandidateDirectory } from "../../src/store/redis-candidate-directory.ts";
import { RedisStoryStore } from "../../src/store/redis-story-store.ts";
import { resealAll } from "../../src/store/reseal-values.ts";
import { storyBankKey } from "../../src/store/store-keys.ts";
import { story, storyStoreContract } from "../contracts/story-store.contract.ts";
import { testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const client = testRedisClient();
const keyPrefix = uniquePrefix("stories");
const folder = mkdtempSync(join(tmpdir(), "secondround-stories-"));
let files = 0;

storyStoreContract("redis", () => new RedisStoryStore({ client, keyPrefix }));
storyStoreContract(
  "redis, sealed",
  () => new RedisStoryStore({ client, keyPrefix, cipher: new FieldCipher([key("k1")]) }),
);
storyStoreContract("memory", () => new MemoryStoryStore());
storyStoreContract("file", () => {
  files += 1;
  return new FileStoryStore({ path: join(folder, `stories-${files}.json`) });
});

function key(id: string) {
  return { id, key: randomBytes(32) };
}

describe("RedisStoryStore specifics", () => {
  it("keeps a bank a year after its last change, under the community's hash tag", async () => {
    const store = new RedisStoryStore({ client, keyPrefix });
    await store.put("discord:G1", "U1", [story("a")]);
    const bankKey = storyBankKey(keyPrefix, "discord:G1", "U1");
    expect(bankKey).toBe(`${keyPrefix}:v1:{discord:G1}:stories:U1`);
    const ttl = await client.pttl(bankKey);
    expect(ttl).toBeGreaterThan(STORY_BANK_RETENTION_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(STORY_BANK_RETENTION_MS);
  });

  it("is erased with its community", async () => {
    const prefix = uniquePrefix("stories-erase");
    const store = new RedisStoryStore({ client, keyPrefix: prefix });
    await store.put("discord:G7", "U1", [story("a")]);
    await store.put("discord:G70", "U1", [story("b")]);
    await new RedisCandidateDirectory({ client, keyPrefix: prefix }).eraseScope("discord:G7");
    expect(await store.list("discord:G7", "U1")).toEqual([]);
    expect(await store.list("discord:G70", "U1")).toHaveLength(1);
  });

  it("seals the stories' sentences, binds each to its member and id, and rotate-key reseals them", async () => {
    const prefix = uniquePrefix("stories-sealed");
    const old = key("old");
    const sealed = new RedisStoryStore({ client, keyPrefix: prefix, cipher: new FieldCipher([old]) });
    await sealed.put("slack:T1", "U1", [story("a"), story("b")]);
    const bankKey = storyBankKey(prefix, "slack:T1", "U1");
    const raw = await client.hgetall(bankKey);
    expect(JSON.stringify(raw)).not.toContain("warehouse");
    // A value copied to another member's bank does not open there (as a moved interview field).
    await client.hset(storyBankKey(prefix, "slack:T1", "U2"), "a", raw.a ?? "");
    await expect(sealed.list("slack:T1", "U2")).rejects.toThrow(/failed authentication/);
    await client.del(storyBankKey(prefix, "slack:T1", "U2"));

    const current = key("new");
    const outcome = await resealAll(client, prefix, new FieldCipher([current, old]));
    expect(outcome.resealed).toBeGreaterThanOrEqual(2);
    const rotated = new RedisStoryStore({ client, keyPrefix: prefix, cipher: new FieldCipher([current]) });
    expect((await rotated.list("slack:T1", "U1")).map((kept) => kept.situation)).toEqual([
      story("a").situation,
      story("b").situation,
    ]);
  });

  it("leaves out a story that no longer reads instead of failing the whole bank", async () => {
    const store = new RedisStoryStore({ client, keyPrefix });
    await store.put("slack:T2", "U1", [story("a")]);
    await client.hset(storyBankKey(keyPrefix, "slack:T2", "U1"), "bad", "{not json", "worse", '{"id":1}');
    expect(await store.list("slack:T2", "U1")).toEqual([story("a")]);
  });
});

describe("MemoryStoryStore specifics", () => {
  it("forgets a bank a year after its last change", async () => {
    let now = 0;
    const store = new MemoryStoryStore({ clock: { now: () => now } });
    await store.put("terminal", "terminal:ada", [story("a")]);
    now = STORY_BANK_RETENTION_MS - 1;
    expect(await store.list("terminal", "terminal:ada")).toHaveLength(1);
    now += 2;
    expect(await store.list("terminal", "terminal:ada")).toEqual([]);
  });
});

describe("FileStoryStore specifics", () => {
  it("keeps both of two terminals' changes and is readable by its owner only", async () => {
    const path = join(folder, "shared.json");
    await new FileStoryStore({ path }).put("terminal", "terminal:ada", [story("a")]);
    await new FileStoryStore({ path }).put("terminal", "terminal:ada", [story("b")]);
    expect(await new FileStoryStore({ path }).list("terminal", "terminal:ada")).toHaveLength(2);
    expect(statSync(path).mode & 0o077).toBe(0);
    expect(JSON.parse(readFileSync(path, "utf8")).format).toBe("secondround-stories");
  });
});
