import { describe, expect, it } from "vitest";
import { reportSections } from "../../adapters/shared/report-sections.ts";
import { renderReport } from "../../adapters/terminal/render-report.ts";
import { terminalStyle } from "../../adapters/terminal/terminal-style.ts";
import { evaluation, reportQuestion, sampleReport } from "./sample-reports.ts";

/** "Task missing" is a false claim about a "why us?" answer: STAR is shown for stories only. */
describe("STAR breakdown in reports", () => {
  const report = sampleReport();
  const withKinds = {
    ...report,
    questions: [
      reportQuestion(0, { kind: "behavioural", evaluation: evaluation() }),
      reportQuestion(1, { kind: "motivation", evaluation: evaluation() }),
    ],
  };

  it("is shown for a story question and not for a motivation question (terminal)", () => {
    const rendered = renderReport(withKinds, terminalStyle(false));
    expect(rendered.match(/STAR:/g)?.length).toBe(1);
  });

  it("is shown for a story question and not for a motivation question (chat sections)", () => {
    const questions = reportSections(withKinds).filter((section) => section.kind === "question");
    const labels = questions.map((section) => section.fields.map((field) => field.label));
    expect(labels[0]).toContain("STAR breakdown");
    expect(labels[1]).not.toContain("STAR breakdown");
  });
});
