import { describe, expect, it } from "vitest";
import { evaluateAnswer } from "../../../src/coach/rubric/index.ts";
import { EvaluationSchema } from "../../../src/core/model/evaluation.ts";
import * as ex from "./example-answers.ts";

const evaluate = (text: string, question = ex.conflictQuestion) => evaluateAnswer(ex.request(text, question));

describe("evaluateAnswer on STAR questions", () => {
  it("scores a complete, quantified STAR answer as ready, from the offline coach", () => {
    const evaluation = evaluate(ex.completeStar);
    expect(evaluation.coach).toBe("offline");
    expect(evaluation.fallbackReason).toBeNull();
    expect(evaluation.scorable).toBe(true);
    expect(evaluation.score).toBeGreaterThanOrEqual(75);
    expect(evaluation.quantified).toBe(true);
    expect(Object.values(evaluation.star).every((component) => component.present)).toBe(true);
  });

  it("scores the same story lower without its result sentences", () => {
    const complete = evaluate(ex.completeStar);
    const withoutResult = evaluate(ex.starWithoutResult);
    expect(withoutResult.star.result.present).toBe(false);
    expect(withoutResult.quantified).toBe(false);
    expect(withoutResult.score).toBeLessThan(complete.score ?? 0);
    expect(withoutResult.improvements.join(" ")).toContain("Add the outcome");
  });

  it("scores the same story lower when the result has no number", () => {
    const complete = evaluate(ex.completeStar);
    const withoutNumber = evaluate(ex.starWithoutNumber);
    expect(withoutNumber.star.result.present).toBe(true);
    expect(withoutNumber.quantified).toBe(false);
    expect(withoutNumber.score).toBeLessThan(complete.score ?? 0);
    expect(withoutNumber.improvements.join(" ")).toContain("Put a number on your result");
  });

  it("cites what it found in strengths, quoting the quantified result", () => {
    const { strengths } = evaluate(ex.completeStar);
    expect(strengths).toContain(
      'Your result is quantified: "we cut the average response time from 3 days to 1".',
    );
    expect(strengths.some((s) => s.startsWith("You set the scene:"))).toBe(true);
  });

  it("labels up to four verbatim evidence quotes with what they show", () => {
    const { evidence } = evaluate(ex.completeStar);
    expect(evidence.length).toBeLessThanOrEqual(4);
    expect(evidence.map((e) => e.shows)).toEqual(["situation", "task", "action", "quantified result"]);
    for (const item of evidence) expect(ex.completeStar).toContain(item.quote);
  });

  it("flags a mostly-we answer and asks for the candidate's own part", () => {
    const evaluation = evaluate(ex.mostlyWe, ex.leadershipQuestion);
    expect(evaluation.scorable).toBe(true);
    expect(evaluation.flags).toContain("mostly-we");
    expect(evaluation.signals.firstPersonPlural).toBeGreaterThan(evaluation.signals.firstPersonSingular);
    expect(evaluation.improvements.join(" ")).toContain("Make your own contribution clear");
  });

  it("flags a very long answer as too long", () => {
    const evaluation = evaluate(ex.veryLong);
    expect(evaluation.signals.words).toBeGreaterThan(450);
    expect(evaluation.flags).toContain("too-long");
    expect(evaluation.improvements.join(" ")).toContain("runs long");
  });

  it("flags a short but real answer as too short without refusing to score it", () => {
    const evaluation = evaluate(ex.noResultStory.split(". ").slice(0, 2).join(". "));
    expect(evaluation.scorable).toBe(true);
    expect(evaluation.flags).toContain("too-short");
  });

  it("produces identical output for identical input", () => {
    expect(evaluate(ex.completeStar)).toEqual(evaluate(ex.completeStar));
    expect(JSON.stringify(evaluate(ex.mostlyWe))).toBe(JSON.stringify(evaluate(ex.mostlyWe)));
  });
});

