import { describe, expect, it } from "vitest";
import { InterviewDesk } from "../../src/core/engine/interview-desk.ts";
import { StoryBank } from "../../src/core/engine/story-bank.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { MAX_STORIES } from "../../src/core/model/story.ts";
import { addToBank, SUGGESTION_RETENTION_MS } from "../../src/core/model/story-bank.ts";
import { MemoryCandidateDirectory } from "../../src/store/memory-candidate-directory.ts";
import { MemoryStoryStore } from "../../src/store/memory-story-store.ts";
import { story } from "../contracts/story-store.contract.ts";
import { CANDIDATE, inbound, ManualClock, makeEngine } from "../support/engine-harness.ts";
import {
  LIBRARY_RETURNS,
  STORY_QUESTIONS,
  WAREHOUSE_AS_CONFLICT,
  WAREHOUSE_AS_LEADERSHIP,
} from "../support/story-answers.ts";
import { offlineCoachAsking } from "../support/story-question-coach.ts";

const SCOPE = "discord:guild-1";

/** The engine and desk with a story bank, the offline coach asking the given story questions. */
function setUp(questions = STORY_QUESTIONS) {
  const clock = new ManualClock();
  const store = new MemoryStoryStore({ clock });
  const stories = new StoryBank(store, clock);
  let planned: string[] = [];
  const coach = offlineCoachAsking(questions);
  const harness = makeEngine({
    clock,
    stories,
    coach: {
      ...coach,
      name: coach.name,
      planQuestions: async (request) => {
        planned = [...(request.storyGaps ?? [])];
        return coach.planQuestions(request);
      },
    },
  });
  const directory = new MemoryCandidateDirectory(harness.store, clock);
  const desk = new InterviewDesk({ engine: harness.engine, store: harness.store, directory, stories });
  let threads = 0;
  const interview = async (answers: readonly string[]) => {
    const outcome = await desk.start({
      scope: SCOPE,
      candidate: CANDIDATE,
      eventId: `start-${threads}`,
      receivedAt: clock.now(),
      options: { role: "Shift Manager", company: "Acme", questionCount: answers.length, probeLimit: 0 },
      openConversation: async (): Promise<ConversationKey> => `${SCOPE}:thread-${++threads}`,
    });
    if (outcome.kind !== "started") throw new Error(outcome.kind);
    const { conversation } = outcome;
    for (const answer of answers) {
      await harness.engine.handle(inbound.message(conversation, answer));
      await harness.engine.handle(inbound.action(conversation, "submit"));
    }
    await harness.engine.handle(inbound.message(conversation, "No questions from me, thank you."));
    await harness.engine.handle(inbound.action(conversation, "submit"));
    const session = await harness.engine.current(conversation);
    expect(session?.phase).toBe("finished");
    return { conversation, session, report: session?.report };
  };
  return { ...harness, clock, store, stories, desk, interview, plannedGaps: () => planned };
}

describe("one story told for several competencies", () => {
  it("is flagged in the report with a verbatim sentence of each telling, and banked as one story", async () => {
    const { interview, stories } = setUp();
    const { report } = await interview([WAREHOUSE_AS_LEADERSHIP, WAREHOUSE_AS_CONFLICT, LIBRARY_RETURNS]);
    expect(report?.storyReuse).toHaveLength(1);
    const tellings = report?.storyReuse?.[0]?.tellings ?? [];
    expect(tellings.map((telling) => telling.competency)).toEqual(["leadership", "conflict"]);
    expect(WAREHOUSE_AS_LEADERSHIP).toContain(tellings[0]?.quote);
    expect(WAREHOUSE_AS_CONFLICT).toContain(tellings[1]?.quote);

    const bank = await stories.list(SCOPE, CANDIDATE.id);
    expect(bank).toHaveLength(2);
    const warehouse = bank.find((kept) => kept.competencies.length === 2);
    expect(warehouse?.competencies).toEqual(["leadership", "conflict"]);
    expect(warehouse?.tellings).toHaveLength(2);
    expect(warehouse?.kept).toBe(false);
    // Each part is a sentence the candidate said, word for word.
    for (const part of [warehouse?.situation, warehouse?.action, warehouse?.result])
      expect(`${WAREHOUSE_AS_LEADERSHIP} ${WAREHOUSE_AS_CONFLICT}`).toContain(part);
    const library = bank.find((kept) => kept.competencies.includes("initiative"));
    expect(LIBRARY_RETURNS).toContain(library?.situation);
  });

  it("is not flagged when each answer tells its own story", async () => {
    const { interview, stories } = setUp(
      [STORY_QUESTIONS[0], STORY_QUESTIONS[2]].flatMap((q) => (q ? [q] : [])),
    );
    const { report } = await interview([WAREHOUSE_AS_LEADERSHIP, LIBRARY_RETURNS]);
    expect(report?.storyReuse).toBeUndefined();
    expect(await stories.list(SCOPE, CANDIDATE.id)).toHaveLength(2);
  });
});

