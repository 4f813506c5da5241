import { describe, expect, it } from "vitest";
import { evaluateAnswer } from "../../../src/coach/rubric/index.ts";
import { EvaluationSchema } from "../../../src/core/model/evaluation.ts";
import * as ex from "./example-answers.ts";

const evaluate = (text: string, question = ex.conflictQuestion) => evaluateAnswer(ex.request(text, question));

function expectNotScorable(text: string, reason: string): void {
  const evaluation = EvaluationSchema.parse(evaluate(text));
  expect(evaluation.scorable).toBe(false);
  expect(evaluation.score).toBeNull();
  expect(evaluation.notScorableReason).toBe(reason);
  expect(evaluation.strengths).toEqual([]);
  expect(evaluation.evidence).toEqual([]);
  expect(evaluation.improvements.length).toBeGreaterThan(0);
}

describe("answers that cannot be judged", () => {
  it("treats an empty or whitespace answer as empty", () => {
    expectNotScorable("", "empty");
    expectNotScorable("   \n\t  ", "empty");
    expectNotScorable("\u200b\u200b ...", "empty");
  });

  it("treats a shrug or a one-word answer as too short", () => {
    for (const text of [
      "fine",
      "idk",
      "yes",
      "next",
      "No, I'm good.",
      "It went well and everyone was happy.",
    ]) {
      expectNotScorable(text, "too-short");
    }
  });

  it("treats keyboard mashing and repeated letters as gibberish", () => {
    for (const text of ex.mashing) expectNotScorable(text, "gibberish");
  });

  it("treats lorem ipsum and a recipe as off-topic for a conflict question", () => {
    expectNotScorable(ex.loremIpsum, "off-topic");
    expectNotScorable(ex.recipe, "off-topic");
  });

  it("explains what a scorable answer needs", () => {
    const evaluation = evaluate("fine");
    expect(evaluation.improvements[0]).toContain('"fine" is too short to assess');
    expect(evaluation.improvements[0]).toContain("what you personally did");
  });
});
