import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ReportSchema } from "../../src/core/model/report.ts";
import { childProcessTestTimeout, newDataDir, runCli } from "../support/cli-process.ts";

const WHY_US =
  "I've used your app for three years, so I know it as a customer. Unlike Monzo, you offer business accounts " +
  "to sole traders without a monthly fee, which is exactly what my parents needed for their shop.";
const NUMBERS =
  "I've compared similar analyst roles in London, and my salary expectation is £45-50k. " +
  "I'm not sure about my notice period yet, I need to check my contract.";

describe("secondround practice: the second-round preparation checklist", {
  timeout: childProcessTestTimeout(2),
}, () => {
  it("opens with the checklist and prints and saves the Preparation section of the report", async () => {
    const env = { SECONDROUND_DATA_DIR: newDataDir() };
    const reportPath = join(env.SECONDROUND_DATA_DIR, "report.json");
    const answers = [WHY_US, "", NUMBERS, "", "Is the office near the station?", ""];
    const practice = await runCli(
      [
        ..."practice --role Analyst --company Starling --stage second --questions 2 --probes 0 --name Ada".split(
          " ",
        ),
        "--report-json",
        reportPath,
      ],
      `${answers.join("\n")}\n`,
      env,
    );
    expect(practice.code).toBe(0);
    const out = practice.stdout;
    const checklistAt = out.indexOf("Before we start, your second-round checklist:");
    expect(checklistAt).toBeGreaterThan(-1);
    expect(checklistAt).toBeLessThan(out.indexOf("Question 1 of 2"));
    expect(out).toContain(
      "- Numbers ready: your salary range, your notice period, the date you could start.",
    );

    const section = out.slice(out.indexOf("\nPreparation\n"));
    expect(section).toContain("Your answers showed 2 of the 6 things to have ready for this round.");
    expect(section).toContain("Why this company over its competitors: shown");
    expect(section).toContain(
      '"Unlike Monzo, you offer business accounts to sole traders without a monthly fee, which is exactly what my parents needed for their shop."',
    );
    expect(section).toContain("Salary range: shown");
    expect(section).toContain(
      '"I\'ve compared similar analyst roles in London, and my salary expectation is £45-50k."',
    );
    // An admission is not a notice period: the report says what to prepare instead.
    expect(section).toContain("Notice period: not shown");
    expect(section).toContain("Check your contract and say it plainly: \"I'm on one month's notice.\"");
    expect(section).toContain("Questions for the panel: not shown");
    expect(section).toContain("Basic questions only. Prepare two or three strategic ones");

    const report = ReportSchema.parse(JSON.parse(await readFile(reportPath, "utf8")));
    expect(report.preparation?.checks.filter((check) => check.shown).map((check) => check.item)).toEqual([
      "why-this-company",
      "salary-range",
    ]);
    expect(report.preparation?.checks.find((check) => check.item === "panel-questions")).toMatchObject({
      shown: false,
      questionsQuality: "basic",
    });
  });
});
