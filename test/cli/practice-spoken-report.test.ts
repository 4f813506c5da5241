import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ReportSchema } from "../../src/core/model/report.ts";
import type { Session } from "../../src/core/model/session.ts";
import { FileSessionStore } from "../../src/store/file-session-store.ts";
import { CLOSING_QUESTIONS, STAR_ANSWER } from "../support/cli-answers.ts";
import { childProcessTestTimeout, newDataDir, runCli } from "../support/cli-process.ts";

const ARGS = ["practice", "--role", "Analyst", "--company", "Acme", "--questions", "1", "--probes", "0"];

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

/**
 * The first answer, as if it had been spoken: 70 words over 30 s of speech (140 a minute), one
 * segment per sentence. Written into the interview file the way the terminal keeps it.
 */
async function speakFirstAnswer(path: string): Promise<void> {
  const store = FileSessionStore.open({ path });
  store.lock();
  try {
    const conversation = "terminal:ada";
    const stored = await store.load(conversation);
    if (!stored) throw new Error("no saved interview");
    const session: Session = stored.session;
    const [answer] = session.answers;
    const [part] = answer?.parts ?? [];
    if (!answer || !part) throw new Error("no first answer");
    const sentences = part.text.split(/(?<=\.) /);
    let at = 0;
    const spans = sentences.map((sentence, index): [number, number, number, number] => {
      const start = part.text.indexOf(sentence);
      const span: [number, number, number, number] = [start, start + sentence.length, at, at + 7_500];
      at += 7_500;
      return index === sentences.length - 1 ? [start, start + sentence.length, span[2], 30_000] : span;
    });
    const spoken = {
      durationMs: 32_000,
      speakingMs: 30_000,
      words: 70,
      fillers: 1,
      topFillers: [["um", 1]] as [string, number][],
      hedges: 0,
      longPauses: [],
      spans,
    };
    const next: Session = {
      ...session,
      version: session.version + 1,
      answers: [{ ...answer, parts: [{ ...part, spoken }] }, ...session.answers.slice(1)],
    };
    const result = await store.commit({ conversation, previous: stored, next });
    expect(result.status).toBe("committed");
  } finally {
    await store.close();
  }
}

describe("practice --report-json with a spoken answer", () => {
  it("writes the answer's delivery and the report's delivery summary, and prints them", {
    timeout: childProcessTestTimeout(2),
  }, async () => {
    const folder = newDataDir();
    folders.push(folder);
    const env = { SECONDROUND_DATA_DIR: folder };
    const first = await runCli([...ARGS, "--name", "Ada"], `${STAR_ANSWER}\n\n`, env);
    expect(first.code).toBe(0);
    await speakFirstAnswer(join(folder, "interviews.json"));

    const reportPath = join(folder, "report.json");
    const second = await runCli(
      [...ARGS, "--name", "Ada", "--report-json", reportPath],
      `${CLOSING_QUESTIONS}\n\n`,
      env,
    );
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Your interview feedback/);
    expect(second.stdout).toMatch(
      / {2}Delivery: 30 s spoken · 140 words a minute · 1\.4 fillers per 100 words/,
    );
    expect(second.stdout).toMatch(/\nDelivery\n {2}You answered 1 question aloud: 30 s of speaking in all\./);

    const report = ReportSchema.parse(JSON.parse(await readFile(reportPath, "utf8")));
    expect(report.questions[0]?.delivery).toMatchObject({
      speakingSeconds: 30,
      words: 70,
      wordsPerMinute: 140,
      pace: "good",
      fillers: 1,
      fillersPer100Words: 1.4,
      topFillers: [["um", 1]],
      longPauses: 0,
      length: "short",
    });
    // The offline coach cited its STAR sentences; each took a known 7.5 s of the 30.
    const share = report.questions[0]?.delivery?.starShare;
    expect(share).not.toBeNull();
    for (const value of Object.values(share ?? {})) expect(value * 4).toBeCloseTo(Math.round(value * 4), 1);
    expect(report.delivery).toMatchObject({ spokenAnswers: 1, speakingSeconds: 30, wordsPerMinute: 140 });
  });
});
