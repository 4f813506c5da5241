import { describe, expect, it } from "vitest";
import type { AnswerRequest } from "../../src/core/coach-port.ts";
import type { Evaluation } from "../../src/core/evaluation.ts";
import { inbound, makeEngine } from "../support/engine-harness.ts";
import { FakeCoach } from "../support/fake-coach.ts";

/** A coach whose evaluations wait until the test releases them, like a slow model. */
class SlowEvaluationCoach extends FakeCoach {
  readonly #gates: (() => void)[] = [];
  override async evaluateAnswer(request: AnswerRequest): Promise<Evaluation> {
    await new Promise<void>((resolve) => this.#gates.push(resolve));
    return super.evaluateAnswer(request);
  }
  release(): void {
    for (const open of this.#gates.splice(0)) open();
  }
}

const conversation = "terminal:background" as const;

describe("background coach tasks", () => {
  it("shows the next question without waiting for the previous answer's evaluation", async () => {
    const coach = new SlowEvaluationCoach({ followUp: () => ({ probe: false }) });
    const { engine, sender } = makeEngine({ coach, backgroundTasks: new Set(["evaluate-answer"]) });
    await engine.handle(inbound.start(conversation, { questionCount: 2 }));
    await engine.handle(inbound.answer(conversation, "conflict-1", "We agreed a plan with 3 milestones."));
    expect(sender.texts().at(-1)).toMatch(/Question 2 of 2/);
    expect((await engine.current(conversation))?.answers[0]?.evaluation).toBeNull();

    coach.release();
    await engine.idle();
    expect((await engine.current(conversation))?.answers[0]?.evaluation?.score).not.toBeNull();
  });

  it("posts the report only once the last background evaluation has landed", async () => {
    const coach = new SlowEvaluationCoach({ followUp: () => ({ probe: false }) });
    const { engine, sender } = makeEngine({ coach, backgroundTasks: new Set(["evaluate-answer"]) });
    await engine.handle(inbound.start(conversation, { questionCount: 1 }));
    await engine.handle(inbound.answer(conversation, "conflict-1", "We agreed a plan with 3 milestones."));
    await engine.handle(inbound.answer(conversation, "closing", "What are the team's goals this year?"));
    expect((await engine.current(conversation))?.phase).toBe("reporting");
    expect(sender.messages.some((message) => message.replies.some((reply) => reply.kind === "report"))).toBe(
      false,
    );

    coach.release();
    await engine.idle();
    const session = await engine.current(conversation);
    expect(session?.phase).toBe("finished");
    expect(session?.report?.overallScore).not.toBeNull();
    expect(sender.messages.at(-1)?.replies[0]?.kind).toBe("report");
  });

  it("plans questions in the background when asked, so a start is committed at once", async () => {
    const { engine, sender } = makeEngine({ backgroundTasks: new Set(["plan-questions"]) });
    const started = engine.handle(inbound.start(conversation, { questionCount: 2 }));
    await started;
    await engine.idle();
    const session = await engine.current(conversation);
    expect(session?.phase).toBe("interviewing");
    expect(sender.texts().at(-1)).toMatch(/Question 1 of 2/);
  });

  it("a job whose work is already done runs no coach call", async () => {
    const coach = new SlowEvaluationCoach({ followUp: () => ({ probe: false }) });
    const { engine } = makeEngine({ coach, backgroundTasks: new Set(["evaluate-answer"]) });
    await engine.handle(inbound.start(conversation, { questionCount: 2 }));
    await engine.handle(inbound.answer(conversation, "conflict-1", "We agreed a plan with 3 milestones."));
    coach.release();
    await engine.idle();
    const session = await engine.current(conversation);
    const evaluations = coach.calls.filter((call) => call.task === "evaluate").length;
    await engine.runJob({
      kind: "coach-task",
      conversation,
      sessionId: session?.id ?? "",
      task: "evaluate-answer",
      questionId: "conflict-1",
    });
    await engine.runJob({
      kind: "coach-task",
      conversation,
      sessionId: "an-older-interview",
      task: "evaluate-answer",
      questionId: "conflict-2",
    });
    expect(coach.calls.filter((call) => call.task === "evaluate")).toHaveLength(evaluations);
    expect((await engine.current(conversation))?.version).toBe(session?.version);
  });
});

describe("coach results that do not fit the session", () => {
  it("an evaluation the session cannot hold fails that task instead of corrupting the stored interview", async () => {
    class OversizedQuoteCoach extends FakeCoach {
      override async evaluateAnswer(request: AnswerRequest): Promise<Evaluation> {
        const evaluation = await super.evaluateAnswer(request);
        return { ...evaluation, evidence: [{ quote: "x".repeat(5_000), shows: "action" }] } as Evaluation;
      }
    }
    const { engine, store } = makeEngine({
      coach: new OversizedQuoteCoach({ followUp: () => ({ probe: false }) }),
    });
    await engine.handle(inbound.start(conversation, { questionCount: 1 }));
    await engine.handle(inbound.answer(conversation, "conflict-1", "We agreed a plan with 3 milestones."));
    const stored = await store.load(conversation);
    expect(
      stored?.session.answers[0]?.evaluation?.evidence.some((item) => item.quote.length > 1_000) ?? false,
    ).toBe(false);
  });
});
