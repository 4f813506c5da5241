import { describe, expect, it } from "vitest";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import { type Report, ReportSchema } from "../../src/core/model/report.ts";
import type { Session } from "../../src/core/model/session.ts";
import { inbound, makeEngine } from "../support/engine-harness.ts";

const conversation = "terminal:preparation" as const;
const secondRound = { role: "Product Analyst", company: "Starling Bank", stage: "second" } as const;

const WHY_US =
  "I've banked with you for three years, so I know the product as a customer. Unlike Monzo, you offer business accounts to sole traders without a monthly fee, which is exactly what my parents needed for their shop. " +
  "I also read in your annual report that lending to small businesses grew 20% last year, and that is the area this role analyses.";
const NUMBERS =
  "I've looked at similar analyst roles in London, and my salary expectation is £45-50k. " +
  "I'm on one month's notice at my current employer, and my manager already knows I'm looking.";
const STRATEGIC =
  "What are the team's biggest challenges this year, and what would success look like in the first 90 days?";

function checks(report: Report) {
  return Object.fromEntries((report.preparation?.checks ?? []).map((check) => [check.item, check]));
}

function answerText(session: Session, questionId: string | null): string {
  const answer = session.answers.find((candidate) => candidate.questionId === questionId);
  return answer?.parts.map((part) => part.text).join("\n\n") ?? "";
}

async function answer(engine: ReturnType<typeof makeEngine>["engine"], text: string): Promise<void> {
  await engine.handle(inbound.message(conversation, text));
  await engine.handle(inbound.action(conversation, "submit"));
}

describe("the second-round preparation checklist", () => {
  it("opens a second or final round with the checklist, and a first round without it", async () => {
    const second = makeEngine({ coach: createOfflineCoach() });
    await second.engine.handle(inbound.start(conversation, { ...secondRound, questionCount: 2 }));
    const intro = second.sender.texts()[0] ?? "";
    expect(intro).toMatch(/your second-round checklist:/);
    expect(intro).toMatch(
      /recent news, the latest annual report or results, its competitors and why Starling Bank/,
    );
    expect(intro).toMatch(/salary range, your notice period, the date you could start/);
    expect(intro).toMatch(/questions for the panel/);

    const final = makeEngine({ coach: createOfflineCoach() });
    await final.engine.handle(
      inbound.start(conversation, { ...secondRound, stage: "final", questionCount: 2 }),
    );
    expect(final.sender.texts()[0]).toMatch(/your final-round checklist:/);

    const first = makeEngine({ coach: createOfflineCoach() });
    await first.engine.handle(
      inbound.start(conversation, { ...secondRound, stage: "first", questionCount: 2 }),
    );
    expect(first.sender.texts()[0]).not.toMatch(/checklist/);
  });

  it("marks each item shown with the candidate's own words, or not shown, in the report", async () => {
    const { engine } = makeEngine({ coach: createOfflineCoach() });
    await engine.handle(inbound.start(conversation, { ...secondRound, questionCount: 3, probeLimit: 0 }));
    await answer(engine, WHY_US);
    await answer(engine, NUMBERS);
    await engine.handle(inbound.action(conversation, "skip"));
    await answer(engine, STRATEGIC);

    const session = (await engine.current(conversation)) as Session;
    expect(session.phase).toBe("finished");
    const report = ReportSchema.parse(session.report);
    const byItem = checks(report);
    expect(Object.keys(byItem)).toEqual([
      "why-this-company",
      "company-research",
      "salary-range",
      "notice-period",
      "start-date",
      "panel-questions",
    ]);
    expect(byItem["why-this-company"]).toMatchObject({
      shown: true,
      quote:
        "Unlike Monzo, you offer business accounts to sole traders without a monthly fee, which is exactly what my parents needed for their shop.",
      questionId: session.questions[0]?.id,
    });
    expect(byItem["company-research"]?.shown).toBe(true);
    expect(byItem["salary-range"]).toMatchObject({
      shown: true,
      quote: "I've looked at similar analyst roles in London, and my salary expectation is £45-50k.",
      questionId: session.questions[1]?.id,
    });
    expect(byItem["notice-period"]?.shown).toBe(true);
    expect(byItem["start-date"]).toEqual({ item: "start-date", shown: false, quote: null, questionId: null });
    expect(byItem["panel-questions"]).toMatchObject({
      shown: true,
      quote: STRATEGIC,
      questionsQuality: "strategic",
    });
    // Every quote is word for word from the answer it is attributed to.
    for (const check of report.preparation?.checks ?? []) {
      if (check.item === "panel-questions" || check.quote === null) continue;
      expect(answerText(session, check.questionId)).toContain(check.quote);
    }
  });

  it("judges an interview ended early on what was answered, and says the panel questions were not reached", async () => {
    const { engine } = makeEngine({ coach: createOfflineCoach() });
    await engine.handle(inbound.start(conversation, { ...secondRound, questionCount: 3, probeLimit: 0 }));
    await answer(engine, NUMBERS);
    await engine.handle(inbound.message(conversation, "/end"));
    const session = (await engine.current(conversation)) as Session;
    const report = ReportSchema.parse(session.report);
    expect(report.endedEarly).toBe(true);
    const byItem = checks(report);
    expect(byItem["salary-range"]?.shown).toBe(true);
    expect(byItem["notice-period"]?.shown).toBe(true);
    expect(byItem["why-this-company"]?.shown).toBe(false);
    expect(byItem["company-research"]?.shown).toBe(false);
    expect(byItem["panel-questions"]).toMatchObject({ shown: false, questionsQuality: "not-reached" });
  });

  it("marks basic questions for the panel as not shown, and gives a first round no checklist", async () => {
    const second = makeEngine({ coach: createOfflineCoach() });
    await second.engine.handle(
      inbound.start(conversation, { ...secondRound, questionCount: 1, probeLimit: 0 }),
    );
    await answer(second.engine, NUMBERS);
    await answer(second.engine, "Is the office near the station?");
    const report = ReportSchema.parse((await second.engine.current(conversation))?.report);
    expect(checks(report)["panel-questions"]).toMatchObject({ shown: false, questionsQuality: "basic" });

    const first = makeEngine({ coach: createOfflineCoach() });
    await first.engine.handle(
      inbound.start(conversation, { ...secondRound, stage: "first", questionCount: 1, probeLimit: 0 }),
    );
    await answer(first.engine, NUMBERS);
    await answer(first.engine, STRATEGIC);
    const session = await first.engine.current(conversation);
    expect(session?.report?.preparation).toBeUndefined();
    expect(session?.answers[0]?.evaluation?.preparation).toBeUndefined();
  });
});
