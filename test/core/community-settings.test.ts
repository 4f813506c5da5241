import { describe, expect, it } from "vitest";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import { CommunityAdmin } from "../../src/core/engine/community-admin.ts";
import { AI_COACH_OFF_TEXT, CommunityCoaching } from "../../src/core/engine/community-coaching.ts";
import { InterviewDesk } from "../../src/core/engine/interview-desk.ts";
import { dailyLimitText } from "../../src/core/interview/community-copy.ts";
import type { CommunitySettings } from "../../src/core/model/community-settings.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { readCommunitySettings } from "../../src/core/model/read-community-settings.ts";
import type { Coach, CoachCallOptions } from "../../src/core/ports/coach-port.ts";
import { yamlSettingsCodec } from "../../src/settings/yaml-settings-codec.ts";
import { MemoryCandidateDirectory } from "../../src/store/memory-candidate-directory.ts";
import { MemoryCommunitySettingsStore } from "../../src/store/memory-community-settings-store.ts";
import { extraQuestion } from "../contracts/community-settings-store.contract.ts";
import { CANDIDATE, inbound, ManualClock, makeEngine } from "../support/engine-harness.ts";

const SCOPE = "discord:guild-1";
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An "AI" coach that spends `tokensPerCall` on every call (reported as a provider would) and
 * answers with the offline coach's work, counting its calls so a test sees who did the work.
 */
function spendingCoach(tokensPerCall: number) {
  const offline = createOfflineCoach();
  const calls = { count: 0 };
  const spend = (request: CoachCallOptions) => {
    calls.count += 1;
    request.onUsage?.({ inputTokens: tokensPerCall - 100, outputTokens: 100, calls: 1 });
  };
  const coach: Coach = {
    name: "llm",
    rewriteStory: () => offline.rewriteStory(),
    planQuestions: async (request) => {
      spend(request);
      return offline.planQuestions(request);
    },
    decideFollowUp: async (request) => {
      spend(request);
      return offline.decideFollowUp(request);
    },
    evaluateAnswer: async (request) => {
      spend(request);
      return offline.evaluateAnswer(request);
    },
    assessCandidateQuestions: async (request) => {
      spend(request);
      return offline.assessCandidateQuestions(request);
    },
    summarise: async (request) => {
      spend(request);
      return offline.summarise(request);
    },
  };
  return { coach, calls };
}

function setup(settings: Partial<CommunitySettings>, coach?: Coach) {
  const clock = new ManualClock();
  const settingsStore = new MemoryCommunitySettingsStore();
  const community = new CommunityCoaching(settingsStore, clock);
  const harness = makeEngine({ clock, community, ...(coach ? { coach } : {}) });
  const directory = new MemoryCandidateDirectory(harness.store, clock);
  const desk = new InterviewDesk({
    engine: harness.engine,
    store: harness.store,
    directory,
    settings: settingsStore,
  });
  let threads = 0;
  const opened: ConversationKey[] = [];
  const start = (eventId: string, options: Record<string, unknown> = {}, scope = SCOPE) =>
    desk.start({
      scope: scope as `discord:${string}`,
      candidate: CANDIDATE,
      eventId,
      receivedAt: clock.now(),
      options: { role: "Data Analyst", company: "Acme", ...options },
      openConversation: async () => {
        const conversation: ConversationKey = `${scope as `discord:${string}`}:thread-${++threads}`;
        opened.push(conversation);
        return conversation;
      },
    });
  return {
    ...harness,
    desk,
    opened,
    start,
    settingsStore,
    ready: settingsStore.put(SCOPE, { version: 1, ...settings }),
  };
}

