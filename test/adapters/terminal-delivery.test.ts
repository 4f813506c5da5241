import { describe, expect, it } from "vitest";
import { renderReport } from "../../adapters/terminal/render-report.ts";
import { terminalStyle } from "../../adapters/terminal/terminal-style.ts";
import { manySpokenReport, sampleReport, spokenSampleReport } from "./sample-reports.ts";

describe("terminal report: delivery of spoken answers", () => {
  it("shows each spoken question's delivery note and tip, and a Delivery part after the questions", () => {
    const lines = renderReport(spokenSampleReport(), terminalStyle(false)).split("\n");
    const timing = lines.indexOf("  Timing: 180 words in 2 min 5 s (with a follow-up, hint used)");
    expect(lines.slice(timing + 1, timing + 3)).toEqual([
      '  Delivery: 1 min 35 s spoken · 145 words a minute · 2.2 fillers per 100 words (mostly "um") · 1 long pause (longest 2.6 s) · situation 45% · task 10% · action 30% · result 10%',
      "  Delivery tip: Your story spent 45% of its time on the situation and 30% on what you did. Set the scene in a sentence or two, then spend most of the time on your actions.",
    ]);
    expect(lines.filter((line) => line.startsWith("  Delivery:"))).toHaveLength(1);
    const section = lines.indexOf("Delivery");
    expect(section).toBeGreaterThan(lines.findIndex((line) => line.startsWith("Question 4 of 4")));
    expect(section).toBeLessThan(lines.indexOf("Competency coverage"));
    expect(lines.slice(section + 1, section + 6)).toEqual([
      "  You answered 1 question aloud: 1 min 35 s of speaking in all.",
      "  Pace: 145 words a minute, a good pace.",
      "  Fillers: 2.2 per 100 words.",
      "  Long pauses (over 2 seconds): 1.",
      "  Tip: Across your spoken answer: 145 words a minute, 2.2 fillers per 100 words and 1 long pause. A steady delivery; each answer's note has one thing to try.",
    ]);
  });

  it("says nothing of delivery when every answer was typed", () => {
    expect(renderReport(sampleReport(), terminalStyle(false))).not.toContain("Delivery");
  });

  it("prints every tip of twenty spoken answers", () => {
    const report = manySpokenReport(20);
    const rendered = renderReport(report, terminalStyle(false));
    for (const question of report.questions) expect(rendered).toContain(question.delivery?.tip ?? "?");
    expect(rendered.match(/^ {2}Delivery tip:/gm)).toHaveLength(20);
  });
});
