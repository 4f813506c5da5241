import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ReportSchema } from "../../src/core/model/report.ts";
import type { ChatRequestBody } from "../emulators/openai/types.ts";
import { childProcessTestTimeout, runCli } from "../support/cli-process.ts";
import { playModel } from "../support/play-model.ts";
import { useOpenAIEmulator } from "../support/use-openai-emulator.ts";

const currentEmulator = useOpenAIEmulator();

const args = (reportPath: string) => [
  "practice",
  "--role",
  "Data Analyst",
  "--company",
  "Acme",
  "--questions",
  "2",
  "--name",
  "Ada",
  "--session",
  `ai-${Date.now()}`,
  "--report-json",
  reportPath,
];
const script = [
  "I built a rota app for the food bank with two friends, using Python and a shared spreadsheet.",
  "",
  "It covered 35 volunteers every week.",
  "",
  "Because I like turning data into decisions.",
  "",
  "What will the team focus on next year?",
  "",
].join("\n");

describe("secondround practice with the AI coach", { timeout: childProcessTestTimeout(1) }, () => {
  it("asks the model's questions, probes quoting the answer, and reports evidence from the AI coach", async () => {
    currentEmulator().script(...Array.from({ length: 20 }, () => playModel));
    const reportPath = join(tmpdir(), `sr-ai-${process.pid}-${Date.now()}.json`);
    const result = await runCli(args(reportPath), `${script}\n`, {
      OPENAI_BASE_URL: `${currentEmulator().url}/v1`,
      OPENAI_MAX_RETRIES: "0",
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/feedback comes at the end, from the AI coach/i);
    expect(result.stdout).toMatch(/Your CV mentions the volunteer rota app/);
    expect(result.stdout).toMatch(
      /You said "I built a rota app for the food bank with two friends, using Python and a shared spreadsheet\." How many people did it help\?/,
    );
    const report = ReportSchema.parse(JSON.parse(await readFile(reportPath, "utf8")));
    expect(report.coaches).toEqual(["llm"]);
    // A call whose result was discarded by a conflicting concurrent write is not counted.
    expect(report.tokenUsage?.calls).toBeGreaterThanOrEqual(5);
    expect(report.tokenUsage?.calls).toBeLessThanOrEqual(currentEmulator().requests.length);
    expect(report.tokenUsage?.inputTokens).toBeGreaterThan(1000);
    expect(result.stdout).toMatch(/AI coach usage: \d+ input and \d+ output tokens in \d+ calls/);
    expect(report.questions[0]?.evaluation?.evidence[0]?.quote).toBe(
      "I built a rota app for the food bank with two friends, using Python and a shared spreadsheet.",
    );
    expect(currentEmulator().requests.every((request) => request.path === "/v1/chat/completions")).toBe(true);
  });

  it("falls back to the offline coach, labelled, when the model's replies are unusable", async () => {
    const reportPath = join(tmpdir(), `sr-ai-fallback-${process.pid}-${Date.now()}.json`);
    const result = await runCli(args(reportPath), `${script}\n`, {
      OPENAI_BASE_URL: `${currentEmulator().url}/v1`,
      OPENAI_MAX_RETRIES: "0",
    });
    expect(result.code).toBe(0);
    const report = ReportSchema.parse(JSON.parse(await readFile(reportPath, "utf8")));
    expect(report.coaches).toEqual(["offline (fallback)"]);
    // The emulator's default reply ("{}") fails the schema: the label says so, not "unavailable".
    expect(report.questions[0]?.evaluation?.fallbackReason).toBe(
      "The AI coach's reply did not pass our checks, so the offline coach assessed this answer.",
    );
    expect(result.stdout).toMatch(/Note: The AI coach's reply did not pass our checks/);
  });

  it("reads a CV, shows what it understood, and gives it to the model as delimited data", async () => {
    const cvPath = join(tmpdir(), `sr-cv-${process.pid}-${Date.now()}.md`);
    await writeFile(
      cvPath,
      "Ada Lovelace\n\nProjects\n- Volunteer rota app for the Leeds food bank\n\nSkills: SQL, Python, Excel\n",
    );
    currentEmulator().script(...Array.from({ length: 20 }, () => playModel));
    const reportPath = join(tmpdir(), `sr-ai-cv-${process.pid}-${Date.now()}.json`);
    const result = await runCli([...args(reportPath), "--cv", cvPath], `${script}\n`, {
      OPENAI_BASE_URL: `${currentEmulator().url}/v1`,
      OPENAI_MAX_RETRIES: "0",
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /From your CV I understood:[\s\S]*Volunteer rota app[\s\S]*Skills: SQL; Python; Excel/,
    );
    const plan = currentEmulator().requests.find(
      (request) => (request.body as ChatRequestBody).response_format?.json_schema?.name === "plan_questions",
    );
    const planBody = plan?.body as ChatRequestBody | undefined;
    const user = planBody?.messages?.find((message) => message.role === "user")?.content;
    expect(String(user)).toMatch(
      /<candidate_cv>[\s\S]*Volunteer rota app for the Leeds food bank[\s\S]*<\/candidate_cv>/,
    );
  });

  it("refuses a disguised executable as a CV with a clear message", async () => {
    const cvPath = join(tmpdir(), `sr-cv-${process.pid}-${Date.now()}.pdf`);
    await writeFile(cvPath, Buffer.concat([Buffer.from("MZ"), Buffer.alloc(2000, 0x90)]));
    const result = await runCli([...args(join(tmpdir(), "unused.json")), "--cv", cvPath], "", {});
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(
      /I can't use your CV \(.*\): it is not a PDF, Word \(\.docx\), text or Markdown file/,
    );
  });
});
