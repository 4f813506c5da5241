import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import {
  FileSessionStore,
  InterviewFileBusyError,
  InterviewFileUnreadableError,
} from "../../src/store/file-session-store.ts";
import { sessionStoreContract } from "../contracts/session-store.contract.ts";
import { sampleSession, withDraft } from "../support/sample-session.ts";

const folder = mkdtempSync(join(tmpdir(), "sr-file-store-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
const freshPath = () => {
  files += 1;
  return join(folder, `interviews-${files}.json`);
};

sessionStoreContract("file", (ttls) => {
  const path = freshPath();
  const store = FileSessionStore.open({ path, ...ttls });
  store.lock();
  return {
    store,
    corrupt: async (conversation, field, value) => store.corruptField(conversation, field, value),
    // What a later process would find in the file, not what this one holds in memory.
    remainingKeys: async (conversation) => FileSessionStore.open({ path }).countEntries(conversation),
  };
});

describe("FileSessionStore", () => {
  const conversation: ConversationKey = "terminal:ada";

  it("lets a second instance reading the same file see the first one's committed interview", async () => {
    const path = freshPath();
    const first = FileSessionStore.open({ path });
    first.lock();
    const created = await first.commit({ conversation, previous: null, next: sampleSession(conversation) });
    if (created.status !== "committed" || !created.stored) throw new Error("setup failed");
    await first.commit({
      conversation,
      previous: created.stored,
      next: withDraft(created.stored.session, "m1", "My first paragraph."),
      eventId: "line-1",
    });

    // Read while the first still holds the file, as `practice --list` in another terminal does.
    const second = FileSessionStore.open({ path });
    const loaded = await second.load(conversation);
    expect(loaded?.session.turn?.draft.map((message) => message.text)).toEqual(["My first paragraph."]);
    expect(second.conversations()).toEqual([conversation]);
    await first.close();

    // Claims travel with the file: a redelivered line is still recognised after a restart.
    const third = FileSessionStore.open({ path });
    third.lock();
    expect(await third.claimEvent(conversation, "line-1")).toBe(false);
    await third.close();
  });

  it("keeps the inbox and delivery marks too: a restarted process finds what was waiting and what was delivered", async () => {
    const path = freshPath();
    const first = FileSessionStore.open({ path });
    first.lock();
    await first.commit({ conversation, previous: null, next: sampleSession(conversation) });
    await first.enqueue(conversation, {
      eventId: "m1",
      author: { id: "user-1", name: "Ada" },
      event: { type: "message-received", messageId: "m1", text: "waiting", at: 1 },
    });
    await first.markDelivered(conversation, ["k1"]);
    await first.close();

    const state = await FileSessionStore.open({ path }).read(conversation);
    expect(state.pending.map((entry) => entry.eventId)).toEqual(["m1"]);
    expect([...state.delivered]).toEqual(["k1"]);
  });

  it("refuses a second writer while the first holds the file, and frees it on close", async () => {
    const path = freshPath();
    const first = FileSessionStore.open({ path });
    first.lock();
    const second = FileSessionStore.open({ path });
    expect(() => second.lock()).toThrow(InterviewFileBusyError);
    expect(() => second.lock()).toThrow(/Another SecondRound practice is using .* \(process \d+\)/);
    await first.close();
    second.lock();
    await second.close();
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    const path = freshPath();
    // Far above any pid the kernel hands out, so no such process exists.
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: 2 ** 30, host: hostname(), since: 0 }));
    const store = FileSessionStore.open({ path });
    store.lock();
    await store.commit({ conversation, previous: null, next: sampleSession(conversation) });
    await store.close();
    expect(await FileSessionStore.open({ path }).load(conversation)).not.toBeNull();
  });

  it("writes nothing through a read-only instance", async () => {
    const path = freshPath();
    const store = FileSessionStore.open({ path });
    await expect(
      store.commit({ conversation, previous: null, next: sampleSession(conversation) }),
    ).rejects.toThrow(/read-only/);
  });

  it("leaves a damaged file alone and says how to carry on", () => {
    const path = freshPath();
    writeFileSync(path, "{ this is not json");
    expect(() => FileSessionStore.open({ path })).toThrow(InterviewFileUnreadableError);
    expect(() => FileSessionStore.open({ path })).toThrow(/move it aside/);
    expect(readFileSync(path, "utf8")).toBe("{ this is not json");
  });

  it("writes every one of many concurrent changes before they resolve", async () => {
    const path = freshPath();
    const store = FileSessionStore.open({ path });
    store.lock();
    const claims = await Promise.all(
      Array.from({ length: 40 }, (_, index) => store.claimEvent(conversation, `e${index}`)),
    );
    expect(claims.every(Boolean)).toBe(true);
    expect(FileSessionStore.open({ path }).countEntries(conversation)).toBe(40);
    await store.close();
  });
});
