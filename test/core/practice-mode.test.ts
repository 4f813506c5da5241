import { describe, expect, it } from "vitest";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import { jobForEffect } from "../../src/core/engine/job-work.ts";
import { transition } from "../../src/core/interview/transition.ts";
import type { Evaluation } from "../../src/core/model/evaluation.ts";
import type { Question } from "../../src/core/model/question.ts";
import { ReportSchema } from "../../src/core/model/report.ts";
import type { AnswerRequest } from "../../src/core/ports/coach-port.ts";
import { engineJobId } from "../../src/core/ports/engine-jobs.ts";
import { inbound, makeEngine } from "../support/engine-harness.ts";
import { FakeCoach } from "../support/fake-coach.ts";
import { sampleSession } from "../support/sample-session.ts";

const conversation = "terminal:practice" as const;

const STORY: Question = {
  id: "pressure-1",
  text: "Tell me about a time you delivered results under real time pressure.",
  kind: "behavioural",
  competency: "pressure",
  hint: "STAR",
  topicWords: ["deadline", "pressure"],
};

const FIRST =
  "Last spring I worked as an analyst on a data migration at a retailer. We were two weeks behind the deadline. " +
  "I rebuilt the migration plan and moved the largest tables myself over the weekend. We finished on time.";
const BETTER =
  "Last spring I worked as an analyst on a data migration at a retailer. My task was to get us back on schedule. " +
  "I rebuilt the migration plan, split the work into daily batches and moved the largest tables myself. " +
  "As a result we finished 3 days early and cut the reporting errors by 40%.";

/** The offline coach judging, the fake coach planning one story question, so ids are known. */
function practiceEngine() {
  const offline = createOfflineCoach();
  const planner = new FakeCoach({ questions: [STORY] });
  return makeEngine({
    coach: {
      name: offline.name,
      planQuestions: (request) => planner.planQuestions(request),
      decideFollowUp: (request) => offline.decideFollowUp(request),
      evaluateAnswer: (request) => offline.evaluateAnswer(request),
      assessCandidateQuestions: (request) => offline.assessCandidateQuestions(request),
      summarise: (request) => offline.summarise(request),
      rewriteStory: () => offline.rewriteStory(),
    },
  });
}

