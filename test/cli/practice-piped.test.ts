import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ReportSchema } from "../../src/core/model/report.ts";
import { STAR_ANSWER } from "../support/cli-answers.ts";
import { childProcessTestTimeout, runCli } from "../support/cli-process.ts";

describe("secondround practice with piped stdin", { timeout: childProcessTestTimeout(1) }, () => {
  it("runs a whole scripted interview on the offline coach and writes the report JSON", async () => {
    const reportPath = join(tmpdir(), `sr-report-${process.pid}-${Date.now()}.json`);
    const lines: string[] = [];
    for (let question = 0; question < 2; question += 1) lines.push(STAR_ANSWER, "");
    lines.push(
      "What would success look like in the first 90 days, and what is the team's biggest challenge this year?",
      "",
    );
    const result = await runCli(
      [
        "practice",
        "--role",
        "Operations Analyst",
        "--company",
        "Lumen Bank",
        "--questions",
        "2",
        "--probes",
        "0",
        "--name",
        "Ada",
        "--session",
        `piped-${Date.now()}`,
        "--report-json",
        reportPath,
      ],
      `${lines.join("\n")}\n`,
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Hi Ada, thanks for coming in/);
    expect(result.stdout).toMatch(/Question 1 of 2/);
    expect(result.stdout).toMatch(/Answer recorded: \d+ words in \d+ s/);
    expect(result.stdout).toMatch(/Your interview feedback/);
    expect(result.stdout).toMatch(/offline coach/);
    const report = ReportSchema.parse(JSON.parse(await readFile(reportPath, "utf8")));
    expect(report.questions).toHaveLength(2);
    expect(report.questions.every((question) => question.status === "answered")).toBe(true);
    expect(report.overallScore).not.toBeNull();
    expect(report.candidateQuestions?.quality).toBe("strategic");
    // Typed answers: no delivery anywhere in the report.
    expect(report.delivery).toBeUndefined();
    expect(report.questions.some((question) => question.delivery !== undefined)).toBe(false);
  });

  it("explains bad options instead of crashing", async () => {
    const result = await runCli(["practice", "--questions", "40", "--role", "X", "--company", "Y"], "");
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/Those interview options don't work/);
  });

  it("says so when the input ends before the interview finishes", async () => {
    const result = await runCli(
      ["practice", "--role", "X", "--company", "Y", "--session", `short-${Date.now()}`],
      "I started to answer\n",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Input ended before the interview finished\. It is saved as "short-\d+": run the same command again/,
    );
  });
});
