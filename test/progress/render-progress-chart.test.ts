import { describe, expect, it } from "vitest";
import type { ProgressEntry } from "../../src/core/model/progress-entry.ts";
import { NO_PROGRESS_YET, progressSummary } from "../../src/progress/progress-summary.ts";
import { CHART_HEIGHT, CHART_WIDTH, renderProgressChart } from "../../src/progress/render-progress-chart.ts";
import { nonWhitePixels, pngSize } from "../support/png-image.ts";

const DAY = 86_400_000;
const MARCH_3 = Date.UTC(2026, 2, 3, 15);

function entry(
  index: number,
  overallScore: number | null,
  competencies: ProgressEntry["competencies"],
): ProgressEntry {
  return {
    sessionId: `s${index}`,
    finishedAt: MARCH_3 + index * 7 * DAY,
    role: "Data Analyst",
    company: "Acme",
    stage: "first",
    overallScore,
    competencies,
  };
}

const HISTORY: ProgressEntry[] = [
  entry(0, 54, [
    { competency: "initiative", score: 70 },
    { competency: "leadership", score: 40 },
  ]),
  entry(1, 60, [{ competency: "initiative", score: 80 }]),
  entry(2, null, [{ competency: "failure", score: null }]),
  entry(3, 66, [{ competency: "initiative", score: 90 }]),
  entry(4, 71, [
    { competency: "pressure", score: 75 },
    { competency: "collaboration", score: 62 },
  ]),
];

describe("the progress chart", () => {
  it("is a PNG of the fixed size with a drawn chart, the same picture for the same history", async () => {
    const png = await renderProgressChart(HISTORY);
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
    expect(CHART_WIDTH).toBe(1000);
    expect(CHART_HEIGHT).toBe(600);
    // Lines, bars, axes and labels: far more than a blank picture, far less than a filled one.
    const drawn = await nonWhitePixels(png);
    expect(drawn).toBeGreaterThan(10_000);
    expect(drawn).toBeLessThan(CHART_WIDTH * CHART_HEIGHT * 0.5);
    expect(Buffer.compare(png, await renderProgressChart([...HISTORY].reverse()))).toBe(0);
  });

  it("draws a single interview too", async () => {
    const png = await renderProgressChart([HISTORY[0] as ProgressEntry]);
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
    expect(await nonWhitePixels(png)).toBeGreaterThan(5_000);
  });
});

describe("the progress summary (the chart in words)", () => {
  it("gives the count, the first date, the overall trend from scored interviews, the strongest competency and the gaps", () => {
    expect(progressSummary(HISTORY)).toBe(
      "5 interviews since 3 Mar 2026: overall 54 → 71 (+17). Strongest: Initiative 80. " +
        "Gaps: Leadership 40, Conflict (never asked), Failure (not scored yet).",
    );
  });

  it("says a fall as a fall, and a single interview plainly", () => {
    expect(progressSummary([entry(0, 70, []), entry(1, 58, [])])).toBe(
      "2 interviews since 3 Mar 2026: overall 70 → 58 (−12). Gaps: Leadership (never asked), Conflict (never asked), " +
        "Failure (never asked), Success under pressure (never asked), Collaboration (never asked), Initiative (never asked).",
    );
    expect(progressSummary([entry(0, 62, [{ competency: "conflict", score: 62 }])])).toMatch(
      /^1 interview since 3 Mar 2026: overall 62\. Strongest: Conflict 62\./,
    );
  });

  it("never invents an overall score when nothing was scorable", () => {
    expect(progressSummary([entry(0, null, [])])).toMatch(/no overall score yet \(nothing was scorable\)/);
  });

  it("has a friendly text and no numbers for an empty history", () => {
    expect(progressSummary([])).toBe(NO_PROGRESS_YET);
    expect(NO_PROGRESS_YET).toMatch(/Finish an interview/);
  });
});
