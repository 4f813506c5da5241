import { describe, expect, it } from "vitest";
import { ReportSchema } from "../../src/core/model/report.ts";
import { inbound, makeEngine } from "../support/engine-harness.ts";
import { FakeCoach } from "./../support/fake-coach.ts";

const conversation = "terminal:flow" as const;

describe("interview flow", () => {
  it("runs intro, questions, a probe, the closing question and the report", async () => {
    const { engine, sender, clock } = makeEngine();
    await engine.handle(inbound.start(conversation, { questionCount: 2 }));
    expect(sender.texts()[0]).toMatch(/Data Analyst role/);
    expect(sender.texts()[1]).toMatch(/Question 1 of 2/);

    clock.advance(30_000);
    await engine.handle(inbound.message(conversation, "We disagreed about the launch plan."));
    await engine.handle(inbound.message(conversation, "I set up a meeting and we agreed a compromise."));
    await engine.handle(inbound.action(conversation, "submit", "conflict-1"));
    expect(sender.texts().at(-1)).toBe("Can you put a number on the result?");
    expect(sender.texts().at(-2)).toMatch(/Answer recorded: 16 words in 30 s/);

    clock.advance(10_000);
    await engine.handle(inbound.message(conversation, "It saved 3 weeks."));
    await engine.handle(inbound.action(conversation, "submit", "conflict-1:probe"));
    expect(sender.texts().at(-1)).toMatch(/Question 2 of 2\nWhy do you want this role\?/);

    await engine.handle(
      inbound.message(conversation, "Because I love turning 40 messy data sources into decisions."),
    );
    await engine.handle(inbound.action(conversation, "submit"));
    expect(sender.texts().at(-1)).toMatch(/any questions for us/);

    await engine.handle(inbound.message(conversation, "What does success look like in the first 90 days?"));
    await engine.handle(inbound.action(conversation, "submit"));

    const session = await engine.current(conversation);
    expect(session?.phase).toBe("finished");
    const report = ReportSchema.parse(session?.report);
    expect(report.questions.map((question) => question.status)).toEqual(["answered", "answered"]);
    expect(report.questions[0]?.probed).toBe(true);
    expect(report.questions[0]?.timing).toEqual({ secondsToAnswer: 40, words: 20 });
    expect(report.candidateQuestions?.quality).toBe("strategic");
    expect(report.overallScore).not.toBeNull();
    expect(sender.messages.at(-1)?.replies[0]?.kind).toBe("report");
  });

  it("evaluates the main answer and its probe reply together", async () => {
    const coach = new FakeCoach();
    const { engine } = makeEngine({ coach });
    await engine.handle(inbound.start(conversation, { questionCount: 1 }));
    await engine.handle(inbound.answer(conversation, "conflict-1", "We talked it through."));
    await engine.handle(inbound.answer(conversation, "conflict-1:probe", "Complaints fell by 40%."));
    const evaluated = coach.calls.filter((call) => call.task === "evaluate");
    expect(evaluated).toEqual([
      { task: "evaluate", text: "We talked it through.\n\nComplaints fell by 40%." },
    ]);
  });

  it("asks at most one probe per question and respects the interview's probe limit", async () => {
    const { engine, sender } = makeEngine({
      coach: new FakeCoach({
        questions: [0, 1, 2].map((index) => ({
          id: `q${index}`,
          text: `Tell me about a time you led a team through change (${index}).`,
          kind: "behavioural" as const,
          competency: "leadership" as const,
          hint: "STAR",
          topicWords: [],
        })),
      }),
    });
    await engine.handle(inbound.start(conversation, { questionCount: 3, probeLimit: 1 }));
    await engine.handle(inbound.answer(conversation, "q0", "no numbers here"));
    await engine.handle(inbound.answer(conversation, "q0:probe", "still no numbers"));
    await engine.handle(inbound.answer(conversation, "q1", "no numbers again"));
    const probes = sender.messages
      .flatMap((message) => message.replies)
      .filter((reply) => reply.kind === "text" && reply.tone === "probe");
    expect(probes).toHaveLength(1);
    expect((await engine.current(conversation))?.turn?.questionId).toBe("q2");
  });

  it("supports skip, repeat, hint, pause and resume with paused time excluded from timing", async () => {
    const { engine, sender, clock } = makeEngine();
    await engine.handle(inbound.start(conversation, { questionCount: 2 }));
    await engine.handle(inbound.message(conversation, "/hint"));
    expect(sender.texts().at(-1)).toMatch(/^Hint: /);
    await engine.handle(inbound.message(conversation, "/repeat"));
    expect(sender.texts().at(-1)).toMatch(/Tell me about a time you disagreed/);
    await engine.handle(inbound.message(conversation, "/skip"));
    expect(sender.texts().at(-1)).toMatch(/Why do you want this role/);

    clock.advance(5_000);
    await engine.handle(inbound.message(conversation, "/pause"));
    clock.advance(600_000);
    await engine.handle(inbound.message(conversation, "/resume"));
    clock.advance(15_000);
    await engine.handle(inbound.answer(conversation, "motivation-1", "I enjoy analysing 12 data sources."));
    const session = await engine.current(conversation);
    expect(session?.answers[0]).toMatchObject({ status: "skipped", hintUsed: true });
    expect(session?.answers[1]?.parts[0]?.secondsToAnswer).toBe(20);
  });

  it("ends early on request, keeping a draft in progress as the answer", async () => {
    const { engine } = makeEngine();
    await engine.handle(inbound.start(conversation, { questionCount: 2 }));
    await engine.handle(inbound.message(conversation, "I handled it by meeting them for 30 minutes."));
    await engine.handle(inbound.message(conversation, "/end"));
    const session = await engine.current(conversation);
    expect(session?.phase).toBe("finished");
    expect(session?.report?.endedEarly).toBe(true);
    expect(session?.report?.questions.map((question) => question.status)).toEqual([
      "answered",
      "not-reached",
    ]);
    expect(session?.answers[0]?.parts[0]?.text).toBe("I handled it by meeting them for 30 minutes.");
  });

  it("answers unknown commands and empty input with help and records nothing", async () => {
    const { engine, sender } = makeEngine();
    await engine.handle(inbound.start(conversation));
    const before = (await engine.current(conversation))?.version;
    await engine.handle(inbound.message(conversation, "/dance"));
    expect(sender.texts().at(-1)).toMatch(/I don't know the command \/dance/);
    await engine.handle(inbound.message(conversation, "\u200b\u200f  "));
    expect(sender.texts().at(-1)).toMatch(/I can only read text/);
    await engine.handle(inbound.action(conversation, "submit"));
    expect(sender.texts().at(-1)).toMatch(/nothing to submit/);
    expect((await engine.current(conversation))?.version).toBe(before);
  });

  it("ignores other people's messages and tells them privately when they press buttons", async () => {
    const { engine, sender } = makeEngine();
    await engine.handle(inbound.start(conversation));
    const stranger = { id: "user-2", name: "Bob" };
    expect(await engine.handle(inbound.message(conversation, "hi all", undefined, stranger))).toBe("ignored");
    await engine.handle(inbound.action(conversation, "skip", undefined, stranger));
    expect(sender.messages.at(-1)?.visibility).toEqual({ kind: "private", userId: "user-2" });
    expect((await engine.current(conversation))?.turn?.draft).toHaveLength(0);
  });

  it("auto-submits after the quiet period unless the candidate kept typing", async () => {
    const { engine, clock, sender } = makeEngine();
    await engine.handle(inbound.start(conversation, { quietPeriodMs: 60_000 }));
    await engine.handle(inbound.message(conversation, "First part of my answer, 5 people."));
    clock.advance(30_000);
    await engine.handle(inbound.message(conversation, "Second part."));
    // A minute after the first message, but not after the last: nothing is due.
    clock.advance(30_000);
    expect(await engine.fireDueTimers()).toBe(0);
    expect((await engine.current(conversation))?.answers).toHaveLength(0);
    clock.advance(30_000);
    expect(await engine.fireDueTimers()).toBe(1);
    const session = await engine.current(conversation);
    expect(session?.answers[0]?.parts[0]?.text).toBe("First part of my answer, 5 people.\nSecond part.");
    expect(sender.texts().some((text) => text.startsWith("Answer recorded"))).toBe(true);
  });

  it("times an auto-submitted answer up to the candidate's last message, not the quiet period", async () => {
    const { engine, clock, sender } = makeEngine();
    await engine.handle(inbound.start(conversation, { quietPeriodMs: 90_000 }));
    clock.advance(40_000);
    await engine.handle(inbound.message(conversation, "We cut onboarding from 5 days to 2."));
    clock.advance(20_000);
    await engine.handle(inbound.message(conversation, "I wrote the new checklist."));
    // The quiet period passes: the answer is submitted 90 s after the last message.
    clock.advance(90_000);
    expect(await engine.fireDueTimers()).toBe(1);
    const part = (await engine.current(conversation))?.answers[0]?.parts[0];
    expect(part?.secondsToAnswer).toBe(60);
    expect(sender.texts().find((text) => text.startsWith("Answer recorded"))).toMatch(/in 1 min/);
  });

  it("starts a fresh interview in a conversation whose last one finished", async () => {
    const { engine } = makeEngine();
    await engine.handle(inbound.start(conversation, { questionCount: 1 }));
    await engine.handle(inbound.message(conversation, "/end"));
    const finished = await engine.current(conversation);
    expect(finished?.phase).toBe("finished");
    await engine.handle(inbound.start(conversation, { questionCount: 2 }));
    const fresh = await engine.current(conversation);
    expect(fresh?.id).not.toBe(finished?.id);
    expect(fresh?.phase).toBe("interviewing");
    expect(fresh?.answers).toEqual([]);
    expect(fresh?.version).toBe((finished?.version ?? 0) + 1);
  });
});
