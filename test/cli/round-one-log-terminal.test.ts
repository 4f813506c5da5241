import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ReportSchema } from "../../src/core/model/report.ts";
import { childProcessTestTimeout, newDataDir, runCli } from "../support/cli-process.ts";

const ROUND_ONE = [
  "Company: Monzo",
  "Role: Data Analyst",
  "Date: 2026-11-20",
  "",
  "Tell me about a time you improved a process.",
  "We cut the month-end close from 5 days to 2 by automating the reconciliations.",
  "How it went: badly",
  "",
  "Why do you want to work here?",
  "Talked about the graduate scheme. (went well)",
].join("\n");

/** The round-2 answer to the revisit: the same story, with a number that contradicts the notes. */
const CONTRADICTING =
  "I was the analyst on the finance operations team, and the close took too long every month. " +
  "I was asked to speed it up before the audit. I wrote Python scripts myself to match the bank lines, " +
  "I tested them against three months of data and I trained two colleagues to run them. " +
  "In the end we took the close from 5 days to 3, and the finance team still uses the scripts.";
const CONSISTENT =
  "At my placement the sales reports were built by hand. I was asked to automate them. " +
  "I built a dashboard in Power BI myself and showed the managers how to use it. " +
  "As a result report preparation fell from 6 hours to 1 hour a week.";

describe("secondround log, then a second round built on it", { timeout: childProcessTestTimeout(5) }, () => {
  it("logs round 1, revisits the badly-went question first quoting the notes, and reports the contradiction", async () => {
    const env = { SECONDROUND_DATA_DIR: newDataDir() };
    const logged = await runCli(["log", "--name", "Ada"], ROUND_ONE, env);
    expect(logged.stdout).toMatch(/Saved your round-1 log for Monzo: 2 questions/);
    expect(logged.code).toBe(0);
    const listed = await runCli(["log", "--list", "--name", "Ada"], "", env);
    expect(listed.stdout).toBe("Monzo, Data Analyst, 2026-11-20: 2 questions\n");

    const reportPath = join(env.SECONDROUND_DATA_DIR, "report.json");
    const answers = [
      CONTRADICTING,
      "",
      CONSISTENT,
      "",
      "What does success look like in the first 90 days?",
      "",
    ];
    const practice = await runCli(
      [
        ..."practice --role Analyst --company monzo --stage second --questions 2 --probes 0 --name Ada".split(
          " ",
        ),
        "--report-json",
        reportPath,
      ],
      `${answers.join("\n")}\n`,
      env,
    );
    expect(practice.code).toBe(0);
    expect(practice.stdout).toMatch(/Building on your round-1 log for Monzo \(2 questions, 2026-11-20\)/);
    expect(practice.stdout).toContain(
      'Round 1 asked "Tell me about a time you improved a process." and your notes say: "We cut the month-end close from 5 days to 2 by automating the reconciliations."',
    );
    expect(practice.stdout).toMatch(/Round 1 consistency/);
    expect(practice.stdout).toContain(
      '"In the end we took the close from 5 days to 3, and the finance team still uses the scripts."',
    );
    const report = ReportSchema.parse(JSON.parse(await readFile(reportPath, "utf8")));
    expect(report.roundOne).toMatchObject({ date: "2026-11-20", logged: 2, revisited: 1 });
    expect(report.roundOne?.findings).toEqual([
      expect.objectContaining({
        kind: "number",
        roundOneQuote: "We cut the month-end close from 5 days to 2 by automating the reconciliations.",
        answerQuote:
          "In the end we took the close from 5 days to 3, and the finance team still uses the scripts.",
      }),
    ]);

    const deleted = await runCli(["log", "--delete", "MONZO", "--name", "Ada"], "", env);
    expect(deleted.stdout).toBe("Deleted your round-1 log for MONZO.\n");
    expect((await runCli(["log", "--list", "--name", "Ada"], "", env)).stdout).toMatch(/No round-1 logs yet/);
  });

  it("explains a log it cannot read and saves nothing", async () => {
    const env = { SECONDROUND_DATA_DIR: newDataDir() };
    const result = await runCli(["log", "--name", "Ada"], "Why us?\nHow it went: meh\n", env);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/Paragraph 1: "meh" is not a way it went I know/);
    expect(result.stdout).toMatch(/Nothing was saved/);
  });
});