describe("the story bank across interviews", () => {
  it("records a finished interview once, however often its finish is replayed", async () => {
    const { interview, engine, stories } = setUp();
    const { conversation } = await interview([
      WAREHOUSE_AS_LEADERSHIP,
      WAREHOUSE_AS_CONFLICT,
      LIBRARY_RETURNS,
    ]);
    const before = await stories.list(SCOPE, CANDIDATE.id);
    await engine.handle(inbound.action(conversation, "end"));
    await engine.resume(conversation, true);
    expect(await stories.list(SCOPE, CANDIDATE.id)).toEqual(before);
  });

  it("adds a later retelling to the banked story, keeps the candidate's title, and asks about the gaps first", async () => {
    const { interview, stories, plannedGaps } = setUp([STORY_QUESTIONS[0]].flatMap((q) => (q ? [q] : [])));
    await interview([WAREHOUSE_AS_LEADERSHIP]);
    const [first] = await stories.list(SCOPE, CANDIDATE.id);
    if (!first) throw new Error("no story banked");
    const renamed = await stories.rename(SCOPE, CANDIDATE.id, first.id, "The warehouse move");
    expect(renamed).toMatchObject({ kind: "changed", story: { kept: true, titled: true } });

    await interview([WAREHOUSE_AS_CONFLICT]);
    // The second plan was asked to cover what the bank lacked: everything but leadership.
    expect(plannedGaps()).toEqual(["conflict", "failure", "pressure", "collaboration", "initiative"]);
    const bank = await stories.list(SCOPE, CANDIDATE.id);
    expect(bank).toHaveLength(1);
    expect(bank[0]).toMatchObject({ id: first.id, title: "The warehouse move", kept: true });
    expect(bank[0]?.tellings).toHaveLength(2);
  });

  it("keeps, renames and deletes only what the member asks, and refuses an empty title", async () => {
    const { stories, store, clock } = setUp();
    const tellings = [{ sessionId: "s1", questionId: "q1", competency: null, score: 70, at: clock.now() }];
    await store.put(SCOPE, CANDIDATE.id, [story("a", { tellings }), story("b", { tellings })]);
    expect(await stories.keep(SCOPE, CANDIDATE.id, "a")).toMatchObject({
      kind: "changed",
      story: { kept: true },
    });
    expect(await stories.rename(SCOPE, CANDIDATE.id, "b", "   ")).toMatchObject({ kind: "invalid-title" });
    expect(await stories.rename(SCOPE, CANDIDATE.id, "b", "x".repeat(81))).toMatchObject({
      kind: "invalid-title",
    });
    expect(await stories.delete(SCOPE, CANDIDATE.id, "b")).toMatchObject({ kind: "deleted" });
    expect(await stories.delete(SCOPE, CANDIDATE.id, "b")).toEqual({ kind: "not-found" });
    expect(await stories.keep("discord:other", CANDIDATE.id, "a")).toEqual({ kind: "not-found" });
    expect((await stories.list(SCOPE, CANDIDATE.id)).map((kept) => [kept.id, kept.kept])).toEqual([
      ["a", true],
    ]);
  });

  it("lets a suggestion nobody kept go 90 days after it was last told; a kept story stays", async () => {
    const { stories, store, clock } = setUp();
    const at = clock.now();
    const told = (id: string) => [{ sessionId: id, questionId: "q", competency: null, score: 60, at }];
    await store.put(SCOPE, CANDIDATE.id, [
      story("kept", { kept: true, tellings: told("s1") }),
      story("suggested", { tellings: told("s2") }),
    ]);
    clock.advance(SUGGESTION_RETENTION_MS - 1);
    expect(await stories.list(SCOPE, CANDIDATE.id)).toHaveLength(2);
    clock.advance(1);
    expect((await stories.list(SCOPE, CANDIDATE.id)).map((kept) => kept.id)).toEqual(["kept"]);
  });

  it(`holds at most ${MAX_STORIES} stories, letting the oldest suggestions go before any kept story`, () => {
    const bank = Array.from({ length: MAX_STORIES }, (_, index) =>
      story(`s${index}`, {
        kept: index < 5,
        marks: [`only${index}a`, `only${index}b`, `only${index}c`],
        tellings: [
          { sessionId: `x${index}`, questionId: "q", competency: null, score: 50, at: 1_000 + index },
        ],
      }),
    );
    const fresh = story("new", {
      marks: ["fresh1", "fresh2", "fresh3"],
      tellings: [{ sessionId: "y", questionId: "q", competency: null, score: 50, at: 9_000 }],
    });
    const change = addToBank(bank, [fresh], 9_000);
    expect(change.put.map((put) => put.id)).toEqual(["new"]);
    // s0-s4 are kept; the oldest suggestion is s5.
    expect(change.remove).toEqual(["s5"]);
  });
});
