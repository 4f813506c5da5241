import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CULTURE_FIT_WEIGHTS,
  MOTIVATION_WEIGHTS,
  PRACTICAL_WEIGHTS,
  STAR_WEIGHTS,
} from "../../../src/coach/rubric/weights.ts";

const sum = (weights: Record<string, number>): number => Object.values(weights).reduce((a, b) => a + b, 0);

describe("rubric weights", () => {
  it("sum to 100 for every kind of question", () => {
    for (const weights of [STAR_WEIGHTS, MOTIVATION_WEIGHTS, CULTURE_FIT_WEIGHTS, PRACTICAL_WEIGHTS]) {
      expect(sum(weights)).toBe(100);
    }
  });

  it("match the STAR weights documented in prompts/rubric.md", () => {
    const rubric = readFileSync(new URL("../../../prompts/rubric.md", import.meta.url), "utf8");
    const rows: [string, number][] = [
      ["Situation", STAR_WEIGHTS.situation],
      ["Task", STAR_WEIGHTS.task],
      ["Action", STAR_WEIGHTS.action],
      ["Result", STAR_WEIGHTS.result],
      ["Quantified result", STAR_WEIGHTS.quantifiedResult],
    ];
    for (const [name, weight] of rows) expect(rubric).toMatch(new RegExp(`\\| ${name} +\\| +${weight} \\|`));
  });
});
