import { rm } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { childProcessTestTimeout, newDataDir, runCli } from "../support/cli-process.ts";
import { TerminalCli } from "../support/cli-terminal.ts";

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe("secondround log in an interactive terminal", () => {
  it("asks for the company, role, date and each question with its notes and how it went, then saves it", {
    timeout: childProcessTestTimeout(2),
  }, async () => {
    const folder = newDataDir();
    folders.push(folder);
    const env = { SECONDROUND_DATA_DIR: folder };
    const cli = new TerminalCli(["log"], env);
    await cli.waitFor(/Which company was round 1 with\? /);
    cli.type("Monzo");
    await cli.waitFor(/Which role\? /);
    cli.type("Data Analyst");
    await cli.waitFor(/When was it \(e\.g\. 2026-11-20\)\? /);
    cli.type("2026-11-20");
    await cli.waitFor(/Question 1: /);
    cli.type("Tell me about a time you improved a process.");
    await cli.waitFor(/What you answered \(your notes, one line\): /);
    cli.type("We cut the month-end close from 5 days to 2 by automating the reconciliations.");
    await cli.waitFor(/How did it go: well, okay or badly\? \[skip\] /);
    // A word it does not know is asked again, not guessed.
    cli.type("meh");
    await cli.waitFor(/Please answer well, okay or badly \(or press Enter to skip\)\./);
    cli.type("badly");
    await cli.waitFor(/Question 2: /);
    cli.type("Why Monzo?");
    await cli.waitFor(/What you answered/, cli.output.lastIndexOf("Question 2"));
    cli.type("");
    await cli.waitFor(/How did it go/, cli.output.lastIndexOf("Question 2"));
    cli.type("");
    await cli.waitFor(/Question 3: /);
    cli.type("");
    await cli.waitFor(/Saved your round-1 log for Monzo: 2 questions/);
    expect(await cli.exited).toBe(0);

    const shown = await runCli(["log", "--show", "Monzo"], "", env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain("Tell me about a time you improved a process.");
    expect(shown.stdout).toContain(
      "We cut the month-end close from 5 days to 2 by automating the reconciliations.",
    );
    expect(shown.stdout).toMatch(/How it went: badly/);
    expect(shown.stdout).toContain("Why Monzo?");
  });
});