describe("evaluateAnswer on other kinds of question", () => {
  it("rewards a motivation answer tied to the company and the candidate's experience", () => {
    const evaluation = evaluate(ex.motivationAnswer, ex.motivationQuestion);
    expect(evaluation.score).toBeGreaterThanOrEqual(75);
    expect(evaluation.evidence.map((e) => e.shows).join(" ")).toContain("own experience");
  });

  it("marks down generic flattery in a motivation answer", () => {
    const evaluation = evaluate(ex.flatteryAnswer, ex.motivationQuestion);
    expect(evaluation.score).toBeLessThan(55);
    expect(evaluation.improvements.join(" ")).toContain("generic praise");
  });

  it("does not let a STAR story stand in for a motivation answer", () => {
    expect(evaluate(ex.completeStar).score).toBeGreaterThanOrEqual(75);
    expect(evaluate(ex.completeStar, ex.motivationQuestion).score).toBeLessThan(75);
  });

  it("rewards a practical answer with a clear date and a justification", () => {
    const clear = evaluate(ex.practicalAnswer, ex.practicalQuestion);
    const vague = evaluate(ex.vaguePracticalAnswer, ex.practicalQuestion);
    expect(clear.score).toBeGreaterThanOrEqual(75);
    expect(vague.score ?? 0).toBeLessThan(clear.score ?? 0);
  });

  it("accepts a short practical answer that gives a figure", () => {
    const evaluation = evaluate("Four weeks' notice, as in my contract.", ex.practicalQuestion);
    expect(evaluation.scorable).toBe(true);
  });

  it("rewards a culture-fit answer with a concrete example and its outcome", () => {
    const evaluation = evaluate(ex.cultureFitAnswer, ex.cultureFitQuestion);
    expect(evaluation.score).toBeGreaterThanOrEqual(75);
    expect(evaluation.evidence.map((e) => e.shows).join(" ")).toContain("outcome");
  });

  it("scores the closing answer by the quality of the candidate's questions", () => {
    const strategic = evaluate("What would success look like in the first 90 days?", ex.closingQuestion);
    const benefits = evaluate("How many days of annual leave do you offer?", ex.closingQuestion);
    expect(strategic.score).toBeGreaterThan(benefits.score ?? 100);
    expect(benefits.flags).toContain("benefits-first");
  });
});

describe("every evaluation", () => {
  const samples: [string, (typeof ex)["conflictQuestion"]][] = [
    [ex.completeStar, ex.conflictQuestion],
    [ex.starWithoutResult, ex.conflictQuestion],
    [ex.starWithoutNumber, ex.conflictQuestion],
    [ex.mostlyWe, ex.leadershipQuestion],
    [ex.noResultStory, ex.leadershipQuestion],
    [ex.veryLong, ex.conflictQuestion],
    [`${ex.injection} ${ex.completeStar} ${ex.keywordStuffing}`, ex.conflictQuestion],
    [ex.motivationAnswer, ex.motivationQuestion],
    [ex.flatteryAnswer, ex.motivationQuestion],
    [ex.cultureFitAnswer, ex.cultureFitQuestion],
    [ex.practicalAnswer, ex.practicalQuestion],
    [
      "What are the team's biggest challenges this year? And how is performance measured?",
      ex.closingQuestion,
    ],
    [ex.recipe, ex.conflictQuestion],
    ["", ex.conflictQuestion],
  ];

  it("passes the Evaluation schema", () => {
    for (const [text, question] of samples)
      expect(() => EvaluationSchema.parse(evaluate(text, question))).not.toThrow();
  });

  it("quotes only exact substrings of the answer", () => {
    for (const [text, question] of samples) {
      const evaluation = evaluate(text, question);
      for (const item of evaluation.evidence) expect(text).toContain(item.quote);
      for (const component of Object.values(evaluation.star)) {
        if (component.evidence !== null) expect(text).toContain(component.evidence);
      }
    }
  });
});

describe("weak but genuine answers", () => {
  it("scores a vague work story low instead of calling it off-topic", () => {
    const pressureQuestion = {
      ...ex.conflictQuestion,
      id: "pressure-1",
      text: "Tell me about a time you worked under pressure.",
      competency: "pressure" as const,
      topicWords: ["pressure", "deadline", "stress", "prioritise"],
    };
    const evaluation = evaluate(
      "Last spring our data migration was two weeks behind. We moved the remaining tables over the weekend and it went fine in the end, everyone was happy.",
      pressureQuestion,
    );
    expect(evaluation.scorable).toBe(true);
    expect(evaluation.score).toBeLessThan(40);
  });
});
