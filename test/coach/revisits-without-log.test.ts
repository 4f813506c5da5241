import { describe, expect, it } from "vitest";
import { planQuestions } from "../../src/coach/plan-questions.ts";
import { DEFAULT_QUESTION_BANK_DIRECTORY, loadQuestionBank } from "../../src/coach/question-bank.ts";
import { InterviewOptionsSchema } from "../../src/core/model/interview-options.ts";
import { claimsRoundOneMemory } from "../../src/core/model/round-one-claims.ts";

describe("without a round-1 log no question pretends to know round 1", () => {
  it("recognises wording that claims to remember the first round", () => {
    expect(
      claimsRoundOneMemory(
        "Going back to the setback you mentioned in the first round, what signs were there?",
      ),
    ).toBe(true);
    expect(
      claimsRoundOneMemory("Last time you described a high-pressure situation. What would you set up?"),
    ).toBe(true);
    expect(claimsRoundOneMemory("In your first interview you told us about a failure. What changed?")).toBe(
      true,
    );
    expect(
      claimsRoundOneMemory("Think of a setback you've had at work. What early warning signs were there?"),
    ).toBe(false);
    expect(claimsRoundOneMemory("Tell me about the first project you led.")).toBe(false);
  });

  it("no bank question, and no planned second or final round, claims it", () => {
    const bank = loadQuestionBank(DEFAULT_QUESTION_BANK_DIRECTORY);
    expect(bank.entries.filter((entry) => claimsRoundOneMemory(entry.text)).map((entry) => entry.id)).toEqual(
      [],
    );
    for (const stage of ["second", "final"] as const) {
      for (let seed = 0; seed < 20; seed++) {
        const options = InterviewOptionsSchema.parse({
          role: "Analyst",
          company: "Acme",
          stage,
          questionCount: 12,
        });
        const plan = planQuestions(bank, { options, seed: `seed-${seed}` });
        expect(plan.filter((question) => claimsRoundOneMemory(question.text))).toEqual([]);
      }
    }
  });
});
