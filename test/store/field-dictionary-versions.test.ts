import { readFileSync } from "node:fs";
import path from "node:path";
import { constants, deflateRawSync, zstdCompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { decodeField, encodeField } from "../../src/store/field-codec.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { sessionKey } from "../../src/store/store-keys.ts";
import { inbound, makeEngine } from "../support/engine-harness.ts";
import { testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const client = testRedisClient();
const keyPrefix = uniquePrefix("field-dictionaries");
const dictionaries = path.join(import.meta.dirname, "../../src/store/dictionaries");

const ANSWER =
  "At the library I ran the weekend desk when the booking system went down for a week. I had to keep 300 loans moving. I set up a paper log, split the queue by urgency and phoned every overdue borrower myself. We lost no loans, complaints fell from 14 to 3, and the paper log became the official fallback.";

/** Deflate with an earlier dictionary file, behind its marker, as earlier versions wrote. */
function deflatedWith(marker: number, file: string, level: number) {
  return (value: unknown): Buffer => {
    const dictionary = readFileSync(path.join(dictionaries, file));
    return Buffer.concat([Buffer.of(marker), deflateRawSync(JSON.stringify(value), { level, dictionary })]);
  };
}

/** Before answer-v2: marker 0x02, deflate with answer-v1.txt. */
const encodeAsV1 = deflatedWith(0x02, "answer-v1.txt", 1);
/** Before answer-v3: marker 0x05, deflate with answer-v2.txt. */
const encodeAsV2 = deflatedWith(0x05, "answer-v2.txt", 6);
/** Before core-v2: marker 0x06, deflate with core-v1.txt (and before that, plain JSON). */
const encodeCoreAsV1 = deflatedWith(0x06, "core-v1.txt", 1);
const plainJson = (value: unknown) => JSON.stringify(value);

/**
 * `todayAtMost`: today's answers against that way's, in bytes. Smaller than answer-v1; within a
 * tenth of answer-v2 (zstd at level 6 trades a few bytes for a quarter of deflate's time).
 */
const EARLIER_WAYS = [
  { name: "answer-v1 and core as plain JSON", answer: encodeAsV1, core: plainJson, todayAtMost: 1 },
  { name: "answer-v2 and core-v1", answer: encodeAsV2, core: encodeCoreAsV1, todayAtMost: 1.1 },
];

describe("field dictionaries", () => {
  it.each(EARLIER_WAYS)("reads an interview written with $name as it was", async (way) => {
    const store = new RedisSessionStore({ client, keyPrefix });
    const { engine } = makeEngine({ store, coach: createOfflineCoach() });
    const conversation: ConversationKey = `terminal:written-with-${way.name.replaceAll(" ", "-")}`;
    await engine.handle(inbound.start(conversation, { questionCount: 3 }));
    for (let turn = 0; turn < 2; turn += 1) {
      await engine.handle(inbound.message(conversation, ANSWER));
      await engine.handle(inbound.action(conversation, "submit"));
    }
    await engine.idle();
    const session = await engine.current(conversation);
    expect(session?.answers.filter((answer) => answer.evaluation !== null)).toHaveLength(2);
    const key = sessionKey(keyPrefix, conversation);
    let [todayBytes, earlierBytes] = [0, 0];
    for (const [index, answer] of (session?.answers ?? []).entries()) {
      const current = await client.hgetBuffer(key, `a:${index}`);
      todayBytes += current?.length ?? 0;
      earlierBytes += way.answer(answer).length;
      expect(current?.[0], "written with answer-v3 today").toBe(0x08);
      await client.hset(key, `a:${index}`, way.answer(answer));
    }
    // Evaluated answers, as the coach writes them.
    expect(todayBytes).toBeLessThan(earlierBytes * way.todayAtMost);
    expect((await client.hgetBuffer(key, "core"))?.[0], "core written with core-v2 today").toBe(0x07);
    const { answers, questions, report, documents, ...core } = session ?? {};
    await client.hset(key, "core", way.core(core));
    const fresh = new RedisSessionStore({ client, keyPrefix });
    expect((await fresh.load(conversation))?.session).toEqual(session);
    // The interview goes on from the earlier values, and is written the way of today.
    const { engine: later } = makeEngine({ store: fresh, coach: createOfflineCoach() });
    await later.handle(inbound.message(conversation, ANSWER));
    await later.handle(inbound.action(conversation, "submit"));
    await later.idle();
    expect((await fresh.load(conversation))?.session).toEqual(await later.current(conversation));
    expect((await client.hgetBuffer(key, "core"))?.[0]).toBe(0x07);
    expect((await client.hgetBuffer(key, "a:2"))?.[0]).toBe(0x08);
  });

  it("writes an answer smaller than answer-v1 did, and reads every version back unchanged", () => {
    const answer = {
      questionId: "q",
      parts: [{ prompt: "question", text: ANSWER, words: 58 }],
      evaluation: { strengths: ["Your result is quantified"], improvements: [] },
    };
    const encoded = encodeField(answer, "answer") as Buffer;
    expect(decodeField(encoded)).toEqual(answer);
    expect(decodeField(encodeAsV1(answer))).toEqual(answer);
    expect(decodeField(encodeAsV2(answer))).toEqual(answer);
    expect(encoded.length).toBeLessThan(encodeAsV1(answer).length);
  });

  it("reads cold fields as earlier versions wrote them (node:zlib's zstd), and frames that do not state their size", () => {
    const plan = { questions: Array.from({ length: 40 }, (_, index) => ({ id: `q${index}`, text: ANSWER })) };
    const dictionary = readFileSync(path.join(dictionaries, "cold-v1.txt"));
    const json = JSON.stringify(plan);
    const frame = (contentSize: 0 | 1) =>
      Buffer.concat([
        Buffer.of(0x03),
        zstdCompressSync(json, {
          dictionary,
          params: { [constants.ZSTD_c_compressionLevel]: 3, [constants.ZSTD_c_contentSizeFlag]: contentSize },
        }),
      ]);
    expect(decodeField(frame(1))).toEqual(plan);
    expect(decodeField(frame(0))).toEqual(plan);
    // And today's way reads back the same.
    expect(decodeField(encodeField(plan, "cold") as Buffer)).toEqual(plan);
  });

  it("refuses a frame with no stated size that unpacks past the bound", () => {
    const bomb = zstdCompressSync(Buffer.alloc(8 * 1024 * 1024, 0x20), {
      params: { [constants.ZSTD_c_contentSizeFlag]: 0 },
    });
    for (const marker of [0x03, 0x07, 0x08])
      expect(() => decodeField(Buffer.concat([Buffer.of(marker), bomb]))).toThrow();
  });
});
