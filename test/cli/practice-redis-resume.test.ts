import { describe, expect, it } from "vitest";
import { childProcessTestTimeout, runCli } from "../support/cli-process.ts";
import { redisUrl, uniquePrefix } from "../support/redis-test-client.ts";

const env = { REDIS_URL: redisUrl(), SECONDROUND_KEY_PREFIX: uniquePrefix("practice-resume") };
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
const ANSWER =
  "I rebuilt the volunteer rota for the food bank with two friends, and no-shows fell by 30% in a month.";

describe("practice with REDIS_URL set", () => {
  it("reports the flags a resumed interview ignores, then shows and lists it once finished", {
    timeout: childProcessTestTimeout(4),
  }, async () => {
    const first = await runCli(ARGS, `${ANSWER}\n\n`, env);
    expect(first.stdout).toMatch(/New interview, saved as "ada"/);
    expect(first.stdout).not.toMatch(/Interviews are saved in/);
    expect(first.stdout).toMatch(/It is saved as "ada": run the same command again/);

    const resumed = await runCli(
      ["practice", "--role", "Product Manager", "--company", "Globex", "--name", "Ada"],
      "What does the team want to achieve this year?\n\n",
      env,
    );
    expect(resumed.stdout).toMatch(
      /Resuming your interview for Analyst at Acme \(saved as "ada", [^)]+\)\. Ignored, because this interview was set up differently: --role "Product Manager", --company "Globex"\. Use --new to start another interview with them\./,
    );
    expect(resumed.stdout).toMatch(/Your interview feedback\nAnalyst at Acme/);

    const shown = await runCli(["practice", "--session", "ada", "--name", "Ada"], "Not an answer.\n\n", env);
    expect(shown.stdout).toMatch(/The interview "ada" \(Analyst at Acme, [^)]+\) has finished\. Its report:/);

    const list = await runCli(["practice", "--list", "--name", "Ada"], "", env);
    expect(list.stdout).toMatch(/^ada\s+Analyst\s+Acme\s+[\d-]+ [\d:]+\s+finished\s+\d+\/100$/m);
  });
});
