import { describe, expect, it } from "vitest";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { CANDIDATE, inbound, makeEngine } from "../support/engine-harness.ts";

const OTHER = { id: "user-2", name: "Bo" };

/** An engine holding three interviews: the candidate's two in one server, another member's there. */
async function engineWithCopies() {
  const harness = makeEngine();
  const mine = "discord:g1:thread-1" as ConversationKey;
  const mineToo = "discord:g1:thread-2" as ConversationKey;
  const theirs = "discord:g1:thread-3" as ConversationKey;
  const elsewhere = "discord:g10:thread-4" as ConversationKey;
  await harness.engine.handle(inbound.start(mine));
  await harness.engine.handle(inbound.start(mineToo));
  await harness.engine.handle({ ...inbound.start(theirs), author: OTHER });
  await harness.engine.handle(inbound.start(elsewhere));
  expect(harness.engine.cacheSize.sessions).toBe(4);
  return { ...harness, mine, mineToo, theirs, elsewhere };
}

describe("dropping erased interviews from an engine's cache", () => {
  it("a member's erasure drops the interviews named and any other of theirs in the community", async () => {
    const { engine, mine } = await engineWithCopies();
    expect(
      engine.dropErased({
        kind: "member",
        scope: "discord:g1",
        memberId: CANDIDATE.id,
        conversations: [mine],
      }),
    ).toBe(2);
    // The other member's interview, and the candidate's in another server, stay.
    expect(engine.cacheSize.sessions).toBe(2);
  });

  it("a community's erasure drops all of its interviews and none of a server whose id starts the same", async () => {
    const { engine } = await engineWithCopies();
    expect(engine.dropErased({ kind: "community", scope: "discord:g1" })).toBe(3);
    expect(engine.cacheSize.sessions).toBe(1);
  });

  it("the retention period drops exactly the interviews it deleted", async () => {
    const { engine, theirs } = await engineWithCopies();
    expect(engine.dropErased({ kind: "interviews", scope: "discord:g1", conversations: [theirs] })).toBe(1);
    expect(engine.cacheSize.sessions).toBe(3);
  });
});
