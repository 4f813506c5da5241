import { describe, expect, it } from "vitest";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import type { CoachTaskName } from "../../src/core/model/session-events.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { sessionKey } from "../../src/store/store-keys.ts";
import { CLAIM_WINDOW_BYTES } from "../../src/store/store-ttls.ts";
import { inbound, makeEngine } from "../support/engine-harness.ts";
import { testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const client = testRedisClient();
const keyPrefix = uniquePrefix("field-writes");

const ANSWERS = [
  "At my placement the weekly stock report took two days by hand. I owned fixing it before the audit. I mapped each step, scripted the reconciliation and trained the finance team. It now takes 40 minutes and errors fell from 12 a month to 1.",
  "Two teammates disagreed about the database design and stopped talking. I met each of them, wrote the trade-offs on one page and ran a vote. We shipped a week early.",
  "I am not sure, it was fine I think.",
];

/**
 * The store writes only the parts a change touched, knowing which by reference (copy-on-write
 * transitions). If any code changed a part in place, or a part were missed, Redis would hold
 * something other than what the engine believes: read back after every event, they must agree.
 */
describe("RedisSessionStore writes exactly what changed", () => {
  const store = new RedisSessionStore({ client, keyPrefix });

  it.each([
    ["inline", new Set<CoachTaskName>()],
    // Results arriving later rewrite parts written earlier (the questions, an answer's evaluation).
    [
      "in the background",
      new Set<CoachTaskName>(["plan-questions", "evaluate-answer", "decide-follow-up", "summarise"]),
    ],
  ])(
    "holds what the engine holds after every event of a whole interview, coach work %s",
    async (label, backgroundTasks) => {
      const { engine } = makeEngine({ store, coach: createOfflineCoach(), backgroundTasks });
      const conversation: ConversationKey = `terminal:whole-interview-${label.length}`;
      const agree = async () => {
        await engine.idle();
        const stored = await store.load(conversation);
        expect(stored?.session).toEqual(await engine.current(conversation));
      };
      await engine.handle(inbound.start(conversation, { questionCount: 4 }));
      await agree();
      let turn = 0;
      while ((await engine.current(conversation))?.phase === "interviewing") {
        await engine.handle(inbound.message(conversation, ANSWERS[turn % ANSWERS.length] ?? ""));
        await agree();
        await engine.handle(inbound.action(conversation, turn % 5 === 4 ? "skip" : "submit"));
        await agree();
        turn += 1;
        expect(turn).toBeLessThan(30);
      }
      const finished = await engine.current(conversation);
      expect(finished?.phase).toBe("finished");
      expect(finished?.report).not.toBeNull();
      // A new interview in the same conversation replaces every part of the old one.
      await engine.handle(inbound.start(conversation, { questionCount: 2 }));
      await agree();
      expect((await store.load(conversation))?.session.answers).toEqual([]);
    },
  );

  it("keeps a bounded window of recent event ids that still refuses recent redeliveries", async () => {
    const { engine } = makeEngine({ store, coach: createOfflineCoach() });
    const conversation: ConversationKey = "terminal:claim-window";
    await engine.handle(inbound.start(conversation, { questionCount: 3 }));
    const events = Array.from({ length: 60 }, (_, index) =>
      inbound.message(conversation, `part ${index}`, `1234567890123456${String(index).padStart(3, "0")}`),
    );
    for (const event of events) expect(await engine.handle(event)).toBe("applied");
    const seen = await client.hget(sessionKey(keyPrefix, conversation), "seen");
    expect(seen?.length).toBeLessThanOrEqual(CLAIM_WINDOW_BYTES);
    for (const event of events.slice(-20)) expect(await engine.handle(event)).toBe("duplicate");
    // Older than the window: claimed again, but the interview knows the message and ignores it.
    for (const event of events.slice(0, 5)) expect(await engine.handle(event)).not.toBe("duplicate");
    const draft = (await engine.current(conversation))?.turn?.draft ?? [];
    expect(draft).toHaveLength(60);
  });
});
