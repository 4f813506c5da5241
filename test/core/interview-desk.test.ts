import { describe, expect, it } from "vitest";
import { InterviewDesk } from "../../src/core/engine/interview-desk.ts";
import { historyText, statusText } from "../../src/core/interview/session-status.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { MemoryCandidateDirectory } from "../../src/store/memory-candidate-directory.ts";
import { CANDIDATE, inbound, makeEngine } from "../support/engine-harness.ts";

function makeDesk() {
  const harness = makeEngine();
  const directory = new MemoryCandidateDirectory(harness.store, harness.clock);
  const desk = new InterviewDesk({ engine: harness.engine, store: harness.store, directory });
  let threads = 0;
  const opened: ConversationKey[] = [];
  const openConversation = async () => {
    const conversation: ConversationKey = `discord:guild-1:thread-${++threads}`;
    opened.push(conversation);
    return conversation;
  };
  const request = (eventId: string, options: Record<string, unknown> = {}) => ({
    scope: "discord:guild-1" as const,
    candidate: CANDIDATE,
    eventId,
    receivedAt: harness.clock.now(),
    options: { role: "Data Analyst", company: "Acme", ...options },
    openConversation,
  });
  return { ...harness, desk, directory, opened, request };
}

describe("InterviewDesk", () => {
  it("opens a thread and starts the interview in it", async () => {
    const { desk, opened, request, engine, sender } = makeDesk();
    const outcome = await desk.start(request("i-1"));
    expect(outcome).toEqual({ kind: "started", conversation: "discord:guild-1:thread-1" });
    expect(opened).toEqual(["discord:guild-1:thread-1"]);
    const session = await engine.current("discord:guild-1:thread-1");
    expect(session?.phase).toBe("interviewing");
    expect(sender.messages.some((message) => message.conversation === "discord:guild-1:thread-1")).toBe(true);
  });

  it("refuses a second interview while one runs, without opening a thread", async () => {
    const { desk, opened, request } = makeDesk();
    await desk.start(request("i-1"));
    const second = await desk.start(request("i-2"));
    expect(second.kind).toBe("already-active");
    if (second.kind === "already-active")
      expect(second.session.conversation).toBe("discord:guild-1:thread-1");
    expect(opened).toHaveLength(1);
  });

  it("allows a new interview once the previous one has finished", async () => {
    const { desk, request, engine } = makeDesk();
    await desk.start(request("i-1", { questionCount: 1 }));
    await engine.handle(inbound.action("discord:guild-1:thread-1", "end"));
    expect((await engine.current("discord:guild-1:thread-1"))?.phase).toBe("finished");
    expect((await desk.start(request("i-2"))).kind).toBe("started");
  });

  it("handles a redelivered start command once", async () => {
    const { desk, opened, request } = makeDesk();
    await desk.start(request("i-1"));
    expect(await desk.start(request("i-1"))).toEqual({ kind: "duplicate" });
    expect(opened).toHaveLength(1);
  });

  it("lets only one of two simultaneous starts through", async () => {
    const { desk, opened, request } = makeDesk();
    const outcomes = await Promise.all([desk.start(request("i-1")), desk.start(request("i-2"))]);
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(["busy", "started"]);
    expect(opened).toHaveLength(1);
  });

  it("explains invalid options before opening anything", async () => {
    const { desk, opened, request } = makeDesk();
    const outcome = await desk.start(request("i-1", { questionCount: 99 }));
    expect(outcome.kind).toBe("invalid-options");
    if (outcome.kind === "invalid-options") expect(outcome.problems).toMatch(/questionCount/);
    expect(opened).toHaveLength(0);
  });

  it("releases the hold when the thread cannot be created", async () => {
    const { desk, request } = makeDesk();
    const failing = {
      ...request("i-1"),
      openConversation: async (): Promise<ConversationKey> => {
        throw new Error("Missing Permissions");
      },
    };
    await expect(desk.start(failing)).rejects.toThrow("Missing Permissions");
    expect((await desk.start(request("i-2"))).kind).toBe("started");
  });

  it("lists history newest first with scores in words and status of the running one", async () => {
    const { desk, request, engine, clock } = makeDesk();
    await desk.start(request("i-1", { questionCount: 1, role: "Analyst" }));
    await engine.handle(
      inbound.message(
        "discord:guild-1:thread-1",
        "In my last job I led the migration of our reporting to dbt; I rewrote 40 models and cut the nightly run from 3 hours to 40 minutes, which let the finance team close the month two days earlier.",
      ),
    );
    await engine.handle(inbound.action("discord:guild-1:thread-1", "end"));
    clock.advance(60_000);
    await desk.start(request("i-2", { role: "Engineer" }));
    const history = await desk.history("discord:guild-1", CANDIDATE.id);
    expect(history.map((session) => session.options.role)).toEqual(["Engineer", "Analyst"]);
    const text = historyText(history);
    expect(text).toMatch(/Engineer at Acme .*in progress/);
    expect(text).toMatch(/Analyst at Acme .*(\d+\/100 \((Not yet|Almost|Ready)\)|not scorable)/);
    const active = await desk.activeInterview("discord:guild-1", CANDIDATE.id);
    expect(active && statusText(active)).toMatch(/You're on question 1 of/);
    expect(historyText([])).toMatch(/haven't taken an interview/);
  });

  it("ends the candidate's running interview from anywhere in the community, and says when there is none", async () => {
    const { desk, request, engine } = makeDesk();
    expect(await desk.endInterview("discord:guild-1", CANDIDATE, "end-0", 0)).toBeNull();
    await desk.start(request("i-1"));
    const ended = await desk.endInterview("discord:guild-1", CANDIDATE, "end-1", 0);
    expect(ended?.conversation).toBe("discord:guild-1:thread-1");
    expect((await engine.current("discord:guild-1:thread-1"))?.phase).toBe("finished");
    expect(await desk.endInterview("discord:guild-1", CANDIDATE, "end-2", 0)).toBeNull();
  });
});
