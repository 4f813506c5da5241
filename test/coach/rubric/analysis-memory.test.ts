import { describe, expect, it } from "vitest";
import { analyseAnswer, RECENT_ANALYSES } from "../../../src/coach/rubric/analyse-answer.ts";
import * as ex from "./example-answers.ts";

describe("remembered analyses", () => {
  it("reuses an answer's analysis after other interviews' answers were analysed in between", () => {
    const first = analyseAnswer(ex.request(ex.completeStar));
    // Interleaved with other answers, as with many interviews in flight, short of the bound.
    for (let index = 0; index < RECENT_ANALYSES - 2; index += 1)
      analyseAnswer(ex.request(`${ex.starWithoutResult} Case ${index}.`));
    expect(analyseAnswer(ex.request(ex.completeStar))).toBe(first);
  });

  it("analyses again once the answer has left the bounded memory, with the same result", () => {
    const first = analyseAnswer(ex.request(ex.starWithoutNumber));
    for (let index = 0; index < RECENT_ANALYSES + 1; index += 1)
      analyseAnswer(ex.request(`${ex.mostlyWe} Team ${index}.`));
    const again = analyseAnswer(ex.request(ex.starWithoutNumber));
    expect(again).not.toBe(first);
    expect(again.star).toEqual(first.star);
    expect(again.countedWords).toBe(first.countedWords);
  });

  it("tells different questions apart for the same text", () => {
    const conflict = analyseAnswer(ex.request(ex.completeStar, ex.conflictQuestion));
    const leadership = analyseAnswer(ex.request(ex.completeStar, ex.leadershipQuestion));
    expect(leadership).not.toBe(conflict);
    expect(leadership.request.question.id).toBe(ex.leadershipQuestion.id);
  });
});
