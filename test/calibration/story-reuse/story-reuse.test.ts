import { describe, expect, it } from "vitest";
import { measureStoryReuse, readPairs } from "./measure-story-reuse.ts";

/**
 * The same-story check (one story told for several competencies; a retelling joining its banked
 * story) against pairs labelled by an interviewer who never saw the check (README.md here). The
 * floors hold today's figures (docs/calibration.md) and fail if a change makes the check worse;
 * precision matters most, since a wrong "you reused this story" is what the candidate sees.
 */
describe("same-story check against labelled pairs", () => {
  const development = measureStoryReuse(readPairs("development"));
  const heldOut = measureStoryReuse(readPairs("held-out"));

  it("has 70 labelled pairs, half held out", () => {
    expect(development.pairs + heldOut.pairs).toBe(70);
    expect(heldOut.pairs).toBe(35);
  });

  it("development half: the figures it was tuned to", () => {
    expect(development.precision).toBeGreaterThanOrEqual(0.9);
    expect(development.recall).toBeGreaterThanOrEqual(0.8);
  });

  it("held-out half: at least today's figures", () => {
    expect(heldOut.precision).toBeGreaterThanOrEqual(0.75);
    expect(heldOut.recall).toBeGreaterThanOrEqual(0.5);
    expect(heldOut.accuracy).toBeGreaterThanOrEqual(0.8);
  });
});
