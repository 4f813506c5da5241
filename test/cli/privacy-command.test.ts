import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MemberExportSchema } from "../../src/core/model/member-export.ts";
import { childProcessTestTimeout, newDataDir, runCli } from "../support/cli-process.ts";
import { redisUrl, testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";
import { keysMentioning } from "../support/redis-traces.ts";

const ADA_ANSWER =
  "At my summer internship at a retail bank, the complaints team was missing its five-day response target. " +
  "I analysed 400 complaint records in Excel and proposed a delegated sign-off rule with the team lead. " +
  "As a result the average response time fell from 7 days to 3 within a month.";
const GRACE_ANSWER =
  "At the library I rebuilt the volunteer rota in a shared spreadsheet, so weekend closures fell from four a month to none.";
const ADA_LOG =
  "Tell me about a time you improved a process.\nWe cut the month-end close from 5 days to 2.\nHow it went: badly\n";

async function practise(name: string, answer: string, env: Record<string, string>) {
  const result = await runCli(
    [
      "practice",
      "--role",
      "Analyst",
      "--company",
      `${name} Corp`,
      "--questions",
      "1",
      "--probes",
      "0",
    ].concat(["--stage", "first", "--name", name]),
    `${answer}\n\nWhat would success look like in the first 90 days?\n\n`,
    env,
  );
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/Your interview feedback/);
}

/** Ada and Grace practise at one keyboard; Ada logs a first round; Ada exports, then erases her data. */
async function exportAndDelete(env: Record<string, string>) {
  await practise("Ada", ADA_ANSWER, env);
  await practise("Grace", GRACE_ANSWER, env);
  const log = await runCli(["log", "--company", "Acme", "--name", "Ada"], ADA_LOG, env);
  expect(log.code).toBe(0);

  const out = join(env.SECONDROUND_DATA_DIR ?? newDataDir(), "ada.json");
  const exported = await runCli(["privacy", "export", "--name", "Ada", "--out", out], "", env);
  expect(exported.code).toBe(0);
  expect(exported.stdout).toBe(`Your data: ${out}\n1 interview, 1 round-1 log, 1 progress entry.\n`);
  const text = readFileSync(out, "utf8");
  const data = MemberExportSchema.parse(JSON.parse(text));
  expect(data).toMatchObject({ community: "terminal", member: "terminal:Ada" });
  expect(text).toContain("analysed 400 complaint records");
  expect(text).toContain("month-end close from 5 days to 2");
  expect(text).not.toContain("Grace");
  expect(text).not.toContain("volunteer rota");

  // Piped input without --yes deletes nothing.
  const refused = await runCli(["privacy", "delete", "--name", "Ada"], "delete\n", env);
  expect(refused.code).toBe(2);
  expect(refused.stdout).toMatch(/add --yes/);
  const stillThere = await runCli(["privacy", "export", "--name", "Ada", "--out", out], "", env);
  expect(stillThere.stdout).toMatch(/1 interview, 1 round-1 log, 1 progress entry/);

  const deleted = await runCli(["privacy", "delete", "--name", "Ada", "--yes"], "", env);
  expect(deleted.code).toBe(0);
  expect(deleted.stdout).toBe(
    "Deleted: 1 interview, 1 round-1 log, 1 progress entry. SecondRound keeps nothing else about you here.\n",
  );
  // Safe to repeat.
  const again = await runCli(["privacy", "delete", "--name", "Ada", "--yes"], "", env);
  expect(again.stdout).toMatch(/^Deleted: 0 interviews, 0 round-1 logs, 0 progress entries\./);
  // The audit line names no member and quotes nothing.
  expect(deleted.stderr).not.toContain("Ada");
  return { out };
}

describe("secondround privacy", { timeout: childProcessTestTimeout(12) }, () => {
  it("explains itself with --help and refuses an unknown action", async () => {
    const help = await runCli(["privacy", "--help"], "");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: secondround privacy export/);
    const wrong = await runCli(["privacy", "forget"], "", { SECONDROUND_DATA_DIR: newDataDir() });
    expect(wrong.code).toBe(2);
  });

  it("exports and erases one member's data from the interview file and the data directory, and nobody else's", async () => {
    const dataDir = newDataDir();
    const { out } = await exportAndDelete({ SECONDROUND_DATA_DIR: dataDir });
    const stored = readdirSync(dataDir)
      .map((name) => join(dataDir, name))
      .filter((path) => path !== out && !path.endsWith(".png"))
      .map((path) => readFileSync(path, "utf8"))
      .join("\n");
    expect(stored).not.toContain("terminal:Ada");
    expect(stored).not.toContain("complaint");
    expect(stored).not.toContain("month-end close");
    expect(stored).toContain("terminal:Grace");
    const grace = await runCli(
      ["privacy", "export", "--name", "Grace", "--out", join(dataDir, "g.json")],
      "",
      {
        SECONDROUND_DATA_DIR: dataDir,
      },
    );
    expect(grace.stdout).toMatch(/1 interview, 0 round-1 logs, 1 progress entry/);
  });

  it("with REDIS_URL set, erases the member's keys in Redis", async () => {
    const keyPrefix = uniquePrefix("cli-privacy");
    const env = {
      SECONDROUND_DATA_DIR: newDataDir(),
      REDIS_URL: redisUrl(),
      SECONDROUND_KEY_PREFIX: keyPrefix,
    };
    await exportAndDelete(env);
    const client = testRedisClient();
    try {
      expect(
        await keysMentioning(client, keyPrefix, ["terminal:Ada", "complaint", "month-end close"]),
      ).toEqual([]);
      expect(await keysMentioning(client, keyPrefix, ["terminal:Grace"])).not.toEqual([]);
    } finally {
      client.disconnect();
    }
  });
});
