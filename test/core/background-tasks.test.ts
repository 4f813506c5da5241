import { describe, expect, it, vi } from "vitest";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import type { Evaluation } from "../../src/core/model/evaluation.ts";
import type { AnswerRequest, FollowUpRequest } from "../../src/core/ports/coach-port.ts";
import type { SessionState } from "../../src/core/ports/ports.ts";
import { MemorySessionStore } from "../../src/store/memory-session-store.ts";
import { inbound, ManualClock, makeEngine } from "../support/engine-harness.ts";
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

describe("coach work and lost commit races", () => {
  it("reuses a follow-up decision when its commit loses a race, instead of asking the coach twice", async () => {
    class GatedFollowUpCoach extends FakeCoach {
      readonly gates: (() => void)[] = [];
      override async decideFollowUp(request: FollowUpRequest) {
        await new Promise<void>((resolve) => this.gates.push(resolve));
        return super.decideFollowUp(request);
      }
    }
    const coach = new GatedFollowUpCoach({ followUp: () => ({ probe: false }) });
    const first = makeEngine({ coach });
    const second = makeEngine({ store: first.store, clock: first.clock });
    await first.engine.handle(inbound.start(conversation, { questionCount: 2 }));
    await first.engine.handle(inbound.message(conversation, "We agreed a plan with 3 milestones."));
    const submitted = first.engine.handle(inbound.action(conversation, "submit"));
    await vi.waitFor(() => expect(coach.gates).toHaveLength(1));
    // Another process changes the interview meanwhile (here: re-announcing it after a restart).
    await second.engine.apply(conversation, {
      type: "conversation-resumed",
      announce: true,
      at: first.clock.now(),
    });
    coach.gates.splice(0).forEach((open) => {
      open();
    });
    await submitted;
    expect(coach.calls.filter((call) => call.task === "follow-up")).toHaveLength(1);
    expect((await first.store.load(conversation))?.session.answers).toHaveLength(1);
  });
  it("does not take its own commit, landed while an older copy was being read, for a store that went back in time", async () => {
    /** A store whose next read answers late, with what it held when asked. */
    class LateReadStore extends MemorySessionStore {
      held: (() => void) | null = null;
      lateNext = false;
      override async read(conversation: ConversationKey): Promise<SessionState> {
        const state = await super.read(conversation);
        if (this.lateNext) {
          this.lateNext = false;
          await new Promise<void>((resolve) => {
            this.held = resolve;
          });
        }
        return state;
      }
    }
    const clock = new ManualClock();
    const store = new LateReadStore({ clock });
    const errors: string[] = [];
    const { engine, sender } = makeEngine({
      store,
      clock,
      logger: { debug() {}, info() {}, warn() {}, error: (message) => errors.push(message) },
    });
    await engine.handle(inbound.start(conversation, { questionCount: 2 }));
    // A timer's result reads the interview; the read answers late, with the version it found.
    store.lateNext = true;
    const resumed = engine.apply(conversation, {
      type: "conversation-resumed",
      announce: false,
      at: clock.now(),
    });
    await vi.waitFor(() => expect(store.held).not.toBeNull());
    // Meanwhile the same process commits the candidate's message: a newer version.
    await engine.handle(inbound.message(conversation, "We agreed a plan with 3 milestones."));
    store.held?.();
    await resumed;
    expect(errors).toEqual([]);
    expect(
      sender.messages
        .flatMap((message) => message.replies.map((reply) => (reply.kind === "text" ? reply.text : "")))
        .join("\n"),
    ).not.toMatch(/lost|went missing/i);
    // The message is kept: nothing was rolled back to the older copy.
    expect((await engine.current(conversation))?.turn?.draft.map((part) => part.text)).toEqual([
      "We agreed a plan with 3 milestones.",
    ]);
  });
});

describe("the report after the last answer", () => {
  it("asks for the summary alongside the assessment of the candidate's questions, not after it", async () => {
    class GatedReportCoach extends FakeCoach {
      readonly gates: (() => void)[] = [];
      override async assessCandidateQuestions(request: Parameters<FakeCoach["assessCandidateQuestions"]>[0]) {
        await new Promise<void>((resolve) => this.gates.push(resolve));
        return super.assessCandidateQuestions(request);
      }
      override async summarise() {
        await new Promise<void>((resolve) => this.gates.push(resolve));
        return super.summarise();
      }
    }
    const coach = new GatedReportCoach({ followUp: () => ({ probe: false }) });
    const errors: string[] = [];
    const { engine, sender } = makeEngine({
      coach,
      backgroundTasks: new Set(["assess-candidate-questions", "summarise"]),
      logger: { debug() {}, info() {}, warn() {}, error: (message) => errors.push(message) },
    });
    await engine.handle(inbound.start(conversation, { questionCount: 1 }));
    await engine.handle(inbound.answer(conversation, "conflict-1", "We agreed a plan with 3 milestones."));
    await engine.handle(inbound.answer(conversation, "closing", "What does success look like in 90 days?"));
    // Both model calls are waiting at once: the report costs one round trip, not two in a row.
    await vi.waitFor(() => expect(coach.gates).toHaveLength(2));
    // One result is committed before the other arrives, as with a real model's uneven timing.
    const [first, second] = coach.gates.splice(0);
    first?.();
    const oneIn = async () => {
      const current = await engine.current(conversation);
      return current?.candidateQuestions !== null || current?.summary !== null;
    };
    await vi.waitFor(async () => expect(await oneIn()).toBe(true));
    second?.();
    await engine.idle();
    const session = await engine.current(conversation);
    expect(session?.phase).toBe("finished");
    expect(session?.report?.candidateQuestions?.quality).not.toBe("not-assessed");
    expect(
      sender.messages.filter((message) => message.replies.some((reply) => reply.kind === "report")),
    ).toHaveLength(1);
    // The second job read the interview before the first committed: that is a newer version in
    // hand, not a store that went back in time.
    expect(errors).toEqual([]);
  });
});