describe("community settings in the engine", () => {
  it("refuses a start beyond the daily limit, saying the limit and when it resets, and opens nothing", async () => {
    const { start, ready, engine, opened, clock } = setup({ interviewsPerMemberPerDay: 1 });
    await ready;
    const first = await start("s-1", { questionCount: 1 });
    expect(first.kind).toBe("started");
    await engine.handle(inbound.action(opened[0] as ConversationKey, "end"));
    const refused = await start("s-2");
    const midnight = Math.floor(clock.now() / DAY_MS) * DAY_MS + DAY_MS;
    expect(refused).toEqual({ kind: "daily-limit", limit: 1, resetsAt: midnight });
    expect(opened).toHaveLength(1);
    expect(dailyLimitText(1, midnight)).toBe(
      "This community allows 1 interview per member per day, and you have started it today. You can start another from 00:00 UTC on 16 June 2025.",
    );
    clock.time = midnight;
    expect((await start("s-3")).kind).toBe("started");
  });

  it("counts only the member's own community: another server's limit is its own", async () => {
    const { start, ready, engine, opened } = setup({ interviewsPerMemberPerDay: 1 });
    await ready;
    await start("s-1", { questionCount: 1 });
    await engine.handle(inbound.action(opened[0] as ConversationKey, "end"));
    expect((await start("s-2", {}, "discord:guild-2")).kind).toBe("started");
  });

  it("applies the community's defaults where the member chose nothing, and the member's choices over them", async () => {
    const { start, ready, engine, opened } = setup({
      defaultQuestionCount: 2,
      defaultStage: "second",
      defaultPersona: "director-hr",
      competencies: ["conflict", "failure"],
    });
    await ready;
    await start("s-1");
    const session = await engine.current(opened[0] as ConversationKey);
    expect(session?.options).toMatchObject({
      questionCount: 2,
      stage: "second",
      persona: "director-hr",
      focus: ["conflict", "failure"],
    });
    await engine.handle(inbound.action(opened[0] as ConversationKey, "end"));
    await start("s-2", { questionCount: 3, stage: "first", focus: ["leadership"] });
    const chosen = await engine.current(opened[1] as ConversationKey);
    expect(chosen?.options).toMatchObject({ questionCount: 3, stage: "first", focus: ["leadership"] });
  });

  it("asks the community's own questions before shipped ones of the same fit, in that community only", async () => {
    const extras = [
      extraQuestion("society-event", { competency: "pressure" }),
      extraQuestion("why-our-society", {
        text: "Why do you want to join our graduate scheme after running a student society?",
        kind: "motivation",
        competency: null,
        // A staple opens its kind, before the shipped staples.
        staple: true,
      }),
    ];
    const { start, ready, engine, opened } = setup(
      { extraQuestions: extras, competencies: ["pressure"] },
      createOfflineCoach(),
    );
    await ready;
    await start("s-1", { questionCount: 4 });
    const asked = (await engine.current(opened[0] as ConversationKey))?.questions.map(
      (question) => question.id,
    );
    expect(asked).toEqual(expect.arrayContaining(["society-event", "why-our-society"]));
    await start("s-2", { questionCount: 4 }, "discord:guild-2");
    const elsewhere = (await engine.current(opened[1] as ConversationKey))?.questions.map(
      (question) => question.id,
    );
    expect(elsewhere).not.toContain("society-event");
    expect(elsewhere).not.toContain("why-our-society");
  });

  it("meters the AI coach's tokens and hands the work to the offline coach, labelled, once the budget is used", async () => {
    const ai = spendingCoach(600);
    const { start, ready, engine, opened, settingsStore, sender } = setup(
      { monthlyTokenBudget: 1_000 },
      ai.coach,
    );
    await ready;
    await start("s-1", { questionCount: 1 });
    const conversation = opened[0] as ConversationKey;
    const planned = await engine.current(conversation);
    // The plan was the AI coach's (600 tokens, under the budget): no label.
    expect(JSON.stringify(sender.messages)).not.toContain("budget");
    const question = planned?.questions[0]?.id ?? "";
    await engine.handle(
      inbound.answer(
        conversation,
        question,
        "When our society's venue cancelled two days before the conference, I rebooked a hall, told 120 guests and we ran on time.",
      ),
    );
    await engine.handle(inbound.action(conversation, "end"));
    const finished = await engine.current(conversation);
    expect(await settingsStore.tokensUsed(SCOPE, "2025-06")).toBe(600 * ai.calls.count);
    expect(ai.calls.count).toBe(2);
    const budgetText =
      "This community's monthly AI budget is used up; the offline coach is assessing until 1 July 2025.";
    // The plan and the evaluation were the AI coach's (600, then 1,200 tokens); the summary, asked
    // for with the budget used, was the offline coach's and says so.
    expect(finished?.answers[0]?.evaluation?.fallbackReason).toBeNull();
    expect(finished?.summary?.fallbackReason).toBe(budgetText);
  });

  it("uses the offline coach for every task when the community turned the AI coach off", async () => {
    const ai = spendingCoach(600);
    const { start, ready, engine, opened, settingsStore, sender } = setup({ aiCoach: false }, ai.coach);
    await ready;
    await start("s-1", { questionCount: 1 });
    await engine.handle(inbound.action(opened[0] as ConversationKey, "end"));
    expect(ai.calls.count).toBe(0);
    expect(JSON.stringify(sender.messages)).toContain(AI_COACH_OFF_TEXT);
    expect((await engine.current(opened[0] as ConversationKey))?.summary?.fallbackReason).toBe(
      AI_COACH_OFF_TEXT,
    );
    expect(await settingsStore.tokensUsed(SCOPE, "2025-06")).toBe(0);
  });
});

