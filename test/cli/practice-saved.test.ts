import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ReportSchema } from "../../src/core/model/report.ts";
import { CLOSING_QUESTIONS, STAR_ANSWER } from "../support/cli-answers.ts";
import { CliProcess, childProcessTestTimeout, newDataDir, runCli } from "../support/cli-process.ts";

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

/** A data folder shared by the processes of one test, as one person's machine. */
function sharedEnv(): { SECONDROUND_DATA_DIR: string } {
  const folder = newDataDir();
  folders.push(folder);
  return { SECONDROUND_DATA_DIR: folder };
}

const ARGS = [
  "practice",
  "--role",
  "Analyst",
  "--company",
  "Acme",
  "--questions",
  "1",
  "--probes",
  "0",
  "--name",
  "Ada",
];

describe("practice keeps interviews in a file when REDIS_URL is not set", () => {
  it("says where, and the same command resumes an interview whose input ended", {
    timeout: childProcessTestTimeout(2),
  }, async () => {
    const env = sharedEnv();
    const first = await runCli(ARGS, `${STAR_ANSWER}\n\n`, env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `Interviews are saved in ${join(env.SECONDROUND_DATA_DIR, "interviews.json")}`,
    );
    expect(first.stdout).toMatch(/New interview, saved as "ada"/);
    expect(first.stdout).toMatch(
      /Input ended before the interview finished\. It is saved as "ada": run the same command again/,
    );

    const reportPath = join(env.SECONDROUND_DATA_DIR, "report.json");
    const second = await runCli([...ARGS, "--report-json", reportPath], `${CLOSING_QUESTIONS}\n\n`, env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(
      /Resuming your interview for Analyst at Acme \(saved as "ada", started [\d-]+ [\d:]+\)\./,
    );
    expect(second.stdout).not.toMatch(/Ignored/);
    expect(second.stdout).toMatch(/Your interview feedback/);
    const report = ReportSchema.parse(JSON.parse(await readFile(reportPath, "utf8")));
    expect(report.questions[0]?.status).toBe("answered");
    expect(report.questions[0]?.evaluation?.evidence.length).toBeGreaterThan(0);
    expect(report.candidateQuestions?.quality).toBe("strategic");
  });

  it("Ctrl-C (SIGINT) with piped input pauses at once, saved, and says how to resume", {
    timeout: childProcessTestTimeout(2),
  }, async () => {
    const env = sharedEnv();
    const cli = new CliProcess(ARGS, env);
    await cli.waitFor(/Question 1 of 1/);
    cli.write(STAR_ANSWER, "");
    await cli.waitFor(/Answer recorded/);
    cli.child.kill("SIGINT");
    expect(await cli.exited).toBe(0);
    expect(cli.stderr).toBe("");
    expect(cli.stdout).toMatch(
      /Paused\. Your interview is saved as "ada"\. To carry on, run the same command again/,
    );

    const resumed = await runCli(ARGS, `${CLOSING_QUESTIONS}\n\n`, env);
    expect(resumed.stdout).toMatch(/Resuming your interview/);
    expect(resumed.stdout).toMatch(/Your interview feedback/);
    expect(resumed.stdout).toMatch(/Question 1 of 1[^\n]*: \d+\/100/);
  });

  it("never overwrites a finished interview: --session shows its report, --list lists it, a new one gets a new id", {
    timeout: childProcessTestTimeout(4),
  }, async () => {
    const env = sharedEnv();
    const firstReport = join(env.SECONDROUND_DATA_DIR, "first.json");
    const done = await runCli(
      [...ARGS, "--session", "bank", "--report-json", firstReport],
      `${STAR_ANSWER}\n\n${CLOSING_QUESTIONS}\n\n`,
      env,
    );
    expect(done.stdout).toMatch(/Your interview feedback/);

    const againReport = join(env.SECONDROUND_DATA_DIR, "again.json");
    const again = await runCli(
      ["practice", "--session", "bank", "--report-json", againReport],
      "This must not become an answer.\n\n",
      env,
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /The interview "bank" \(Analyst at Acme, started [^)]+\) has finished\. Its report:/,
    );
    expect(again.stdout).toMatch(/Your interview feedback/);
    expect(again.stdout).not.toMatch(/Question 1 of 1\n/);
    // The stored report, unchanged (key order may differ once read back through its schema).
    expect(JSON.parse(await readFile(againReport, "utf8"))).toEqual(
      JSON.parse(await readFile(firstReport, "utf8")),
    );

    const fresh = await runCli(["practice", "--role", "Nurse", "--company", "NHS", "--name", "Ada"], "", env);
    expect(fresh.stdout).toMatch(/New interview, saved as "ada"/);

    const list = await runCli(["practice", "--list"], "", env);
    expect(list.code).toBe(0);
    const lines = list.stdout.split("\n");
    expect(lines.find((line) => line.startsWith("ID"))).toMatch(
      /^ID\s+ROLE\s+COMPANY\s+STARTED\s+STATUS\s+SCORE$/,
    );
    expect(lines.find((line) => line.startsWith("bank "))).toMatch(
      /^bank\s+Analyst\s+Acme\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+finished\s+\d+\/100$/,
    );
    expect(lines.find((line) => line.startsWith("ada "))).toMatch(
      /^ada\s+Nurse\s+NHS\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+in progress, at question 1 of 6\s+-$/,
    );
  });

  it("says which flags it ignores when resuming, and --new starts another interview with them", {
    timeout: childProcessTestTimeout(3),
  }, async () => {
    const env = sharedEnv();
    await runCli(ARGS, "A first line.\n", env);
    const resumed = await runCli(
      ["practice", "--role", "Data Scientist", "--company", "acme", "--questions", "3", "--name", "Ada"],
      "",
      env,
    );
    expect(resumed.stdout).toMatch(
      /Resuming your interview for Analyst at Acme \(saved as "ada", [^)]+\)\. Ignored, because this interview was set up differently: --role "Data Scientist", --questions 3\. Use --new to start another interview with them\./,
    );

    const another = await runCli(
      [
        "practice",
        "--new",
        "--role",
        "Data Scientist",
        "--company",
        "Acme",
        "--questions",
        "3",
        "--name",
        "Ada",
      ],
      "",
      env,
    );
    expect(another.stdout).toMatch(/New interview, saved as "ada-2"/);
    expect(another.stdout).toMatch(/Question 1 of 3/);
  });

  it("turns a second terminal on the same file away with a clear message", {
    timeout: childProcessTestTimeout(2),
  }, async () => {
    const env = sharedEnv();
    const first = new CliProcess(ARGS, env);
    await first.waitFor(/Question 1 of 1/);
    const second = await runCli(ARGS, "", env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      /Another SecondRound practice is using .*interviews\.json \(process \d+\)\. Finish or pause it there first/,
    );
    expect(second.stderr).not.toMatch(/ at /);
    first.end();
    expect(await first.exited).toBe(0);
  });
});

describe("practice fails early and ends quietly", () => {
  it("refuses an unwritable --report-json before the interview starts", {
    timeout: childProcessTestTimeout(1),
  }, async () => {
    const env = sharedEnv();
    const path = join(env.SECONDROUND_DATA_DIR, "no-such-folder", "report.json");
    const result = await runCli([...ARGS, "--report-json", path], `${STAR_ANSWER}\n\n`, env);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(
      /Can't write the report to .*report\.json: the folder .*no-such-folder does not exist\. Choose another --report-json path; nothing was started\./,
    );
    expect(result.stdout).not.toMatch(/Question 1/);
    expect(result.stderr).toBe("");
  });

  it("ends with exit code 0 and no stack trace when the reader of its output goes away (| head)", {
    timeout: childProcessTestTimeout(1),
  }, async () => {
    const cli = new CliProcess(ARGS);
    await cli.waitFor(/Question 1 of 1/);
    cli.child.stdout.destroy();
    cli.write(STAR_ANSWER, "", CLOSING_QUESTIONS, "");
    expect(await cli.exited).toBe(0);
    expect(cli.stderr).toBe("");
  });
});
