import { describe, expect, it } from "vitest";
import {
  analyseAnswer,
  MAX_ANALYSED_CHARS,
  RECENT_ANALYSES,
  RECENT_ANALYSES_MAX_BYTES,
} from "../../../src/coach/rubric/analyse-answer.ts";
import * as ex from "./example-answers.ts";

describe("remembered analyses", () => {
  it("reuses an answer's analysis after hundreds of other interviews' answers were analysed in between", () => {
    const first = analyseAnswer(ex.request(ex.completeStar));
    // Interleaved with other answers, as with many interviews in flight.
    for (let index = 0; index < 300; index += 1)
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

  it("keeps far fewer pasted essays than short answers: the memory is bounded by size too", () => {
    const essay = (n: number) =>
      `${`Essay ${n}. ${ex.completeStar} `.repeat(40)}`.slice(0, MAX_ANALYSED_CHARS);
    const first = analyseAnswer(ex.request(essay(0)));
    // Each essay is counted at some 770 KB, so 16 MB holds about twenty of them.
    const holds = Math.ceil(RECENT_ANALYSES_MAX_BYTES / (64 * MAX_ANALYSED_CHARS));
    for (let index = 1; index <= holds; index += 1) analyseAnswer(ex.request(essay(index)));
    expect(analyseAnswer(ex.request(essay(0)))).not.toBe(first);
  });

  it("tells different questions apart for the same text", () => {
    const conflict = analyseAnswer(ex.request(ex.completeStar, ex.conflictQuestion));
    const leadership = analyseAnswer(ex.request(ex.completeStar, ex.leadershipQuestion));
    expect(leadership).not.toBe(conflict);
    expect(leadership.request.question.id).toBe(ex.leadershipQuestion.id);
  });
});