describe("CommunityAdmin", () => {
  function admin() {
    const clock = new ManualClock();
    const store = new MemoryCommunitySettingsStore();
    const lines: { message: string; fields?: Record<string, unknown> }[] = [];
    const logger = {
      debug() {},
      info() {},
      error() {},
      warn: (message: string, fields?: Record<string, unknown>) => lines.push({ message, fields }),
    };
    return { store, lines, admin: new CommunityAdmin({ store, codec: yamlSettingsCodec, clock, logger }) };
  }

  const QUESTION_SET = `version: 1
interviewsPerMemberPerDay: 2
monthlyTokenBudget: 200000
extraQuestions:
  - id: society-event
    text: "Tell me about a time you ran a student society event that nearly went wrong."
    kind: behavioural
    competency: pressure
    stages: [first, second]
    hint: "Situation: the event. Action: what you did. Result: how it ended."
    topicWords: [society, event, plan, volunteer, deadline]
`;

  it("imports a question set from YAML and audits who changed which fields, never the text", async () => {
    const { admin: desk, store, lines } = admin();
    const outcome = await desk.importText(SCOPE, { id: "admin-9" }, QUESTION_SET);
    expect(outcome).toMatchObject({
      ok: true,
      changed: ["extraQuestions", "interviewsPerMemberPerDay", "monthlyTokenBudget"],
    });
    expect((await store.get(SCOPE)).extraQuestions?.[0]?.id).toBe("society-event");
    expect(lines).toEqual([
      {
        message: "community settings changed",
        fields: {
          audit: "settings-change",
          scope: SCOPE,
          actor: "admin-9",
          how: "import",
          fields: ["extraQuestions", "interviewsPerMemberPerDay", "monthlyTokenBudget"],
          at: "2025-06-15T15:06:40.000Z",
        },
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain("society event");
  });

  it("names the line and field of every problem and changes nothing", async () => {
    const { admin: desk, store, lines } = admin();
    await store.put(SCOPE, { version: 1, aiCoach: false });
    const broken = QUESTION_SET.replace("competency: pressure", "competency: bravery").replace(
      "interviewsPerMemberPerDay: 2",
      "interviewsPerMemberPerDay: -2\ncolour: blue",
    );
    const outcome = await desk.importText(SCOPE, { id: "admin-9" }, broken);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect([...outcome.problems].sort()).toEqual([
      expect.stringMatching(/^line 2, interviewsPerMemberPerDay: Too small/),
      expect.stringMatching(/^line 3, colour: Unrecognized key/),
      expect.stringMatching(/^line 9, extraQuestions\[0\]\.competency: Invalid option/),
    ]);
    expect(await store.get(SCOPE)).toEqual({ version: 1, aiCoach: false });
    expect(lines).toEqual([]);
  });

  it("refuses text that is not YAML, or aliases, with the line", async () => {
    const { admin: desk } = admin();
    const bad = await desk.importText(SCOPE, { id: "a" }, "aiCoach: [true\n");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toMatch(/^line \d+: invalid YAML/);
    const bomb = await desk.importText(SCOPE, { id: "a" }, "a: &x [1, 2]\nb: *x\n");
    expect(bomb.ok).toBe(false);
  });

  it("exports a file that imports back to the same settings", async () => {
    const { admin: desk, store } = admin();
    await desk.importText(SCOPE, { id: "a" }, QUESTION_SET);
    const text = await desk.exportText(SCOPE);
    const other = "slack:T1";
    expect(await desk.importText(other, { id: "a" }, text)).toMatchObject({ ok: true });
    expect(await store.get(other)).toEqual(await store.get(SCOPE));
  });

  it("changes single fields, null going back to the default; invalid values change nothing", async () => {
    const { admin: desk, store } = admin();
    await desk.update(SCOPE, { id: "a" }, { interviewsPerMemberPerDay: 3, monthlyTokenBudget: 5_000 });
    expect(await store.get(SCOPE)).toEqual({
      version: 1,
      interviewsPerMemberPerDay: 3,
      monthlyTokenBudget: 5_000,
    });
    await desk.update(SCOPE, { id: "a" }, { monthlyTokenBudget: null });
    expect(await store.get(SCOPE)).toEqual({ version: 1, interviewsPerMemberPerDay: 3 });
    const refused = await desk.update(SCOPE, { id: "a" }, { interviewsPerMemberPerDay: 0 });
    expect(refused.ok).toBe(false);
    expect(await store.get(SCOPE)).toEqual({ version: 1, interviewsPerMemberPerDay: 3 });
  });

  it("shows the month's meter against the budget", async () => {
    const { admin: desk, store } = admin();
    await store.put(SCOPE, { version: 1, monthlyTokenBudget: 10_000 });
    await store.addTokens(SCOPE, "2025-06", 2_500);
    expect(await desk.meter(SCOPE)).toEqual({
      month: "2025-06",
      used: 2_500,
      budget: 10_000,
      resetsAt: Date.UTC(2025, 6, 1),
    });
  });
});

describe("the documented example settings file", () => {
  it("imports cleanly, so the docs show a file that works", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(new URL("../../docs/community-settings.example.yaml", import.meta.url), "utf8");
    const read = readCommunitySettings(text, yamlSettingsCodec);
    expect(read).toMatchObject({
      ok: true,
      settings: { interviewsPerMemberPerDay: 2, monthlyTokenBudget: 200_000, aiCoach: true },
    });
    if (read.ok)
      expect(read.settings.extraQuestions?.map((entry) => entry.id)).toEqual([
        "society-event-rescue",
        "why-our-graduate-scheme",
      ]);
  });
});
