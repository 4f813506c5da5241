import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { ConfigError } from "../../src/core/model/errors.ts";
import { parseEncryptionKeys } from "../../src/encryption-keys-config.ts";
import { type EncryptionKey, FieldCipher } from "../../src/store/field-cipher.ts";
import { RedisRoundOneLogStore } from "../../src/store/redis-round-one-log-store.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { sampleRoundOneLog } from "../contracts/round-one-log-store.contract.ts";
import { runCli } from "../support/cli-process.ts";
import { inbound, makeEngine } from "../support/engine-harness.ts";
import { redisUrl, testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";
import { sampleSession } from "../support/sample-session.ts";

const client = testRedisClient();

const ANSWERS = [
  "At my placement the weekly stock report took two days by hand and I owned fixing it before the audit. I mapped each step, scripted the reconciliation and trained the finance team. It now takes forty minutes and errors fell from twelve a month to one.",
  "Two teammates disagreed about the database design and stopped talking to each other. I met each of them, wrote the trade-offs on one page and ran a vote. We shipped the release a week early.",
];
const CV =
  "Grace Hopper, Data Analyst at Northwind Traders since 2021. Led the migration of forty legacy spreadsheets into one audited warehouse.";

function key(id: string): EncryptionKey {
  return { id, key: randomBytes(32) };
}

/** Every value under the prefix as Redis would write it to disk (DUMP of each key), as text. */
async function dumpOf(keyPrefix: string): Promise<string> {
  const keys = await client.keys(`${keyPrefix}:*`);
  const dumps = await Promise.all(keys.map((name) => client.dumpBuffer(name)));
  return dumps.map((dump) => dump?.toString("latin1") ?? "").join("\n");
}

/** A whole interview with a CV, stopped with one answer still in the inbox's way. */
async function interview(store: RedisSessionStore, conversation: ConversationKey) {
  const { engine } = makeEngine({ store, coach: createOfflineCoach() });
  const start = inbound.start(conversation, { questionCount: 2 });
  await engine.handle({
    ...start,
    type: "start",
    documents: { cv: CV, jobDescription: null },
  } as typeof start);
  for (let turn = 0; (await engine.current(conversation))?.phase === "interviewing" && turn < 10; turn += 1) {
    await engine.handle(inbound.message(conversation, ANSWERS[turn % 2] ?? ""));
    await engine.handle(inbound.action(conversation, "submit"));
  }
  await engine.idle();
  return engine;
}

/** Phrases that could only come from what the candidate wrote. */
const PLAIN_TEXT = [
  "scripted the reconciliation",
  "wrote the trade-offs on one page",
  "forty legacy spreadsheets",
];

describe("encryption at rest", () => {
  it("leaves no answer or CV sentence readable in a dump of every key, and reads the interview back", async () => {
    const keyPrefix = uniquePrefix("sealed");
    const store = new RedisSessionStore({ client, keyPrefix, cipher: new FieldCipher([key("k1")]) });
    const conversation: ConversationKey = "terminal:sealed";
    const engine = await interview(store, conversation);
    const dump = await dumpOf(keyPrefix);
    for (const phrase of PLAIN_TEXT) expect(dump).not.toContain(phrase);
    expect((await store.load(conversation))?.session).toEqual(await engine.current(conversation));
    expect(JSON.stringify((await store.load(conversation))?.session)).toContain(
      "scripted the reconciliation",
    );
  });

  it("the same search finds the text when nothing is sealed (the search can fail)", async () => {
    const keyPrefix = uniquePrefix("plain");
    const store = new RedisSessionStore({ client, keyPrefix });
    await interview(store, "terminal:plain");
    const dump = await dumpOf(keyPrefix);
    // Answers are compressed, so the CV's and the queued text may not show whole; one phrase suffices.
    expect(PLAIN_TEXT.some((phrase) => dump.includes(phrase))).toBe(true);
  });

  it("seals messages waiting in the inbox too, keeping only the event id in the clear", async () => {
    const keyPrefix = uniquePrefix("sealed-inbox");
    const store = new RedisSessionStore({ client, keyPrefix, cipher: new FieldCipher([key("k1")]) });
    const conversation: ConversationKey = "terminal:inbox";
    const message = inbound.message(conversation, ANSWERS[0] ?? "", "evt-42");
    // A message is queued only for an interview that exists (or is starting).
    await store.commit({ conversation, previous: null, next: sampleSession(conversation) });
    await store.enqueue(conversation, {
      eventId: "evt-42",
      author: { id: "u1", name: "Ada" },
      event: {
        type: "message-received",
        text: ANSWERS[0] ?? "",
        at: 1,
        messageId: message.eventId,
      } as never,
    });
    const entries = await client.lrange(`${keyPrefix}:v1:{${conversation}}:inbox`, 0, -1);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.startsWith("evt-42\n~")).toBe(true);
    expect(entries[0]).not.toContain("reconciliation");
    const state = await store.read(conversation);
    expect(JSON.stringify(state.pending[0]?.event)).toContain("scripted the reconciliation");
  });

  it("rotation: a new key seals new values and the old one still opens the old; without it, a clear error", async () => {
    const keyPrefix = uniquePrefix("rotation");
    const [k1, k2] = [key("k1"), key("k2")];
    const first = new RedisSessionStore({ client, keyPrefix, cipher: new FieldCipher([k1]) });
    await first.checkEncryptionKeys();
    const engine = await interview(first, "terminal:rotated");
    const before = await engine.current("terminal:rotated");

    const rotated = new RedisSessionStore({ client, keyPrefix, cipher: new FieldCipher([k2, k1]) });
    await rotated.checkEncryptionKeys();
    expect((await rotated.load("terminal:rotated"))?.session).toEqual(before);
    await interview(rotated, "terminal:after-rotation");

    const withoutOld = new RedisSessionStore({ client, keyPrefix, cipher: new FieldCipher([k2]) });
    await expect(withoutOld.checkEncryptionKeys()).rejects.toThrow(/encrypted with key "k1"/);
    await expect(withoutOld.load("terminal:rotated")).rejects.toBeInstanceOf(ConfigError);
    expect((await withoutOld.load("terminal:after-rotation"))?.session.phase).toBe("finished");

    const unkeyed = new RedisSessionStore({ client, keyPrefix });
    await expect(unkeyed.checkEncryptionKeys()).rejects.toThrow(/set SECONDROUND_ENCRYPTION_KEYS/);
    await expect(unkeyed.load("terminal:rotated")).rejects.toThrow(/encrypted with key "k1"/);
  });

  it("rotate-key seals everything again with the new key, after which the old key can go", async () => {
    const keyPrefix = uniquePrefix("reseal");
    const [k1, k2] = [key("k1"), key("k2")];
    const first = new RedisSessionStore({ client, keyPrefix, cipher: new FieldCipher([k1]) });
    await first.checkEncryptionKeys();
    const engine = await interview(first, "terminal:old");
    await first.enqueue("terminal:old", {
      eventId: "queued-1",
      author: { id: "u1", name: "Ada" },
      event: { type: "message-received", text: ANSWERS[1] ?? "", at: 1 } as never,
    });
    const before = await engine.current("terminal:old");

    // The configuration puts k2 first; the command runs as an admin would run it.
    const keys = [k2, k1].map(({ id, key: bytes }) => `${id}:${bytes.toString("base64")}`).join(",");
    const result = await runCli(["rotate-key"], "", {
      REDIS_URL: redisUrl(),
      SECONDROUND_KEY_PREFIX: keyPrefix,
      SECONDROUND_ENCRYPTION_KEYS: keys,
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/Sealed \d+ values again with the current key/);
    expect(result.stdout).toMatch(/No value uses "k1" any more: remove it/);
    expect(result.code).toBe(0);

    const onlyNew = new RedisSessionStore({ client, keyPrefix, cipher: new FieldCipher([k2]) });
    await onlyNew.checkEncryptionKeys();
    expect((await onlyNew.load("terminal:old"))?.session).toEqual(before);
    expect(JSON.stringify((await onlyNew.read("terminal:old")).pending)).toContain("shipped the release");
  });

  it("seals round-1 notes too, and rotate-key reseals them", async () => {
    const keyPrefix = uniquePrefix("sealed-round1");
    const [k1, k2] = [key("k1"), key("k2")];
    const log = sampleRoundOneLog("Monzo");
    await new RedisRoundOneLogStore({ client, keyPrefix, cipher: new FieldCipher([k1]) }).put(
      "slack:T1",
      "U1",
      log,
    );
    expect(await dumpOf(keyPrefix)).not.toContain("month-end close");

    const rotated = new RedisSessionStore({ client, keyPrefix, cipher: new FieldCipher([k2, k1]) });
    expect((await rotated.resealAll()).retired).toEqual([]);
    const onlyNew = new RedisRoundOneLogStore({ client, keyPrefix, cipher: new FieldCipher([k2]) });
    expect(await onlyNew.get("slack:T1", "U1", "Monzo")).toEqual(log);
    await expect(
      new RedisRoundOneLogStore({ client, keyPrefix }).get("slack:T1", "U1", "Monzo"),
    ).rejects.toThrow(/encrypted with key "k2"/);
  });

  it("a value moved to another interview does not open", async () => {
    const cipher = new FieldCipher([key("k1")]);
    const sealed = cipher.seal("my answer", "terminal:a\na:0");
    expect(cipher.open(sealed, "terminal:a\na:0").toString()).toBe("my answer");
    expect(() => cipher.open(sealed, "terminal:b\na:0")).toThrow(/failed authentication/);
  });

  it("accepts random 32-byte keys and refuses short, patterned or badly named ones with the reason", () => {
    const good = randomBytes(32).toString("base64");
    expect(
      parseEncryptionKeys(`k2026:${good},old:${randomBytes(32).toString("base64")}`)?.map((k) => k.id),
    ).toEqual(["k2026", "old"]);
    expect(() => parseEncryptionKeys(`k1:${Buffer.alloc(32, "A").toString("base64")}`)).toThrow(
      /not random enough/,
    );
    expect(() => parseEncryptionKeys(`k1:${randomBytes(16).toString("base64")}`)).toThrow(/32 bytes/);
    expect(() => parseEncryptionKeys(good)).toThrow(/"id:base64-key"/);
    expect(() => parseEncryptionKeys(`k1:${good},k1:${good}`)).toThrow(/twice/);
  });
});