/** A coach whose evaluations wait until the test releases them, like a slow model. */
class GatedEvaluationCoach extends FakeCoach {
  readonly #gates: (() => void)[] = [];
  override async evaluateAnswer(request: AnswerRequest): Promise<Evaluation> {
    await new Promise<void>((resolve) => this.#gates.push(resolve));
    return super.evaluateAnswer(request);
  }
  release(): void {
    for (const open of this.#gates.splice(0)) open();
  }
}

const texts = (sender: { messages: { replies: { kind: string; text?: string }[] }[] }) =>
  sender.messages.flatMap((message) => message.replies.flatMap((reply) => (reply.text ? [reply.text] : [])));

describe("practice mode", () => {
  it("gives short feedback after an answer, retries the question and keeps both attempts", async () => {
    const { engine, sender } = practiceEngine();
    await engine.handle(inbound.start(conversation, { questionCount: 1, probeLimit: 0, mode: "practice" }));
    expect(texts(sender)[0]).toMatch(/practice interview: after each answer/);
    await engine.handle(inbound.answer(conversation, "pressure-1", FIRST));

    const feedback = sender.messages.at(-1);
    expect(feedback?.replies[0]?.kind === "text" && feedback.replies[0].text).toMatch(
      /^Practice feedback: \d+\/100, (Not yet|Almost|Ready)\.\nStrongest point: .*"[^"]+".*\nOne thing to fix: /s,
    );
    expect(feedback?.actions.map((action) => action.id)).toEqual(["retry", "stronger", "next", "end"]);
    expect(feedback?.actions[0]?.turnId).toBe("pressure-1:review");
    // Not on to the closing question yet.
    expect(texts(sender).join("\n")).not.toMatch(/any questions for us/);

    // Typing now is not taken as an answer.
    await engine.handle(inbound.message(conversation, "hello?"));
    expect(texts(sender).at(-1)).toMatch(/Your answer to this question is recorded/);

    await engine.handle(inbound.action(conversation, "stronger", "pressure-1:review"));
    const stronger = texts(sender).at(-1) ?? "";
    expect(stronger).toMatch(/^A stronger version, built from your own sentences/);
    expect(stronger).toMatch(/Task: \[what you were responsible for/);

    await engine.handle(inbound.action(conversation, "retry", "pressure-1:review"));
    expect(texts(sender).at(-2)).toMatch(/Trying question 1 of 1 again/);
    expect(texts(sender).at(-1)).toMatch(/Question 1 of 1\nTell me about a time/);
    await engine.handle(inbound.answer(conversation, "pressure-1", BETTER));
    expect(texts(sender).at(-1)).toMatch(/Since your last attempt: .*overall \d+ → \d+/);

    await engine.handle(inbound.action(conversation, "next", "pressure-1:review"));
    expect(texts(sender).at(-1)).toMatch(/any questions for us/);
    await engine.handle(inbound.answer(conversation, "closing", "What does success look like in 90 days?"));

    const session = await engine.current(conversation);
    expect(session?.answers[0]?.earlierAttempts?.[0]?.parts[0]?.text).toBe(FIRST);
    expect(session?.answers[0]?.parts[0]?.text).toBe(BETTER);
    const report = ReportSchema.parse(session?.report);
    const question = report.questions[0];
    expect(question?.earlierAttempts).toHaveLength(1);
    const first = question?.earlierAttempts?.[0]?.evaluation?.score ?? 0;
    expect(question?.evaluation?.score ?? 0).toBeGreaterThan(first);
    expect(report.overallScore).toBe(question?.evaluation?.score);
  });

  it("moves on with Submit (an empty line in the terminal) and does not probe a retry", async () => {
    const { engine } = practiceEngine();
    await engine.handle(inbound.start(conversation, { questionCount: 1, mode: "practice" }));
    await engine.handle(inbound.answer(conversation, "pressure-1", FIRST));
    let session = await engine.current(conversation);
    // The answer lacks a number: the standard panel probes it once.
    expect(session?.turn?.prompt).toBe("probe");
    await engine.handle(inbound.answer(conversation, "pressure-1:probe", "It took about two days."));
    await engine.handle(inbound.action(conversation, "retry", "pressure-1:review"));
    await engine.handle(inbound.answer(conversation, "pressure-1", FIRST));
    session = await engine.current(conversation);
    expect(session?.turn?.review).toBe("feedback");
    expect(session?.probesUsed).toBe(1);
    await engine.handle(inbound.action(conversation, "submit"));
    expect((await engine.current(conversation))?.turn?.questionId).toBe("closing");
  });

  it("leaves realistic mode as it was: no review, and the practice commands only explain themselves", async () => {
    const { engine, sender } = practiceEngine();
    await engine.handle(inbound.start(conversation, { questionCount: 1, probeLimit: 0 }));
    expect(texts(sender)[0]).toMatch(/Feedback comes at the end/);
    await engine.handle(inbound.answer(conversation, "pressure-1", FIRST));
    expect(texts(sender).at(-1)).toMatch(/any questions for us/);
    await engine.handle(inbound.message(conversation, "/retry"));
    expect(texts(sender).at(-1)).toMatch(/come after an answer's feedback, in practice mode/);
    const session = await engine.current(conversation);
    expect(session?.turn?.questionId).toBe("closing");
    expect(session?.answers[0]?.earlierAttempts).toBeUndefined();
    expect(session?.options.mode).toBe("realistic");
  });

  it("waits for the assessment before offering a retry (a background AI evaluation)", () => {
    const session = sampleSession(conversation);
    expect(session.options.mode).toBe("realistic");
    const practice = { ...session, options: { ...session.options, mode: "practice" as const } };
    const turn = practice.turn;
    if (!turn) throw new Error("sample session has a turn");
    const reviewing = { ...practice, turn: { ...turn, review: "evaluating" as const } };
    const result = transition(reviewing, { type: "action-requested", action: "retry", at: 1 });
    expect(result.changed).toBe(false);
    expect(result.effects).toEqual([
      expect.objectContaining({
        type: "notify",
        message: expect.objectContaining({
          replies: [expect.objectContaining({ text: expect.stringMatching(/one moment/) })],
        }),
      }),
    ]);
  });

  it("waits for background evaluations (as the AI coach runs them), a retry's as well as the first", async () => {
    const coach = new GatedEvaluationCoach({ questions: [STORY], followUp: () => ({ probe: false }) });
    const { engine, sender } = makeEngine({ coach, backgroundTasks: new Set(["evaluate-answer"]) });
    await engine.handle(inbound.start(conversation, { questionCount: 1, mode: "practice" }));
    await engine.handle(inbound.answer(conversation, "pressure-1", FIRST));
    await engine.handle(inbound.action(conversation, "retry", "pressure-1:review"));
    expect(texts(sender).at(-1)).toMatch(/one moment while I read your answer/);
    coach.release();
    await engine.idle();
    expect(texts(sender).at(-1)).toMatch(/^Practice feedback: /);

    await engine.handle(inbound.action(conversation, "retry", "pressure-1:review"));
    await engine.handle(inbound.answer(conversation, "pressure-1", BETTER));
    coach.release();
    await engine.idle();
    // The retry's evaluation is a job of its own (not the first attempt's, already done).
    expect(texts(sender).at(-1)).toMatch(/Since your last attempt: overall \d+ → \d+/);
    const session = await engine.current(conversation);
    expect(session?.answers[0]?.evaluation).not.toBeNull();
    expect(session?.answers[0]?.earlierAttempts).toHaveLength(1);
  });

  it("shows the feedback again, not the answered question, when the candidate comes back to it", async () => {
    const { engine, sender } = practiceEngine();
    await engine.handle(inbound.start(conversation, { questionCount: 1, probeLimit: 0, mode: "practice" }));
    await engine.handle(inbound.answer(conversation, "pressure-1", FIRST));
    await engine.resume(conversation, true);
    const resumed = sender.messages.at(-1);
    expect(resumed?.replies.map((reply) => (reply.kind === "text" ? reply.text : ""))[1]).toMatch(
      /^Practice feedback: /,
    );
    expect(resumed?.actions.map((action) => action.id)).toEqual(["retry", "stronger", "next", "end"]);
  });

  it("gives a retry's coach job an id of its own, so a durable queue does not take it for the first", () => {
    const session = sampleSession(conversation);
    const effect = { type: "run-coach-task", task: "evaluate-answer", questionId: "conflict-1" } as const;
    const first = jobForEffect(effect, session)?.job;
    const answered = {
      ...session,
      answers: [
        {
          questionId: "conflict-1",
          status: "answered" as const,
          parts: [],
          hintUsed: false,
          evaluation: null,
          earlierAttempts: [{ parts: [], hintUsed: false, evaluation: null }],
        },
      ],
    };
    const retry = jobForEffect(effect, answered)?.job;
    expect(first && engineJobId(first)).toBe("session-1.evaluate-answer.conflict-1");
    expect(retry && engineJobId(retry)).toBe("session-1.evaluate-answer.conflict-1.attempt-2");
  });
});
