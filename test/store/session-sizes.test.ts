import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { FieldCipher } from "../../src/store/field-cipher.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { inbound, makeEngine } from "../support/engine-harness.ts";
import { testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const client = testRedisClient();

/**
 * The engine's cache is bounded by the sizes a store reports. They are each part's size as JSON,
 * the same whether the session was just committed or read back, sealed or not, so how the store
 * compresses never changes how many interviews the cache holds.
 */
describe("stored session sizes", () => {
  it.each([
    ["plain", undefined],
    ["sealed", new FieldCipher([{ id: "k1", key: randomBytes(32) }])],
  ])("are the parts' JSON sizes after a commit and after a read (%s)", async (label, cipher) => {
    const keyPrefix = uniquePrefix(`sizes-${label}`);
    const store = new RedisSessionStore({ client, keyPrefix, ...(cipher ? { cipher } : {}) });
    const { engine } = makeEngine({ store, coach: createOfflineCoach() });
    const conversation: ConversationKey = "terminal:sizes";
    await engine.handle(inbound.start(conversation, { questionCount: 3 }));
    await engine.handle(
      inbound.message(
        conversation,
        "I rebuilt our stock report: it took two days, I scripted it, and now it takes 40 minutes.",
      ),
    );
    await engine.handle(inbound.action(conversation, "submit"));
    await engine.idle();
    const session = await engine.current(conversation);
    if (!session) throw new Error("no session");
    const { answers, questions, report, documents, ...core } = session;
    const expected = new Map<string, number>([
      ["core", JSON.stringify(core).length],
      ["questions", JSON.stringify(questions).length],
      ...answers.map((answer, index): [string, number] => [`a:${index}`, JSON.stringify(answer).length]),
    ]);
    const read = await new RedisSessionStore({ client, keyPrefix, ...(cipher ? { cipher } : {}) }).load(
      conversation,
    );
    expect(read?.sizes).toEqual(expected);
    const committed = await store.commit({
      conversation,
      previous: read,
      next: { ...session, version: session.version + 1 },
    });
    expect(committed.status === "committed" && committed.stored?.sizes).toEqual(expected);
  });
});
