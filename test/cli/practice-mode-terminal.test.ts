import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ReportSchema } from "../../src/core/model/report.ts";
import { childProcessTestTimeout, newDataDir, runCli } from "../support/cli-process.ts";

const FIRST =
  "Last spring I worked as an analyst on a data migration at a retailer. We were two weeks behind the deadline. " +
  "I rebuilt the migration plan and moved the largest tables myself over the weekend. We finished on time.";
const BETTER =
  "Last spring I worked as an analyst on a data migration at a retailer. My task was to get us back on schedule. " +
  "I rebuilt the migration plan, split the work into daily batches and moved the largest tables myself. " +
  "As a result we finished 3 days early and cut the reporting errors by 40%.";

describe("practice mode in the terminal", { timeout: childProcessTestTimeout(1) }, () => {
  it("gives feedback after an answer, takes /stronger and /retry, and reports both attempts", async () => {
    const folder = newDataDir();
    const reportPath = join(folder, "report.json");
    // Piped input: every empty line submits; after the feedback, an empty line moves on.
    const lines = [FIRST, "", "/stronger", "/retry", BETTER, "", "", "/skip"];
    const result = await runCli(
      [
        ...["practice", "--role", "Data Analyst", "--company", "Acme", "--questions", "1"],
        ...["--focus", "pressure", "--probes", "0", "--name", "Ada", "--mode", "practice"],
        ...["--report-json", reportPath],
      ],
      `${lines.join("\n")}\n`,
      { SECONDROUND_DATA_DIR: folder },
    );
    try {
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const out = result.stdout;
      expect(out).toMatch(/This is a practice interview/);
      expect(out).toMatch(/Practice feedback: \d+\/100, (Not yet|Almost|Ready)\.\nStrongest point: /);
      expect(out).toMatch(/\(\/retry · \/stronger · empty line or \/next · \/end\)/);
      expect(out).toMatch(/A stronger version, built from your own sentences/);
      expect(out).toMatch(/Task: \[what you were responsible for or trying to achieve\]/);
      expect(out).toMatch(/Trying question 1 of 1 again/);
      expect(out).toMatch(/Since your last attempt: overall \d+ → \d+/);
      expect(out).toMatch(
        /Answered 2 times \(attempt 1: \d+, attempt 2: \d+\); the feedback below is on the last attempt\./,
      );
      expect(out).toMatch(/Change: .*overall \d+ → \d+\./);
      const report = ReportSchema.parse(JSON.parse(await readFile(reportPath, "utf8")));
      expect(report.questions[0]?.earlierAttempts).toHaveLength(1);
      expect(report.overallScore).toBe(report.questions[0]?.evaluation?.score);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
