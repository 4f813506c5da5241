import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROGRESS_RETENTION_MS } from "../../src/core/ports/progress-store.ts";
import { FileProgressStore } from "../../src/store/file-progress-store.ts";
import { MemoryProgressStore } from "../../src/store/memory-progress-store.ts";
import { RedisCandidateDirectory } from "../../src/store/redis-candidate-directory.ts";
import { RedisProgressStore } from "../../src/store/redis-progress-store.ts";
import { progressKey } from "../../src/store/store-keys.ts";
import { progressEntry, progressStoreContract } from "../contracts/progress-store.contract.ts";
import { testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const client = testRedisClient();
const keyPrefix = uniquePrefix("progress");
const folder = mkdtempSync(join(tmpdir(), "secondround-progress-"));
let files = 0;

progressStoreContract("redis", () => new RedisProgressStore({ client, keyPrefix }));
progressStoreContract("memory", () => new MemoryProgressStore());
progressStoreContract("file", () => {
  files += 1;
  return new FileProgressStore({ path: join(folder, `progress-${files}.json`) });
});

describe("RedisProgressStore specifics", () => {
  it("keeps a member's history a year after their latest interview, under the community's hash tag", async () => {
    const store = new RedisProgressStore({ client, keyPrefix });
    await store.record("slack:T1", "U1", progressEntry("s1", 1_000));
    const key = progressKey(keyPrefix, "slack:T1", "U1");
    expect(key).toBe(`${keyPrefix}:v1:{slack:T1}:progress:U1`);
    const ttl = await client.pttl(key);
    expect(ttl).toBeGreaterThan(PROGRESS_RETENTION_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(PROGRESS_RETENTION_MS);
    // Stored without any answer text: the entry's fields only.
    expect(Object.keys(JSON.parse((await client.hget(key, "s1")) ?? "{}")).sort()).toEqual(
      ["company", "competencies", "finishedAt", "overallScore", "role", "sessionId", "stage"].sort(),
    );
  });

  it("is erased with its workspace", async () => {
    const prefix = uniquePrefix("progress-erase");
    const store = new RedisProgressStore({ client, keyPrefix: prefix });
    const directory = new RedisCandidateDirectory({ client, keyPrefix: prefix });
    await store.record("slack:T7", "U1", progressEntry("s1", 1_000));
    await store.record("slack:T70", "U1", progressEntry("s2", 1_000));
    await directory.eraseScope("slack:T7");
    expect(await store.list("slack:T7", "U1")).toEqual([]);
    expect(await store.list("slack:T70", "U1")).toHaveLength(1);
  });

  it("skips an entry that no longer reads instead of failing the whole history", async () => {
    const store = new RedisProgressStore({ client, keyPrefix });
    await store.record("slack:T2", "U1", progressEntry("s1", 1_000));
    await client.hset(
      progressKey(keyPrefix, "slack:T2", "U1"),
      "bad",
      "{not json",
      "worse",
      '{"sessionId":1}',
    );
    expect(await store.list("slack:T2", "U1")).toEqual([progressEntry("s1", 1_000)]);
  });
});

describe("MemoryProgressStore specifics", () => {
  it("forgets a member's history a year after their latest interview", async () => {
    let now = 0;
    const store = new MemoryProgressStore({ clock: { now: () => now } });
    await store.record("terminal", "terminal:ada", progressEntry("s1", 0));
    now = PROGRESS_RETENTION_MS - 1;
    await store.record("terminal", "terminal:ada", progressEntry("s2", now));
    now += PROGRESS_RETENTION_MS - 1;
    expect(await store.list("terminal", "terminal:ada")).toHaveLength(2);
    now += 2;
    expect(await store.list("terminal", "terminal:ada")).toEqual([]);
  });
});

describe("FileProgressStore specifics", () => {
  it("keeps the history across processes in one file and never overwrites a file it cannot read", async () => {
    const path = join(folder, "shared.json");
    await new FileProgressStore({ path }).record("terminal", "terminal:ada", progressEntry("s1", 1_000));
    await new FileProgressStore({ path }).record("terminal", "terminal:ada", progressEntry("s2", 2_000));
    expect(await new FileProgressStore({ path }).list("terminal", "terminal:ada")).toHaveLength(2);
    writeFileSync(path, "{damaged");
    const store = new FileProgressStore({ path });
    expect(await store.list("terminal", "terminal:ada")).toEqual([]);
    await expect(store.record("terminal", "terminal:ada", progressEntry("s3", 3_000))).rejects.toThrow(
      /could not be read/,
    );
    expect(readFileSync(path, "utf8")).toBe("{damaged");
  });
});
