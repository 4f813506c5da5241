import { describe, expect, it } from "vitest";
import { findStoryFacts } from "../../src/coach/language/story-facts.ts";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import { looksAddressedToGrader } from "../../src/coach/rubric/index.ts";
import { InterviewEngine } from "../../src/core/engine/interview-engine.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import type { SessionStore } from "../../src/core/ports/ports.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { deliveredKey, deliveryDueKey } from "../../src/store/store-keys.ts";
import { inbound, ManualClock, silentLogger } from "../support/engine-harness.ts";
import { RecordingSender } from "../support/recording-sender.ts";
import { testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const client = testRedisClient();
const keyPrefix = uniquePrefix("delivery-marks");
const ANSWER =
  "At my placement the weekly stock report took two days by hand. I owned fixing it before the audit. I mapped each step, scripted the reconciliation and trained the finance team. It now takes 40 minutes and errors fell from 12 a month to 1.";

/** Counts the store calls an engine makes, by method. */
function counting(store: SessionStore) {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.set(String(property), (calls.get(String(property)) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

function engineWith(store: SessionStore, deliveryMarkDelayMs: number) {
  const coach = createOfflineCoach();
  const sender = new RecordingSender();
  const engine = new InterviewEngine({
    store,
    coach,
    standInCoach: coach,
    isInstruction: looksAddressedToGrader,
    findFacts: findStoryFacts,
    sender,
    clock: new ManualClock(),
    logger: silentLogger(),
    newSessionId: () => crypto.randomUUID(),
    deliveryMarkDelayMs,
  });
  return { engine, sender };
}

describe("delivery records", () => {
  const redisStore = new RedisSessionStore({ client, keyPrefix });

  it("with a delay, an answer costs two commits: its messages' records ride on the next commit", async () => {
    const { store, calls } = counting(redisStore);
    const { engine, sender } = engineWith(store, 60_000);
    const conversation: ConversationKey = "terminal:deferred";
    await engine.handle(inbound.start(conversation, { questionCount: 4 }));
    await engine.handle(inbound.message(conversation, ANSWER));
    await engine.handle(inbound.action(conversation, "submit"));
    calls.clear();
    await engine.handle(inbound.message(conversation, ANSWER));
    await engine.handle(inbound.action(conversation, "submit"));
    expect(Object.fromEntries(calls)).toEqual({ commit: 2 });
    // Nothing delivered is left in the stored outbox but the newest messages, and those are
    // recorded once the delay is up (here: flushed).
    const stored = await redisStore.load(conversation);
    const delivered = new Set(sender.messages.map((message) => message.idempotencyKey));
    const outbox = stored?.session.outbox ?? [];
    expect(outbox.length).toBeGreaterThan(0);
    expect(outbox.every((entry) => delivered.has(entry.message.idempotencyKey))).toBe(true);
    expect(await client.smembers(deliveredKey(keyPrefix, conversation))).toEqual([]);
    expect(await client.zscore(deliveryDueKey(keyPrefix), conversation)).not.toBeNull();
    await engine.flushDeliveryMarks();
    expect(calls.get("markDelivered")).toBe(1);
    expect(new Set(await client.smembers(deliveredKey(keyPrefix, conversation)))).toEqual(
      new Set(outbox.map((entry) => entry.message.idempotencyKey)),
    );
    // Everything delivered: the conversation left the delivery sweep.
    expect(await client.zscore(deliveryDueKey(keyPrefix), conversation)).toBeNull();
  });

  it("without a delay, every delivery is recorded as it happens", async () => {
    const { store, calls } = counting(redisStore);
    const { engine } = engineWith(store, 0);
    const conversation: ConversationKey = "terminal:immediate";
    await engine.handle(inbound.start(conversation, { questionCount: 4 }));
    calls.clear();
    await engine.handle(inbound.message(conversation, ANSWER));
    await engine.handle(inbound.action(conversation, "submit"));
    expect(calls.get("commit")).toBe(2);
    expect(calls.get("markDelivered")).toBe(1);
    expect(await client.zscore(deliveryDueKey(keyPrefix), conversation)).toBeNull();
  });

  it.each([
    ["written", true],
    ["lost with the process", false],
  ])(
    "records %s: the delivery sweep redelivers nothing, or everything with the platform's checks",
    async (label, flushed) => {
      const conversation: ConversationKey = `terminal:sweep-${label.length}`;
      const first = engineWith(redisStore, 60_000);
      await first.engine.handle(inbound.start(conversation, { questionCount: 4 }));
      expect(first.sender.messages.length).toBeGreaterThan(0);
      if (flushed) await first.engine.flushDeliveryMarks();
      const redeliveries: boolean[] = [];
      const sweeping = new InterviewEngine({
        store: redisStore,
        coach: createOfflineCoach(),
        standInCoach: createOfflineCoach(),
        isInstruction: looksAddressedToGrader,
        findFacts: findStoryFacts,
        sender: {
          send: async (_message, options) => {
            redeliveries.push(options?.redelivery ?? false);
          },
        },
        // Past the grace period.
        clock: { now: () => Date.now() + 60_000 },
        logger: silentLogger(),
        newSessionId: () => crypto.randomUUID(),
      });
      await sweeping.deliverOverdue();
      if (flushed) expect(redeliveries).toEqual([]);
      else expect(redeliveries).toEqual(first.sender.messages.map(() => true));
    },
  );
});
