import { describe, expect, it } from "vitest";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { DEFAULT_RATE_LIMIT_POLICY } from "../../src/core/ports/rate-limiter.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { CANDIDATE, inbound, ManualClock, makeEngine } from "../support/engine-harness.ts";
import { testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const client = testRedisClient();
const keyPrefix = uniquePrefix("rate");
const SLOW_DOWN = /faster than I can read them/;

describe("per-member rate limit", () => {
  it("answers 1,000 messages a second into one interview with one notice, not 1,000 replies", async () => {
    const conversation: ConversationKey = "terminal:rate-flood";
    const store = new RedisSessionStore({ client, keyPrefix });
    const { engine, sender } = makeEngine({ store, rateLimit: DEFAULT_RATE_LIMIT_POLICY });
    await engine.handle(inbound.start(conversation));
    const before = sender.messages.length;
    const outcomes = await Promise.all(
      Array.from({ length: 1_000 }, (_, index) =>
        engine.handle(inbound.message(conversation, `spam ${index}`)),
      ),
    );
    const replies = sender.messages.slice(before);
    const notices = replies.filter((message) =>
      message.replies.some((reply) => reply.kind === "text" && SLOW_DOWN.test(reply.text)),
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]?.visibility).toEqual({ kind: "private", userId: CANDIDATE.id });
    // A burst allowance, plus what refilled while the flood was handled; never the flood.
    const draft = (await engine.current(conversation))?.turn?.draft ?? [];
    expect(draft.length).toBeGreaterThanOrEqual(DEFAULT_RATE_LIMIT_POLICY.capacity);
    expect(draft.length).toBeLessThan(100);
    expect(outcomes.filter((outcome) => outcome === "ignored").length).toBe(1_000 - draft.length);
    expect(replies.length).toBeLessThan(10);
  });

  it("never limits a candidate pasting an answer as ten quick messages, and re-arms once the member slows down", async () => {
    const clock = new ManualClock();
    const conversation: ConversationKey = "terminal:rate-paste";
    const { engine, sender } = makeEngine({ clock, rateLimit: DEFAULT_RATE_LIMIT_POLICY });
    await engine.handle(inbound.start(conversation));
    for (let paragraph = 0; paragraph < 10; paragraph += 1)
      await engine.handle(inbound.message(conversation, `Paragraph ${paragraph} of my answer.`));
    expect((await engine.current(conversation))?.turn?.draft).toHaveLength(10);
    expect(sender.texts().some((text) => SLOW_DOWN.test(text))).toBe(false);
    for (let index = 0; index < 30; index += 1)
      await engine.handle(inbound.message(conversation, `flood ${index}`));
    expect(sender.texts().filter((text) => SLOW_DOWN.test(text))).toHaveLength(1);
    clock.advance(60_000);
    for (let index = 0; index < 30; index += 1)
      await engine.handle(inbound.message(conversation, `again ${index}`));
    expect(sender.texts().filter((text) => SLOW_DOWN.test(text))).toHaveLength(2);
  });
});
