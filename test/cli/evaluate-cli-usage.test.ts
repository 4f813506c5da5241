import { describe, expect, it } from "vitest";
import { childProcessTestTimeout, runCli } from "../support/cli-process.ts";

// The real `secondround` entry point in a child process, offline: no key, no Redis, no network.
describe("secondround evaluate (command line)", { timeout: childProcessTestTimeout(1) }, () => {
  it.each(["--help", "-h"])("%s prints the usage and exits 0", async (flag) => {
    const result = await runCli(["evaluate", flag], "");
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    for (const documented of [
      "question",
      "answer",
      "kind",
      "competency",
      "candidate-questions",
      "culture-fit",
      "synonyms",
      "prompts/competencies.yaml",
      "competencyLabel",
      "--coach offline|llm",
    ]) {
      expect(result.stdout).toContain(documented);
    }
  });

  it("rejects an unknown option with a clear message and exit code 2", async () => {
    const result = await runCli(["evaluate", "--coach", "offline", "--verbose"], "");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/unknown option "--verbose"/);
    expect(result.stderr).toMatch(/secondround evaluate --help/);
  });

  it("rejects a coach it does not know with exit code 2", async () => {
    const result = await runCli(["evaluate", "--coach", "gpt"], "");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--coach must be "offline" or "llm", not "gpt"/);
  });

  it("explains what to pipe in when stdin is empty, and exits 1", async () => {
    const result = await runCli(["evaluate", "--coach", "offline"], " \n");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/nothing to evaluate/);
    expect(result.stderr).toMatch(/"question"/);
  });

  it("exits 0 when records only carry warnings", async () => {
    const record = {
      question: "Tell me about a time you managed several stakeholders.",
      answer:
        "On my placement I ran the weekly update for three teams who wanted different things. I met each lead, " +
        "wrote one shared plan and agreed the order of work with them. The launch went out on time.",
      competency: "stakeholder management",
    };
    const result = await runCli(["evaluate", "--coach", "offline"], JSON.stringify(record));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      competency: null,
      competencyLabel: "stakeholder management",
      warnings: [expect.stringMatching(/not one of the six core competencies/)],
    });
  });
});
