import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import { FileRoundOneLogStore } from "../../src/store/file-round-one-log-store.ts";
import { MemoryRoundOneLogStore } from "../../src/store/memory-round-one-log-store.ts";
import { RedisCandidateDirectory } from "../../src/store/redis-candidate-directory.ts";
import { RedisRoundOneLogStore } from "../../src/store/redis-round-one-log-store.ts";
import { roundOneLogsKey } from "../../src/store/round-one-log-keys.ts";
import { roundOneLogStoreContract, sampleRoundOneLog } from "../contracts/round-one-log-store.contract.ts";
import { testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const client = testRedisClient();
const keyPrefix = uniquePrefix("round-one");
const directory = mkdtempSync(join(tmpdir(), "round-one-"));
let files = 0;

roundOneLogStoreContract("redis", () => new RedisRoundOneLogStore({ client, keyPrefix }));
roundOneLogStoreContract("memory", () => new MemoryRoundOneLogStore());
roundOneLogStoreContract("file", () => {
  files += 1;
  return FileRoundOneLogStore.open(join(directory, `logs-${files}.json`));
});

describe("round-1 log stores, specifics", () => {
  it("Redis keeps a member's logs a year, and erasing the community erases them", async () => {
    const store = new RedisRoundOneLogStore({ client, keyPrefix });
    await store.put("slack:T9", "U1", sampleRoundOneLog("Monzo"));
    const ttl = await client.pttl(roundOneLogsKey(keyPrefix, "slack:T9", "U1"));
    expect(ttl).toBeGreaterThan(364 * 24 * 60 * 60_000);
    await new RedisCandidateDirectory({ client, keyPrefix }).eraseScope("slack:T9");
    expect(await store.list("slack:T9", "U1")).toEqual([]);
  });

  it("the file store's logs survive reopening, and a damaged file is refused and left as it was", async () => {
    const path = join(directory, "reopened.json");
    await FileRoundOneLogStore.open(path).put("terminal", "terminal:ada", sampleRoundOneLog("Monzo"));
    expect(await FileRoundOneLogStore.open(path).get("terminal", "terminal:ada", "monzo")).toEqual(
      sampleRoundOneLog("Monzo"),
    );
    const damaged = join(directory, "damaged.json");
    writeFileSync(damaged, "{not json");
    expect(() => FileRoundOneLogStore.open(damaged)).toThrow(StoreUnavailableError);
    expect(readFileSync(damaged, "utf8")).toBe("{not json");
  });
});
