import { describe, expect, it } from "vitest";
import { InterviewDesk } from "../../src/core/engine/interview-desk.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import type { ProgressEntry } from "../../src/core/model/progress-entry.ts";
import { type ProgressStore, progressScopeOf } from "../../src/core/ports/progress-store.ts";
import { MemoryCandidateDirectory } from "../../src/store/memory-candidate-directory.ts";
import { MemoryProgressStore } from "../../src/store/memory-progress-store.ts";
import { CANDIDATE, inbound, makeEngine } from "../support/engine-harness.ts";

/** A progress store that counts writes and can be told to fail. */
class CountingProgress implements ProgressStore {
  readonly inner = new MemoryProgressStore();
  writes = 0;
  failing = false;
  async record(scope: string, memberId: string, entry: ProgressEntry): Promise<void> {
    this.writes += 1;
    if (this.failing) throw new Error("progress store down");
    await this.inner.record(scope, memberId, entry);
  }
  list(scope: string, memberId: string) {
    return this.inner.list(scope, memberId);
  }
  delete(scope: string, memberId: string) {
    return this.inner.delete(scope, memberId);
  }
}

function setUp() {
  const progress = new CountingProgress();
  const harness = makeEngine({ progress });
  const directory = new MemoryCandidateDirectory(harness.store, harness.clock);
  const desk = new InterviewDesk({ engine: harness.engine, store: harness.store, directory, progress });
  let threads = 0;
  const start = async (eventId: string) => {
    const outcome = await desk.start({
      scope: "discord:guild-1",
      candidate: CANDIDATE,
      eventId,
      receivedAt: harness.clock.now(),
      options: { role: "Data Analyst", company: "Acme", questionCount: 1, stage: "second" },
      openConversation: async (): Promise<ConversationKey> => `discord:guild-1:thread-${++threads}`,
    });
    if (outcome.kind !== "started") throw new Error(outcome.kind);
    return outcome.conversation;
  };
  return { ...harness, desk, progress, start };
}

describe("recording progress when an interview finishes", () => {
  it("records the finished interview once, with the minimal fields, however often the finish is replayed", async () => {
    const { engine, progress, start } = setUp();
    const conversation = await start("i-1");
    expect(progress.writes).toBe(0);
    await engine.handle(inbound.action(conversation, "end"));
    const session = await engine.current(conversation);
    expect(session?.phase).toBe("finished");
    expect(progress.writes).toBe(1);
    // Later events in the finished thread, a restart's resume, a redelivered end: nothing more.
    await engine.handle(inbound.message(conversation, "thanks!"));
    await engine.resume(conversation, true);
    await engine.handle(inbound.action(conversation, "end"));
    expect(progress.writes).toBe(1);
    const entries = await progress.list("discord:guild-1", CANDIDATE.id);
    expect(entries).toEqual([
      {
        sessionId: session?.id,
        finishedAt: session?.report?.generatedAt,
        role: "Data Analyst",
        company: "Acme",
        stage: "second",
        overallScore: session?.report?.overallScore ?? null,
        competencies: expect.any(Array),
      },
    ]);
  });

  it("never fails the interview when the history cannot be written, and the desk fills the gap later", async () => {
    const { engine, desk, progress, start } = setUp();
    const conversation = await start("i-1");
    progress.failing = true;
    await engine.handle(inbound.action(conversation, "end"));
    expect((await engine.current(conversation))?.phase).toBe("finished");
    expect(await progress.list("discord:guild-1", CANDIDATE.id)).toEqual([]);
    progress.failing = false;
    const entries = await desk.progress("discord:guild-1", CANDIDATE.id);
    expect(entries?.map((entry) => entry.sessionId)).toEqual([(await engine.current(conversation))?.id]);
    // Asking again adds nothing twice.
    await desk.progress("discord:guild-1", CANDIDATE.id);
    expect(await progress.list("discord:guild-1", CANDIDATE.id)).toHaveLength(1);
  });

  it("files each conversation under its community", () => {
    expect(progressScopeOf("discord:guild-1:thread-1")).toBe("discord:guild-1");
    expect(progressScopeOf("slack:T1:C2:1700000000.0001")).toBe("slack:T1");
    expect(progressScopeOf("terminal:ada-2")).toBe("terminal");
  });
});
