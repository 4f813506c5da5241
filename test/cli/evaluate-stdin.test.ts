import { PassThrough } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { evaluateCommand } from "../../src/cli/evaluate-command.ts";
import { recordingOfflineCoach, runEvaluate } from "./evaluate-command-harness.ts";

describe("evaluate: reading stdin", () => {
  it.each([
    ["nothing", ""],
    ["only whitespace", "  \n\t\n  "],
  ])("on %s, explains the expected input with an example and exits 1", async (_, stdin) => {
    const { code, records, stderr } = await runEvaluate(stdin);
    expect(code).toBe(1);
    expect(records).toEqual([]);
    expect(stderr).toMatch(/nothing to evaluate/);
    expect(stderr).toMatch(/"question"/);
    expect(stderr).toMatch(/"answer"/);
    expect(stderr).toMatch(/\{"question":".+","answer":".+"/);
  });

  it("hints how to finish when stdin is a terminal, before waiting for input", async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true });
    const output = new PassThrough();
    const errors = new PassThrough();
    const finished = evaluateCommand({ input: terminal, output, errors }, recordingOfflineCoach().coach);
    // Nothing has been typed yet, and the hint is already there.
    await new Promise((resolve) => setImmediate(resolve));
    expect(String(errors.read() ?? "")).toMatch(/Paste JSON lines.*Ctrl-D/);
    terminal.end(JSON.stringify({ question: "Why this role?", answer: "Because I like it." }));
    expect(await finished).toBe(0);
    output.end();
    expect(await text(output)).toMatch(/"input":1/);
  });

  it("gives no terminal hint when stdin is piped", async () => {
    const { stderr } = await runEvaluate(JSON.stringify({ question: "Why this role?", answer: "Because." }));
    expect(stderr).toBe("");
  });
});
