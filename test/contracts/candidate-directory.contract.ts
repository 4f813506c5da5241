import { describe, expect, it } from "vitest";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import type { CandidateDirectory } from "../../src/core/ports/candidate-directory.ts";
import type { SessionStore } from "../../src/core/ports/ports.ts";
import { sampleSession } from "../support/sample-session.ts";

let counter = 0;
function freshScope(): `discord:${string}` {
  counter += 1;
  return `discord:${process.pid}${Date.now()}${counter}`;
}

/** Behaviour every CandidateDirectory must have; run against Redis and memory alike. */
export function candidateDirectoryContract(
  name: string,
  makeHarness: () => { directory: CandidateDirectory; store: SessionStore },
) {
  describe(`CandidateDirectory contract: ${name}`, () => {
    it("lists a candidate's conversations newest first, per scope and candidate", async () => {
      const { directory } = makeHarness();
      const scope = freshScope();
      await directory.record(scope, "u1", `${scope}:t1`, 1_000);
      await directory.record(scope, "u1", `${scope}:t3`, 3_000);
      await directory.record(scope, "u1", `${scope}:t2`, 2_000);
      await directory.record(scope, "u2", `${scope}:t9`, 4_000);
      await directory.record(freshScope(), "u1", "discord:elsewhere:t1", 5_000);
      expect(await directory.recent(scope, "u1", 10)).toEqual([`${scope}:t3`, `${scope}:t2`, `${scope}:t1`]);
      expect(await directory.recent(scope, "u1", 2)).toEqual([`${scope}:t3`, `${scope}:t2`]);
      expect(await directory.recent(scope, "nobody", 10)).toEqual([]);
    });

    it("recording the same conversation twice keeps one entry", async () => {
      const { directory } = makeHarness();
      const scope = freshScope();
      await directory.record(scope, "u1", `${scope}:t1`, 1_000);
      await directory.record(scope, "u1", `${scope}:t1`, 1_000);
      expect(await directory.recent(scope, "u1", 10)).toEqual([`${scope}:t1`]);
    });

    it("grants a hold to one caller at a time until it is released", async () => {
      const { directory } = makeHarness();
      const scope = freshScope();
      const attempts = await Promise.all(
        Array.from({ length: 10 }, () => directory.hold(scope, "u1", 60_000)),
      );
      expect(attempts.filter(Boolean)).toHaveLength(1);
      expect(await directory.hold(scope, "u2", 60_000)).toBe(true);
      await directory.release(scope, "u1");
      expect(await directory.hold(scope, "u1", 60_000)).toBe(true);
    });

    it("erasing a scope removes its interviews and entries, and nothing of another scope", async () => {
      const { directory, store } = makeHarness();
      const scope = freshScope();
      const other = freshScope();
      const mine: ConversationKey = `${scope}:thread-1`;
      const theirs: ConversationKey = `${other}:thread-1`;
      for (const [scopeName, conversation] of [
        [scope, mine],
        [other, theirs],
      ] as const) {
        await store.commit({
          conversation,
          previous: null,
          next: sampleSession(conversation),
          eventId: "e1",
        });
        await directory.record(scopeName, "u1", conversation, 1_000);
      }
      expect(await directory.eraseScope(scope)).toBeGreaterThan(0);
      expect(await store.load(mine)).toBeNull();
      expect(await directory.recent(scope, "u1", 10)).toEqual([]);
      expect(await store.load(theirs)).not.toBeNull();
      expect(await directory.recent(other, "u1", 10)).toEqual([theirs]);
    });

    it("hands out a scheduled erasure once it is due, to one sweeper per lease, until it is done", async () => {
      const { directory } = makeHarness();
      const scope = freshScope();
      const later = freshScope();
      await directory.scheduleErasure(scope, 10_000);
      await directory.scheduleErasure(later, 50_000);
      expect(await directory.claimDueErasures(9_999, 1_000, 10)).not.toContain(scope);
      expect(await directory.claimDueErasures(10_000, 1_000, 10)).toContain(scope);
      // Leased: another sweeper sees nothing until the lease runs out.
      expect(await directory.claimDueErasures(10_500, 1_000, 10)).not.toContain(scope);
      expect(await directory.claimDueErasures(11_000, 1_000, 10)).toContain(scope);
      await directory.eraseScope(scope);
      const afterwards = await directory.claimDueErasures(99_000, 1_000, 10);
      expect(afterwards).not.toContain(scope);
      expect(afterwards).toContain(later);
    });

    it("forgets a scheduled erasure when the community comes back", async () => {
      const { directory } = makeHarness();
      const scope = freshScope();
      await directory.scheduleErasure(scope, 10_000);
      expect(await directory.cancelErasure(scope)).toBe(true);
      expect(await directory.cancelErasure(scope)).toBe(false);
      expect(await directory.claimDueErasures(20_000, 1_000, 10)).not.toContain(scope);
    });

    it("hands out an unfinished member erasure once due, leased, until the member is forgotten", async () => {
      const { directory } = makeHarness();
      const scope = freshScope();
      const member = { scope, memberId: "u1" };
      const other = { scope, memberId: "u2" };
      await directory.scheduleMemberErasure(member, 10_000);
      await directory.scheduleMemberErasure(other, 10_000);
      expect(await directory.claimDueMemberErasures(9_999, 1_000, 50)).not.toContainEqual(member);
      const due = await directory.claimDueMemberErasures(10_000, 1_000, 50);
      expect(due).toContainEqual(member);
      expect(due).toContainEqual(other);
      // Leased: another sweeper sees neither until the lease runs out.
      expect(await directory.claimDueMemberErasures(10_500, 1_000, 50)).not.toContainEqual(member);
      await directory.forgetMember(member);
      const afterwards = await directory.claimDueMemberErasures(99_000, 1_000, 50);
      expect(afterwards).not.toContainEqual(member);
      expect(afterwards).toContainEqual(other);
    });

    it("forgetting a member removes their entries and hold, and nobody else's", async () => {
      const { directory } = makeHarness();
      const scope = freshScope();
      const elsewhere = freshScope();
      await directory.record(scope, "u1", `${scope}:t1`, 1_000);
      await directory.record(scope, "u2", `${scope}:t2`, 2_000);
      await directory.record(elsewhere, "u1", `${elsewhere}:t1`, 1_000);
      expect(await directory.hold(scope, "u1", 60_000)).toBe(true);
      expect(await directory.forgetMember({ scope, memberId: "u1" })).toBeGreaterThanOrEqual(2);
      expect(await directory.recent(scope, "u1", 10)).toEqual([]);
      expect(await directory.hold(scope, "u1", 60_000)).toBe(true);
      expect(await directory.recent(scope, "u2", 10)).toEqual([`${scope}:t2`]);
      expect(await directory.recent(elsewhere, "u1", 10)).toEqual([`${elsewhere}:t1`]);
      // Safe to repeat.
      await directory.release(scope, "u1");
      expect(await directory.forgetMember({ scope, memberId: "u1" })).toBe(0);
    });

    it("erasing a community ends its members' unfinished erasures", async () => {
      const { directory } = makeHarness();
      const scope = freshScope();
      const member = { scope, memberId: "u1" };
      await directory.scheduleMemberErasure(member, 10_000);
      await directory.eraseScope(scope);
      expect(await directory.claimDueMemberErasures(99_000, 1_000, 50)).not.toContainEqual(member);
    });
  });
}
