import { describe, expect, it } from "vitest";
import { planWithRoundOne } from "../../src/coach/plan-with-round-one.ts";
import { DEFAULT_QUESTION_BANK_DIRECTORY, loadQuestionBank } from "../../src/coach/question-bank.ts";
import { checkPlannedQuestions } from "../../src/core/engine/check-planned-questions.ts";
import { InterviewOptionsSchema } from "../../src/core/model/interview-options.ts";
import { PLANTED_LOG } from "../support/round-one-fixtures.ts";

const bank = loadQuestionBank(DEFAULT_QUESTION_BANK_DIRECTORY);
const options = InterviewOptionsSchema.parse({
  role: "Data Analyst",
  company: "Monzo",
  stage: "second",
  questionCount: 8,
});

describe("the offline plan of a second round built on a round-1 log", () => {
  it("opens with revisits of the logged questions, the one that went badly first, quoting the notes", () => {
    const plan = planWithRoundOne(bank, { options, seed: "s1", roundOne: PLANTED_LOG });
    expect(plan).toHaveLength(8);
    expect(plan.slice(0, 3).map((question) => question.revisits?.question)).toEqual([
      "Tell me about a time you improved a process.",
      "Tell me about a conflict in a team.",
      "Why do you want to work here?",
    ]);
    const first = plan[0]?.text ?? "";
    expect(first).toContain(
      '"We cut the month-end close from 5 days to 2 by automating the reconciliations."',
    );
    expect(first).toMatch(/went badly/);
    // The notes have a number but only "we": ask for the candidate's own part.
    expect(first).toMatch(/do yourself/);
    // No number in the notes: ask for a measured result.
    expect(plan[1]?.text).toMatch(/how did you measure it\?$/);
    expect(
      plan.slice(3).every((question) => question.revisits === undefined && question.kind !== "revisit"),
    ).toBe(true);
    expect(new Set(plan.map((question) => question.id)).size).toBe(8);
    // Every question passes the checks any plan goes through (length, form, kinds of the round).
    expect(checkPlannedQuestions(plan, options, () => false).problems).toEqual([]);
  });

  it("revisits at most half the interview, and plans as before without a log or in a first round", () => {
    const short = InterviewOptionsSchema.parse({ ...options, questionCount: 2 });
    expect(
      planWithRoundOne(bank, { options: short, seed: "s", roundOne: PLANTED_LOG }).filter((q) => q.revisits),
    ).toHaveLength(1);
    const first = InterviewOptionsSchema.parse({ ...options, stage: "first" });
    expect(
      planWithRoundOne(bank, { options: first, seed: "s", roundOne: PLANTED_LOG }).some((q) => q.revisits),
    ).toBe(false);
    expect(planWithRoundOne(bank, { options, seed: "s" }).some((q) => q.revisits)).toBe(false);
  });

  it("a long note is quoted from its start, cut at a word, and the question stays within 300 characters", () => {
    const notes = `${"I rebuilt the onboarding flow for new analysts over several months with the data platform team ".repeat(3)}.`;
    const log = {
      ...PLANTED_LOG,
      entries: [
        { question: "Tell me about a project you led end to end.", notes, howItWent: "badly" as const },
      ],
    };
    const [revisit] = planWithRoundOne(bank, { options, seed: "s", roundOne: log });
    expect(revisit?.text.length).toBeLessThanOrEqual(300);
    expect(revisit?.text).toContain('"I rebuilt the onboarding flow');
    expect(revisit?.text).toMatch(/…"/);
  });
});
