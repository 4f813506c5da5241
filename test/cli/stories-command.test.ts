import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { childProcessTestTimeout, newDataDir, runCli } from "../support/cli-process.ts";
import { WAREHOUSE_AS_CONFLICT, WAREHOUSE_AS_LEADERSHIP } from "../support/story-answers.ts";

const PRACTICE = [
  "practice",
  "--role",
  "Shift Manager",
  "--company",
  "Acme",
  "--questions",
  "4",
  "--probes",
  "0",
  "--stage",
  "first",
  "--focus",
  "leadership,conflict",
  "--name",
  "Ada",
];

describe("secondround stories", { timeout: childProcessTestTimeout(8) }, () => {
  it("explains itself with --help", async () => {
    const result = await runCli(["stories", "--help"], "");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: secondround stories/);
    expect(result.stdout).toMatch(/keep N/);
  });

  it("banks the story a practice interview reused, flags the reuse, then keeps, renames and deletes it", async () => {
    const env = { SECONDROUND_DATA_DIR: newDataDir() };
    const empty = await runCli(["stories", "--name", "Ada"], "", env);
    expect(empty.stdout).toMatch(/Your story bank is empty/);

    // Every answer tells the warehouse move: the interview asks for leadership and conflict.
    const tellings = [
      WAREHOUSE_AS_LEADERSHIP,
      WAREHOUSE_AS_CONFLICT,
      WAREHOUSE_AS_LEADERSHIP,
      WAREHOUSE_AS_CONFLICT,
    ];
    const answers = `${tellings.join("\n\n")}\n\nWhat would success look like in six months?\n\n`;
    const practice = await runCli(PRACTICE, answers, env);
    expect(practice.code).toBe(0);
    expect(practice.stdout).toMatch(/One story, several competencies/);
    expect(practice.stdout).toMatch(/The same story for [A-Za-z ,]*(Conflict|Leadership)/);

    const listed = await runCli(["stories", "--name", "Ada"], "", env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/Your story bank \(1 story\)/);
    expect(listed.stdout).toMatch(/1\. .*\(suggested\): .*Leadership.*told \d times/);
    expect(listed.stdout).toMatch(/No story yet for: .*Your next interview asks about these first/);
    expect(listed.stdout).toMatch(/is carrying .*prepare a second story/);
    const file = join(env.SECONDROUND_DATA_DIR, "stories.json");
    expect(statSync(file).mode & 0o077).toBe(0);

    const renamed = await runCli(
      ["stories", "rename", "1", "The", "warehouse", "move", "--name", "Ada"],
      "",
      env,
    );
    expect(renamed.stdout).toMatch(/Renamed and kept: "The warehouse move"/);
    const after = await runCli(["stories", "--name", "Ada"], "", env);
    expect(after.stdout).toMatch(/1\. The warehouse move \(kept\)/);

    const wrong = await runCli(["stories", "delete", "7", "--name", "Ada"], "", env);
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toMatch(/There is no story 7 in your bank \(it has 1\)\. Nothing was changed/);
    const unknown = await runCli(["stories", "forget", "1", "--name", "Ada"], "", env);
    expect(unknown.code).toBe(2);

    const deleted = await runCli(["stories", "delete", "1", "--name", "Ada"], "", env);
    expect(deleted.stdout).toMatch(/Deleted "The warehouse move"/);
    expect(readFileSync(file, "utf8")).not.toContain("Northgate");
    expect((await runCli(["stories", "--name", "Ada"], "", env)).stdout).toMatch(/empty/);
  });
});
