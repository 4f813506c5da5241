import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ReportSchema } from "../../src/core/model/report.ts";
import type { Session } from "../../src/core/model/session.ts";
import { FileSessionStore } from "../../src/store/file-session-store.ts";
import { CHILD_PROCESS_MS, childProcessTestTimeout, newDataDir, runCli } from "../support/cli-process.ts";
import { KEYS, TerminalCli } from "../support/cli-terminal.ts";
import { eventually } from "../support/eventually.ts";

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

function dataDir(): string {
  const folder = newDataDir();
  folders.push(folder);
  return folder;
}

const ARGS = [
  "practice",
  "--role",
  "Analyst",
  "--company",
  "Acme",
  "--questions",
  "2",
  "--probes",
  "0",
  "--name",
  "Ada",
];

/** The interview as another process would find it in the file right now. */
async function saved(folder: string, id = "ada"): Promise<Session | null> {
  const store = FileSessionStore.open({ path: join(folder, "interviews.json") });
  return (await store.load(`terminal:${id}`))?.session ?? null;
}

async function draftSaved(folder: string, text: string): Promise<void> {
  await eventually(
    async () => (await saved(folder))?.turn?.draft.some((message) => message.text === text),
    CHILD_PROCESS_MS,
    `"${text}" in the saved draft`,
  );
}

describe("practice in a terminal: Ctrl-C and Ctrl-D", () => {
  it("Ctrl-C asks; y pauses and saves, and the same command picks up where it stopped", {
    timeout: childProcessTestTimeout(2),
  }, async () => {
    const folder = dataDir();
    const env = { SECONDROUND_DATA_DIR: folder };
    const first = new TerminalCli(ARGS, env);
    await first.waitFor(/Question 1 of 2/);
    first.type("The first half of my answer.");
    await draftSaved(folder, "The first half of my answer.");
    first.press(KEYS.ctrlC);
    await first.waitFor(/Pause this interview\? Everything you have typed is saved\. \(y\/n\)/);
    first.type("y");
    expect(await first.exited).toBe(0);
    expect(first.output).toMatch(
      /Paused\. Your interview is saved as "ada"\. To carry on, run the same command again, or: secondround practice --session ada/,
    );
    expect((await saved(folder))?.pausedAt).not.toBeNull();

    const second = new TerminalCli(ARGS, env);
    await second.waitFor(/Resuming your interview for Analyst at Acme/);
    await second.waitFor(
      /Picking up where we left off, at question 1 of 2\. Your answer so far \(6 words\) is saved/,
    );
    second.press(KEYS.ctrlC);
    await second.waitFor(/Pause this interview\?/);
    second.press(KEYS.ctrlC);
    expect(await second.exited).toBe(0);
    expect(second.output).toMatch(/Paused\. Your interview is saved as "ada"/);
  });

  it("Ctrl-C then n carries on; Ctrl-D ends with a report on what was answered, kept as finished", {
    timeout: childProcessTestTimeout(2),
  }, async () => {
    const folder = dataDir();
    const env = { SECONDROUND_DATA_DIR: folder };
    const reportPath = join(folder, "report.json");
    const cli = new TerminalCli([...ARGS, "--report-json", reportPath], env);
    await cli.waitFor(/Question 1 of 2/);
    cli.press(KEYS.ctrlC);
    await cli.waitFor(/Pause this interview\?/);
    cli.type("n");
    await cli.waitFor(/Carrying on\./);
    cli.type("I led the move of our reporting to a new warehouse, and it shipped a week early.");
    await draftSaved(
      folder,
      "I led the move of our reporting to a new warehouse, and it shipped a week early.",
    );
    cli.press(KEYS.ctrlD);
    expect(await cli.exited).toBe(0);
    expect(cli.output).toMatch(/Your interview feedback/);
    expect(cli.output).toMatch(/You ended the interview early/);
    expect(cli.output).toMatch(
      /This interview is saved as "ada": secondround practice --session ada shows its report again/,
    );
    const report = ReportSchema.parse(JSON.parse(await readFile(reportPath, "utf8")));
    expect(report.endedEarly).toBe(true);
    // The draft in progress when Ctrl-D was pressed is that question's answer.
    expect(report.questions[0]?.status).toBe("answered");
    expect(report.questions[1]?.status).not.toBe("answered");
    expect((await saved(folder))?.phase).toBe("finished");

    const shown = await runCli(["practice", "--session", "ada"], "", env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(
      /The interview "ada" \(Analyst at Acme, started [\d-]+ [\d:]+\) has finished\. Its report:/,
    );
    expect(shown.stdout).toMatch(/You ended the interview early/);
  });
});
