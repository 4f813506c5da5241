import { describe, expect, it } from "vitest";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import type { SessionStore } from "../../src/core/ports/ports.ts";
import { inbound, makeEngine } from "../support/engine-harness.ts";

const QUIET_MS = 90_000;
const conversation: ConversationKey = "slack:T1:C1:1.0";

/** Counts every store call by method, so a timer's cost is visible. */
function counting(store: SessionStore) {
  const calls: string[] = [];
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.push(String(property));
        return value.apply(target, args);
      };
    },
  });
  return { proxy, calls };
}

describe("quiet-period timers", () => {
  it("are written with the commit, one per draft, and submit the answer once the quiet period has passed", async () => {
    const harness = makeEngine({ coach: createOfflineCoach() });
    const { store, clock } = harness;
    const { proxy, calls } = counting(store);
    const { engine } = makeEngine({ store: proxy, clock, coach: createOfflineCoach() });
    await engine.handle(inbound.start(conversation, { questionCount: 2, quietPeriodMs: QUIET_MS }));
    calls.length = 0;
    await engine.handle(inbound.message(conversation, "I led the migration of our reporting to a new tool."));
    clock.advance(30_000);
    await engine.handle(inbound.message(conversation, "It cut the weekly report from two days to an hour."));
    // One commit per message and nothing else: no job queue, no extra round trip.
    expect(calls).toEqual(["commit", "commit"]);
    // The first message's timer was replaced by the second's: only one fires, when it is due.
    clock.advance(QUIET_MS - 1);
    expect(await engine.fireDueTimers()).toBe(0);
    clock.advance(1);
    expect(await engine.fireDueTimers()).toBe(1);
    const session = await engine.current(conversation);
    expect(session?.answers).toHaveLength(1);
    expect(session?.answers[0]?.parts[0]?.text).toContain("two days to an hour");
    // Fired once: nothing is left to fire.
    clock.advance(10 * QUIET_MS);
    expect(await engine.fireDueTimers()).toBe(0);
  });

  it("leaves nothing armed once the candidate submits, and a paused interview keeps its draft", async () => {
    const { engine, clock } = makeEngine({ coach: createOfflineCoach() });
    await engine.handle(inbound.start(conversation, { questionCount: 2, quietPeriodMs: QUIET_MS }));
    await engine.handle(
      inbound.message(conversation, "We missed a deadline because estimates were guesses."),
    );
    await engine.handle(inbound.action(conversation, "submit"));
    clock.advance(10 * QUIET_MS);
    expect(await engine.fireDueTimers()).toBe(0);
    await engine.handle(inbound.message(conversation, "Part of the next answer."));
    await engine.handle(inbound.action(conversation, "pause"));
    clock.advance(QUIET_MS);
    // The timer fires during the pause and changes nothing.
    expect(await engine.fireDueTimers()).toBe(1);
    expect((await engine.current(conversation))?.turn?.draft).toHaveLength(1);
  });
});
