import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ProgressEntrySchema } from "../../src/core/model/progress-entry.ts";
import { progressSummary } from "../../src/progress/progress-summary.ts";
import { CHART_HEIGHT, CHART_WIDTH } from "../../src/progress/render-progress-chart.ts";
import { STAR_ANSWER } from "../support/cli-answers.ts";
import { childProcessTestTimeout, newDataDir, runCli } from "../support/cli-process.ts";
import { nonWhitePixels, pngSize } from "../support/png-image.ts";

describe("secondround progress", { timeout: childProcessTestTimeout(4) }, () => {
  it("explains itself with --help", async () => {
    const result = await runCli(["progress", "--help"], "");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: secondround progress/);
    expect(result.stdout).toMatch(/12 months/);
  });

  it("says there is nothing yet, then after a finished interview writes the chart PNG and prints its path and summary", async () => {
    const env = { SECONDROUND_DATA_DIR: newDataDir() };
    const before = await runCli(["progress", "--name", "Ada"], "", env);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/No finished interviews yet/);

    const answers = `${STAR_ANSWER}\n\nWhat would success look like in the first 90 days?\n\n`;
    const practice = await runCli(
      [
        "practice",
        "--role",
        "Operations Analyst",
        "--company",
        "Lumen Bank",
        "--questions",
        "1",
        "--probes",
        "0",
      ].concat(["--stage", "first", "--name", "Ada"]),
      answers,
      env,
    );
    expect(practice.code).toBe(0);
    expect(practice.stdout).toMatch(/Your interview feedback/);

    // The history holds the minimal entry only: no answer text anywhere in the file.
    const file = await readFile(join(env.SECONDROUND_DATA_DIR, "progress.json"), "utf8");
    expect(file).not.toContain("complaint");
    const stored = JSON.parse(file) as { members: { memberId: string; entries: unknown[] }[] };
    expect(stored.members.map((member) => member.memberId)).toEqual(["terminal:Ada"]);
    const entries = stored.members[0]?.entries.map((entry) => ProgressEntrySchema.parse(entry)) ?? [];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ role: "Operations Analyst", company: "Lumen Bank", stage: "first" });

    const out = join(env.SECONDROUND_DATA_DIR, "chart.png");
    const after = await runCli(["progress", "--name", "Ada", "--out", out], "", env);
    expect(after.code).toBe(0);
    expect(after.stdout).toBe(`Your progress chart: ${out}\n${progressSummary(entries)}\n`);
    expect(after.stdout).toMatch(/1 interview since \d+ \w+ \d{4}: overall \d+/);
    const png = await readFile(out);
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
    expect(await nonWhitePixels(png)).toBeGreaterThan(5_000);

    // Someone else at the same keyboard has their own history.
    const other = await runCli(["progress", "--name", "Grace"], "", env);
    expect(other.stdout).toMatch(/No finished interviews yet/);
  });
});
