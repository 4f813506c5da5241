import { describe, expect, it } from "vitest";
import { MAX_ANALYSED_CHARS } from "../../../src/coach/rubric/analyse-answer.ts";
import { assessCandidateQuestions, decideFollowUp, evaluateAnswer } from "../../../src/coach/rubric/index.ts";
import { EvaluationSchema } from "../../../src/core/model/evaluation.ts";
import * as ex from "./example-answers.ts";

const zeroWidth = ex.completeStar.replaceAll(" ", " \u200b").replaceAll("I ", "I\u200d ");
const bidi = `\u202e${ex.completeStar}\u202c \u2066${ex.injection}\u2069 \u200f`;
const zalgo = ex.completeStar.replace(/[aeiou]/g, (vowel) => `${vowel}\u0301\u0316\u0337\u0350\u0362\u0489`);
const huge = `${ex.completeStar} ${"The queue kept growing and growing. ".repeat(3000)}`.slice(0, 100_000);
const mixed = "🙂 I led the team 👩🏽‍💻 at Ｎｏｒｔｈｗｉｎｄ; we cut costs by 40%. \uD800 \u0000 ﬁnished.";

describe("unicode robustness", () => {
  for (const [name, text] of Object.entries({ zeroWidth, bidi, zalgo, huge, mixed })) {
    it(`handles ${name} text without throwing, with valid output and verbatim quotes`, () => {
      const evaluation = EvaluationSchema.parse(evaluateAnswer(ex.request(text)));
      decideFollowUp({ ...ex.request(text), probesRemaining: 1 });
      assessCandidateQuestions({ text, options: ex.options });
      for (const item of evaluation.evidence) expect(text).toContain(item.quote);
      for (const component of Object.values(evaluation.star)) {
        if (component.evidence !== null) expect(text).toContain(component.evidence);
      }
    });
  }

  it("still finds the story through zero-width characters and accents", () => {
    expect(evaluateAnswer(ex.request(zeroWidth)).star.action.present).toBe(true);
    expect(evaluateAnswer(ex.request(zalgo)).quantified).toBe(true);
  });

  it("flags the instruction hidden between bidi controls", () => {
    expect(evaluateAnswer(ex.request(bidi)).flags).toContain("embedded-instructions");
  });

  it("reads at most MAX_ANALYSED_CHARS of a pasted essay sentence by sentence, yet counts all of it", () => {
    const evaluation = evaluateAnswer(ex.request(huge));
    const analysedWords = huge.slice(0, MAX_ANALYSED_CHARS).split(/\s+/).length;
    expect(evaluation.signals.sentences).toBeLessThan(analysedWords / 3);
    expect(evaluation.signals.words).toBeGreaterThan(10_000);
  });

  it("flags the 100,000-character answer as too long and repetitive", () => {
    const evaluation = evaluateAnswer(ex.request(huge));
    expect(evaluation.flags).toEqual(expect.arrayContaining(["keyword-stuffing", "too-long"]));
  });
});
