import { describe, expect, it } from "vitest";
import { EvaluationSchema } from "../../src/core/model/evaluation.ts";
import { childProcessTestTimeout, runCli } from "../support/cli-process.ts";

const STAR =
  "In my final-year project our team of four was two weeks behind on a data pipeline for a local charity. " +
  "I was responsible for getting the integration back on track. I split the work into daily goals, took over the " +
  "failing import myself and paired with a teammate on tests every afternoon. As a result we delivered three days " +
  "early and the charity now processes 2,000 donations a month through it.";

function parseLines(stdout: string) {
  return stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("secondround evaluate", { timeout: childProcessTestTimeout(1) }, () => {
  it("prints one evaluation per JSON line, naming the coach", async () => {
    const input = [
      { question: "Tell me about a time you rescued a late project.", answer: STAR, competency: "pressure" },
      { question: "Tell me about a time you handled conflict.", answer: "fine" },
    ]
      .map((item) => JSON.stringify(item))
      .join("\n");
    const result = await runCli(["evaluate"], input);
    expect(result.code).toBe(0);
    const [strong, junk] = parseLines(result.stdout);
    expect(EvaluationSchema.parse(strong)).toMatchObject({
      scorable: true,
      coach: "offline",
      quantified: true,
    });
    expect(strong?.input).toBe(1);
    expect(EvaluationSchema.parse(junk)).toMatchObject({ scorable: false, score: null, coach: "offline" });
  });

  it("accepts a single JSON object", async () => {
    const result = await runCli(
      ["evaluate"],
      JSON.stringify({ question: "Why do you want this role?", answer: STAR }),
    );
    expect(parseLines(result.stdout)).toHaveLength(1);
  });

  it("reports unreadable lines and exits 1, still evaluating the good ones", async () => {
    const input = `{"question": "Q?", "answer": "${STAR}"}\nnot json\n{"answer": "no question"}\n`;
    const result = await runCli(["evaluate"], input);
    expect(result.code).toBe(1);
    const lines = parseLines(result.stdout);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatchObject({ input: 2 });
    expect(String(lines[1]?.error)).toMatch(/not valid JSON/);
    expect(String(lines[2]?.error)).toMatch(/question/);
  });
});
