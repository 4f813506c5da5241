import { describe, expect, it } from "vitest";
import { SessionCache } from "../../src/core/engine/session-cache.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import type { Session } from "../../src/core/model/session.ts";
import { sampleSession } from "../support/sample-session.ts";

const stored = (session: Session, bytes: number) => ({ session, sizes: new Map([["core", bytes]]) });

describe("SessionCache", () => {
  it("evicts the least recently used sessions once the estimated bytes pass the bound", () => {
    const cache = new SessionCache(200_000);
    const keys = Array.from({ length: 20 }, (_, index): ConversationKey => `terminal:c${index}`);
    for (const key of keys)
      cache.set(key, { stored: stored(sampleSession(key), 10_000), delivered: new Set() });
    expect(cache.size.bytes).toBeLessThanOrEqual(200_000);
    expect(cache.size.sessions).toBeGreaterThan(0);
    expect(cache.size.sessions).toBeLessThan(20);
    // The newest stays, the oldest went first.
    expect(cache.get(keys[19] as ConversationKey)).toBeDefined();
    expect(cache.get(keys[0] as ConversationKey)).toBeUndefined();
  });

  it("refreshes an entry's place when it is written again", () => {
    const cache = new SessionCache(100_000);
    const first: ConversationKey = "terminal:first";
    cache.set(first, { stored: stored(sampleSession(first), 5_000), delivered: new Set() });
    for (let index = 0; index < 10; index += 1) {
      const key: ConversationKey = `terminal:other-${index}`;
      cache.set(key, { stored: stored(sampleSession(key), 5_000), delivered: new Set() });
      const known = cache.get(first);
      if (known) cache.set(first, known);
    }
    expect(cache.get(first)).toBeDefined();
  });

  it("does not keep a finished interview whose messages are all delivered, but keeps one still delivering", () => {
    const cache = new SessionCache();
    const key: ConversationKey = "terminal:finished";
    const session = { ...sampleSession(key), phase: "finished" as const };
    const outbox = session.outbox.map((entry) => entry.message.idempotencyKey);
    expect(outbox.length).toBeGreaterThan(0);
    cache.set(key, { stored: stored(session, 1_000), delivered: new Set() });
    expect(cache.get(key)).toBeDefined();
    cache.set(key, { stored: stored(session, 1_000), delivered: new Set(outbox) });
    expect(cache.get(key)).toBeUndefined();
    expect(cache.size).toEqual({ sessions: 0, bytes: 0 });
  });
});
