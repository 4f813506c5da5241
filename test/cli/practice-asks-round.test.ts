import { rm } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { childProcessTestTimeout, newDataDir, runCli } from "../support/cli-process.ts";
import { KEYS, TerminalCli } from "../support/cli-terminal.ts";

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

function env() {
  const folder = newDataDir();
  folders.push(folder);
  return { SECONDROUND_DATA_DIR: folder };
}

describe("the terminal asks which round", () => {
  it("asks for the role, the company and the round, a second round unless told otherwise", {
    timeout: childProcessTestTimeout(1),
  }, async () => {
    const cli = new TerminalCli(["practice", "--questions", "1", "--name", "Ada"], env());
    await cli.waitFor(/Which role are you practising for\?/);
    cli.type("Data Analyst");
    await cli.waitFor(/Which company\?/);
    cli.type("Acme");
    await cli.waitFor(/Which round: first, second or final\? \[second\]/);
    cli.type("");
    await cli.waitFor(/\(practice\)\? \[realistic\]/);
    cli.type("");
    await cli.waitFor(/Feedback comes at the end/);
    await cli.waitFor(/second-round interview for the Data Analyst role/);
    cli.press(KEYS.ctrlC);
    await cli.waitFor(/Pause this interview\?/);
    cli.type("y");
    expect(await cli.exited).toBe(0);
  });

  it("names the rounds again when the answer is none of them, and takes the one chosen", {
    timeout: childProcessTestTimeout(1),
  }, async () => {
    const cli = new TerminalCli(
      ["practice", "--questions", "1", "--name", "Ada", "--company", "Acme"],
      env(),
    );
    await cli.waitFor(/Which role are you practising for\?/);
    cli.type("Data Analyst");
    await cli.waitFor(/Which round: first, second or final\?/);
    cli.type("third");
    await cli.waitFor(/Please answer first, second or final\./);
    cli.type("Final round");
    await cli.waitFor(/\(practice\)\? \[realistic\]/);
    cli.type("Practice");
    await cli.waitFor(/This is a practice interview/);
    await cli.waitFor(/final-round interview for the Data Analyst role/);
    cli.press(KEYS.ctrlC);
    await cli.waitFor(/Pause this interview\?/);
    cli.type("y");
    expect(await cli.exited).toBe(0);
  });

  it("practises a second round when the command line describes the interview without a round", async () => {
    const result = await runCli(
      ["practice", "--role", "Data Analyst", "--company", "Acme", "--questions", "1", "--name", "Ada"],
      "",
      env(),
    );
    expect(result.stdout).toMatch(/second-round interview for the Data Analyst role/);
  });
});
