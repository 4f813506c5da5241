import { readFileSync } from "node:fs";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
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

/** How an answer was written before answer-v2: marker 0x02, deflate with answer-v1.txt. */
function encodeAsV1(value: unknown): Buffer {
  const dictionary = readFileSync(path.join(dictionaries, "answer-v1.txt"));
  const body = deflateRawSync(JSON.stringify(value), { level: 1, dictionary });
  return Buffer.concat([Buffer.of(0x02), body]);
}

describe("field dictionaries", () => {
  it("reads an interview whose answers were written with answer-v1 and core as plain JSON as it was", async () => {
    const store = new RedisSessionStore({ client, keyPrefix });
    const { engine } = makeEngine({ store, coach: createOfflineCoach() });
    const conversation: ConversationKey = "terminal:written-with-v1";
    await engine.handle(inbound.start(conversation, { questionCount: 3 }));
    for (let turn = 0; turn < 2; turn += 1) {
      await engine.handle(inbound.message(conversation, ANSWER));
      await engine.handle(inbound.action(conversation, "submit"));
    }
    await engine.idle();
    const session = await engine.current(conversation);
    expect(session?.answers.filter((answer) => answer.evaluation !== null)).toHaveLength(2);
    const key = sessionKey(keyPrefix, conversation);
    for (const [index, answer] of (session?.answers ?? []).entries()) {
      const current = await client.hgetBuffer(key, `a:${index}`);
      expect(current?.[0], "written with answer-v2 today").toBe(0x05);
      await client.hset(key, `a:${index}`, encodeAsV1(answer));
    }
    expect((await client.hgetBuffer(key, "core"))?.[0], "core written with core-v1 today").toBe(0x06);
    const { answers, questions, report, documents, ...core } = session ?? {};
    await client.hset(key, "core", JSON.stringify(core));
    const fresh = new RedisSessionStore({ client, keyPrefix });
    expect((await fresh.load(conversation))?.session).toEqual(session);
    // The interview goes on from the earlier values, and is written the way of today.
    const { engine: later } = makeEngine({ store: fresh, coach: createOfflineCoach() });
    await later.handle(inbound.message(conversation, ANSWER));
    await later.handle(inbound.action(conversation, "submit"));
    await later.idle();
    expect((await fresh.load(conversation))?.session).toEqual(await later.current(conversation));
    expect((await client.hgetBuffer(key, "core"))?.[0]).toBe(0x06);
  });

  it("writes an answer smaller than answer-v1 did, and reads it back unchanged", () => {
    const answer = {
      questionId: "q",
      parts: [{ prompt: "question", text: ANSWER, words: 58 }],
      evaluation: { strengths: ["Your result is quantified"], improvements: [] },
    };
    const encoded = encodeField(answer, "answer") as Buffer;
    expect(decodeField(encoded)).toEqual(answer);
    expect(decodeField(encodeAsV1(answer))).toEqual(answer);
    expect(encoded.length).toBeLessThan(encodeAsV1(answer).length);
  });
});
