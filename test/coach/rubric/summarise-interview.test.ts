import { describe, expect, it } from "vitest";
import { evaluateAnswer, summariseInterview } from "../../../src/coach/rubric/index.ts";
import * as ex from "./example-answers.ts";

const judged = (text: string, question = ex.conflictQuestion) => ({
  question,
  evaluation: evaluateAnswer(ex.request(text, question)),
});

describe("summariseInterview", () => {
  const evaluations = [
    judged(ex.completeStar),
    judged(ex.noResultStory, ex.leadershipQuestion),
    judged(ex.mostlyWe, ex.leadershipQuestion),
    judged(ex.motivationAnswer, ex.motivationQuestion),
    judged("idk"),
  ];
  const summary = summariseInterview({ options: ex.options, evaluations });

  it("names the strongest answer by competency and score", () => {
    const best = evaluations[0]?.evaluation.score;
    expect(summary.strengths[0]).toBe(`Your strongest answer was on conflict (${best}).`);
  });

  it("reports patterns across answers as improvements", () => {
    // The "mostly we" story ends with "we got really good feedback": a qualitative result.
    expect(summary.improvements).toContain(
      "Results were missing in 1 of 3 stories: end each one with what changed because of you.",
    );
    expect(summary.improvements.join(" ")).toContain('"we" far more than "I"');
    expect(summary.improvements.join(" ")).toContain("could not be scored");
  });

  it("keeps to four strengths and four improvements, deterministically", () => {
    expect(summary.strengths.length).toBeLessThanOrEqual(4);
    expect(summary.improvements.length).toBeLessThanOrEqual(4);
    expect(summariseInterview({ options: ex.options, evaluations })).toEqual(summary);
  });

  it("invents no strengths when nothing was scorable", () => {
    const empty = summariseInterview({ options: ex.options, evaluations: [judged(""), judged("fine")] });
    expect(empty.strengths).toEqual([]);
    expect(empty.improvements.join(" ")).toContain("2 of 2 answers could not be scored");
  });
});
