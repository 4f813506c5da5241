import { describe, expect, it } from "vitest";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { SessionCorruptError } from "../../src/core/model/errors.ts";
import type { QueuedEvent, SessionStore } from "../../src/core/ports/ports.ts";
import { rateLimitKey } from "../../src/core/ports/rate-limiter.ts";
import { sampleSession, withDraft } from "../support/sample-session.ts";

export interface StoreHarness {
  readonly store: SessionStore;
  /** Overwrites one raw stored field, as a hand edit or a bad deploy would. */
  corrupt(conversation: ConversationKey, field: string, value: string): Promise<void>;
  /** Keys (or entries) still present for a conversation, for erasure checks. */
  remainingKeys(conversation: ConversationKey): Promise<number>;
}

let counter = 0;

/** A candidate's chat message as the engine queues it. */
function queued(id: string): QueuedEvent {
  return {
    eventId: id,
    author: { id: "user-1", name: "Ada" },
    event: { type: "message-received", messageId: id, text: `text ${id}`, at: 1 },
  };
}
function freshConversation(): ConversationKey {
  counter += 1;
  return `terminal:contract-${process.pid}-${Date.now()}-${counter}`;
}

/** Behaviour every SessionStore must have; run against Redis and memory alike. */
export function sessionStoreContract(
  name: string,
  makeHarness: (ttls?: { sessionTtlMs?: number; claimTtlMs?: number }) => StoreHarness,
) {
  describe(`SessionStore contract: ${name}`, () => {
    it("returns null for an interview that does not exist", async () => {
      const { store } = makeHarness();
      expect(await store.load(freshConversation())).toBeNull();
    });

    it("creates a session and reads back exactly what was written", async () => {
      const { store } = makeHarness();
      const conversation = freshConversation();
      const session = sampleSession(conversation);
      const result = await store.commit({ conversation, previous: null, next: session });
      expect(result.status).toBe("committed");
      const loaded = await store.load(conversation);
      expect(loaded?.session).toEqual(session);
    });

    it("refuses to create over an existing session", async () => {
      const { store } = makeHarness();
      const conversation = freshConversation();
      await store.commit({ conversation, previous: null, next: sampleSession(conversation) });
      const second = await store.commit({
        conversation,
        previous: null,
        next: sampleSession(conversation, "other"),
      });
      expect(second.status).toBe("conflict");
      if (second.status === "conflict") expect(second.current?.session.id).toBe("session-1");
    });

    it("rejects a write based on a stale version and returns the newer state", async () => {
      const { store } = makeHarness();
      const conversation = freshConversation();
      const created = await store.commit({ conversation, previous: null, next: sampleSession(conversation) });
      if (created.status !== "committed" || !created.stored) throw new Error("setup failed");
      const first = await store.commit({
        conversation,
        previous: created.stored,
        next: withDraft(created.stored.session, "m1", "first"),
      });
      expect(first.status).toBe("committed");
      const stale = await store.commit({
        conversation,
        previous: created.stored,
        next: withDraft(created.stored.session, "m2", "second"),
      });
      expect(stale.status).toBe("conflict");
      if (stale.status === "conflict")
        expect(stale.current?.session.turn?.draft.map((message) => message.id)).toEqual(["m1"]);
    });

    it("accepts exactly one of 50 concurrent writes from the same version", async () => {
      const { store } = makeHarness();
      const conversation = freshConversation();
      const created = await store.commit({ conversation, previous: null, next: sampleSession(conversation) });
      if (created.status !== "committed" || !created.stored) throw new Error("setup failed");
      const base = created.stored;
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          store.commit({
            conversation,
            previous: base,
            next: withDraft(base.session, `m${index}`, `answer ${index}`),
            eventId: `e${index}`,
          }),
        ),
      );
      expect(results.filter((result) => result.status === "committed")).toHaveLength(1);
      expect(results.filter((result) => result.status === "conflict")).toHaveLength(49);
      const loaded = await store.load(conversation);
      expect(loaded?.session.version).toBe(base.session.version + 1);
      expect(loaded?.session.turn?.draft).toHaveLength(1);
    });

    it("claims an inbound event once: a redelivery is a duplicate and writes nothing", async () => {
      const { store } = makeHarness();
      const conversation = freshConversation();
      const created = await store.commit({
        conversation,
        previous: null,
        next: sampleSession(conversation),
        eventId: "start-1",
      });
      if (created.status !== "committed" || !created.stored) throw new Error("setup failed");
      const again = await store.commit({
        conversation,
        previous: created.stored,
        next: withDraft(created.stored.session, "x", "x"),
        eventId: "start-1",
      });
      expect(again.status).toBe("duplicate");
      expect((await store.load(conversation))?.session.version).toBe(created.stored.session.version);
    });

    it("claims an event without writing when nothing changed, leaving the version alone", async () => {
      const { store } = makeHarness();
      const conversation = freshConversation();
      const created = await store.commit({ conversation, previous: null, next: sampleSession(conversation) });
      if (created.status !== "committed" || !created.stored) throw new Error("setup failed");
      const claimOnly = await store.commit({
        conversation,
        previous: created.stored,
        next: null,
        eventId: "notice-1",
      });
      expect(claimOnly.status).toBe("committed");
      expect(
        await store.commit({ conversation, previous: created.stored, next: null, eventId: "notice-1" }),
      ).toEqual({ status: "duplicate" });
      expect((await store.load(conversation))?.session.version).toBe(created.stored.session.version);
    });

    it("claims standalone events with SET NX semantics", async () => {
      const { store } = makeHarness();
      const conversation = freshConversation();
      expect(await store.claimEvent(conversation, "interaction-1")).toBe(true);
      expect(await store.claimEvent(conversation, "interaction-1")).toBe(false);
      expect(await store.claimEvent(conversation, "interaction-2")).toBe(true);
    });

    it("raises a typed SessionCorruptError for unparseable stored JSON", async () => {
      const harness = makeHarness();
      const conversation = freshConversation();
      await harness.store.commit({ conversation, previous: null, next: sampleSession(conversation) });
      await harness.corrupt(conversation, "core", "{not json");
      await expect(harness.store.load(conversation)).rejects.toBeInstanceOf(SessionCorruptError);
    });

    it("raises a typed SessionCorruptError for valid JSON of the wrong shape", async () => {
      const harness = makeHarness();
      const conversation = freshConversation();
      await harness.store.commit({ conversation, previous: null, next: sampleSession(conversation) });
      await harness.corrupt(conversation, "questions", JSON.stringify([{ id: 42 }]));
      const error = await harness.store.load(conversation).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SessionCorruptError);
      expect((error as SessionCorruptError).code).toBe("session-corrupt");
    });

    it("expires sessions and claims after their TTL", async () => {
      const { store } = makeHarness({ sessionTtlMs: 150, claimTtlMs: 150 });
      const conversation = freshConversation();
      await store.commit({ conversation, previous: null, next: sampleSession(conversation), eventId: "e1" });
      expect(await store.load(conversation)).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await store.load(conversation)).toBeNull();
      expect(await store.claimEvent(conversation, "e1")).toBe(true);
    });

    it("queues events in order, consumes them only from the head, and never queues a claimed event twice", async () => {
      const { store } = makeHarness();
      const conversation = freshConversation();
      const created = await store.commit({ conversation, previous: null, next: sampleSession(conversation) });
      if (created.status !== "committed" || !created.stored) throw new Error("setup failed");
      expect((await store.enqueue(conversation, queued("m1"))).status).toBe("queued");
      const second = await store.enqueue(conversation, queued("m2"));
      if (second.status === "limited" || second.status === "absent") throw new Error("setup failed");
      expect(second.state.pending.map((entry) => entry.eventId)).toEqual(["m1", "m2"]);
      const again = await store.enqueue(conversation, queued("m1"));
      if (again.status === "limited" || again.status === "absent") throw new Error("setup failed");
      expect(again.status).toBe("duplicate");
      expect(again.state.pending).toHaveLength(2);
      // A commit that claims to have applied events which are not the inbox's head conflicts.
      const wrongHead = await store.commit({
        conversation,
        previous: created.stored,
        next: null,
        consumed: { count: 1, lastEventId: "m2" },
      });
      expect(wrongHead.status).toBe("conflict");
      const consumed = await store.commit({
        conversation,
        previous: created.stored,
        next: null,
        consumed: { count: 1, lastEventId: "m1" },
      });
      expect(consumed.status).toBe("committed");
      expect((await store.read(conversation)).pending.map((entry) => entry.eventId)).toEqual(["m2"]);
    });

    it("applies a direct event only when nothing waits, and otherwise claims and queues it", async () => {
      const { store } = makeHarness();
      const conversation = freshConversation();
      const created = await store.commit({ conversation, previous: null, next: sampleSession(conversation) });
      if (created.status !== "committed" || !created.stored) throw new Error("setup failed");
      const next = withDraft(structuredClone(created.stored.session), "d1", "text d1");
      next.version = created.stored.session.version + 1;
      const applied = await store.commit({
        conversation,
        previous: created.stored,
        next,
        direct: queued("d1"),
      });
      expect(applied.status).toBe("committed");
      // Stale copy: the event is queued, not lost, and a redelivery is recognised.
      const stale = await store.commit({
        conversation,
        previous: created.stored,
        next: null,
        direct: queued("d2"),
      });
      expect(stale.status).toBe("queued");
      if (stale.status === "queued")
        expect(stale.state.pending.map((entry) => entry.eventId)).toEqual(["d2"]);
      const redelivered = await store.commit({
        conversation,
        previous: created.stored,
        next: null,
        direct: queued("d1"),
      });
      expect(redelivered.status).toBe("duplicate");
      // Current copy, but another event waits: queued behind it, so order is kept.
      const current = applied.status === "committed" ? applied.stored : null;
      const behind = await store.commit({
        conversation,
        previous: current,
        next: null,
        direct: queued("d3"),
      });
      expect(behind.status).toBe("queued");
      expect((await store.read(conversation)).pending.map((entry) => entry.eventId)).toEqual(["d2", "d3"]);
    });

    it("records deliveries and leases overdue conversations to one sweeper at a time", async () => {
      const { store } = makeHarness();
      const conversation = freshConversation();
      const created = await store.commit({
        conversation,
        previous: null,
        next: sampleSession(conversation),
        deliveryDueAt: 1_000,
      });
      if (created.status !== "committed" || !created.stored) throw new Error("setup failed");
      expect(await store.claimOverdueDeliveries(999, 5_000, 10)).not.toContain(conversation);
      expect(await store.claimOverdueDeliveries(1_000, 5_000, 10)).toContain(conversation);
      // Leased: another sweeper does not get it until the lease runs out.
      expect(await store.claimOverdueDeliveries(2_000, 5_000, 10)).not.toContain(conversation);
      await store.markDelivered(conversation, ["k1"], created.stored.session.version);
      expect((await store.read(conversation)).delivered).toEqual(new Set(["k1"]));
      expect(await store.claimOverdueDeliveries(10_000, 5_000, 10)).not.toContain(conversation);
    });

    it("keeps quiet-period timers with the state, leases due ones to one process, and forgets completed ones", async () => {
      const { store } = makeHarness();
      const conversation = freshConversation();
      const first = `${conversation}\ns\nq1\n1`;
      const second = `${conversation}\ns\nq1\n2`;
      const created = await store.commit({
        conversation,
        previous: null,
        next: sampleSession(conversation),
        timers: { add: { member: first, dueAt: 1_000 } },
      });
      if (created.status !== "committed" || !created.stored) throw new Error("setup failed");
      // A stale commit writes nothing, timers included.
      await store.commit({
        conversation,
        previous: null,
        next: sampleSession(conversation),
        timers: { add: { member: "stale", dueAt: 0 } },
      });
      const grown = await store.commit({
        conversation,
        previous: created.stored,
        next: withDraft(created.stored.session, "m2", "more"),
        timers: { add: { member: second, dueAt: 2_000 }, remove: first },
      });
      if (grown.status !== "committed") throw new Error("setup failed");
      expect(await store.claimDueTimers(1_999, 5_000, 10)).toEqual([]);
      expect(await store.claimDueTimers(2_000, 5_000, 10)).toEqual([second]);
      // Leased: nobody else fires it until the lease runs out, then it fires again.
      expect(await store.claimDueTimers(3_000, 5_000, 10)).toEqual([]);
      expect(await store.claimDueTimers(7_000, 5_000, 10)).toEqual([second]);
      await store.completeTimer(second);
      expect(await store.claimDueTimers(100_000, 5_000, 10)).toEqual([]);
    });

    it("never writes an erased interview back: a stale copy's commit is 'gone', a message with no interview is 'absent'", async () => {
      const { store } = makeHarness();
      const conversation = freshConversation();
      const created = await store.commit({ conversation, previous: null, next: sampleSession(conversation) });
      if (created.status !== "committed" || !created.stored) throw new Error("setup failed");
      await store.delete(conversation);
      // A process still holding the interview applies a message to it directly, with a rate limit.
      const rateLimit = {
        key: rateLimitKey(conversation, "user-1"),
        policy: { capacity: 5, refillPerSecond: 1 },
      };
      const stale = await store.commit({
        conversation,
        previous: created.stored,
        next: withDraft(created.stored.session, "late", "my answer, after the erasure"),
        direct: queued("late"),
        rateLimit,
      });
      expect(stale).toEqual({ status: "gone" });
      // A claim-only or internal commit on the stale copy writes nothing either.
      expect(
        await store.commit({ conversation, previous: created.stored, next: null, eventId: "e9" }),
      ).toEqual({
        status: "gone",
      });
      // Without a copy: a message for no interview is neither stored nor claimed.
      expect(await store.enqueue(conversation, queued("late"), rateLimit)).toEqual({ status: "absent" });
      const state = await store.read(conversation);
      expect(state).toEqual({ stored: null, pending: [], delivered: new Set() });
      // A start may still open an interview in the conversation.
      const start: QueuedEvent = {
        eventId: "start-again",
        author: { id: "user-1", name: "Ada" },
        event: {
          type: "interview-requested",
          sessionId: "s-again",
          conversation,
          candidate: { id: "user-1", name: "Ada" },
          options: created.stored.session.options,
          coach: "offline",
          at: 2,
        },
      };
      expect((await store.enqueue(conversation, start)).status).toBe("queued");
      // And once a start waits in the inbox, a message sent right after it waits behind it.
      expect((await store.enqueue(conversation, queued("after-start"))).status).toBe("queued");
    });

    it("takes a member's token in the same step as storing the event: a duplicate costs none, a refused event is neither stored nor claimed", async () => {
      const { store } = makeHarness();
      const conversation = freshConversation();
      const created = await store.commit({ conversation, previous: null, next: sampleSession(conversation) });
      if (created.status !== "committed" || !created.stored) throw new Error("setup failed");
      // A bucket of two that refills once in 1,000 s: nothing refills during the test.
      const rateLimit = {
        key: rateLimitKey(conversation, "user-1"),
        policy: { capacity: 2, refillPerSecond: 0.001 },
      };
      expect((await store.enqueue(conversation, queued("r1"), rateLimit)).status).toBe("queued");
      // Redelivered: recognised before any token is taken.
      expect((await store.enqueue(conversation, queued("r1"), rateLimit)).status).toBe("duplicate");
      const direct = await store.commit({
        conversation,
        previous: created.stored,
        next: withDraft(created.stored.session, "r2", "two"),
        direct: queued("r2"),
        rateLimit,
      });
      // Another event waits in the inbox, so the direct one is queued behind it, with its token.
      expect(direct.status).toBe("queued");
      const refused = await store.enqueue(conversation, queued("r3"), rateLimit);
      expect(refused).toEqual({
        status: "limited",
        refusal: { allowed: false, notify: true, retryAfterMs: expect.any(Number) },
      });
      const again = await store.enqueue(conversation, queued("r4"), rateLimit);
      expect(again.status === "limited" && again.refusal.notify).toBe(false);
      const state = await store.read(conversation);
      expect(state.pending.map((entry) => entry.eventId)).toEqual(["r1", "r2"]);
      // Not claimed: once the member may send again, the same event is stored.
      expect((await store.enqueue(conversation, queued("r3"))).status).toBe("queued");
    });

    it("deletes an interview's timers with it", async () => {
      const { store } = makeHarness();
      const conversation = freshConversation();
      await store.commit({
        conversation,
        previous: null,
        next: sampleSession(conversation),
        timers: { add: { member: `${conversation}\ns\nq1\n1`, dueAt: 1_000 } },
      });
      await store.delete(conversation);
      expect(await store.claimDueTimers(100_000, 5_000, 10)).toEqual([]);
    });

    it("deletes every trace of an interview", async () => {
      const harness = makeHarness();
      const conversation = freshConversation();
      await harness.store.commit({
        conversation,
        previous: null,
        next: sampleSession(conversation),
        eventId: "e1",
      });
      await harness.store.claimEvent(conversation, "e2");
      expect(await harness.remainingKeys(conversation)).toBeGreaterThan(0);
      await harness.store.delete(conversation);
      expect(await harness.remainingKeys(conversation)).toBe(0);
      expect(await harness.store.load(conversation)).toBeNull();
    });
  });
}
