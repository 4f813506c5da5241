import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ReportSchema } from "../../src/core/model/report.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { CHILD_PROCESS_MS, CliProcess, childProcessTestTimeout } from "../support/cli-process.ts";
import { redisUrl, testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const client = testRedisClient();
const keyPrefix = uniquePrefix("crash");
const store = new RedisSessionStore({ client, keyPrefix });
const env = { REDIS_URL: redisUrl(), SECONDROUND_KEY_PREFIX: keyPrefix };

async function waitForDraft(conversation: `terminal:${string}`, messages: number): Promise<void> {
  const deadline = Date.now() + CHILD_PROCESS_MS;
  while ((await store.load(conversation))?.session.turn?.draft.length !== messages) {
    if (Date.now() > deadline) throw new Error(`draft never reached ${messages} messages`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("crash recovery", () => {
  it("continues an interview with nothing lost after the process is killed with SIGKILL mid-answer", {
    timeout: childProcessTestTimeout(2),
  }, async () => {
    const session = `crash-${Date.now()}`;
    const conversation = `terminal:${session}` as const;
    const reportPath = join(tmpdir(), `sr-crash-${process.pid}-${Date.now()}.json`);
    const args = [
      "practice",
      "--session",
      session,
      "--name",
      "Ada",
      "--role",
      "Analyst",
      "--company",
      "Acme",
      "--questions",
      "2",
      "--probes",
      "0",
      "--report-json",
      reportPath,
    ];

    const first = new CliProcess(args, env);
    await first.waitFor(/Question 1 of 2/);
    first.write("I rebuilt the rota for 12 volunteers and cut no-shows by 30%.", "");
    await first.waitFor(/Question 2 of 2/);
    first.write("First half of answer two: our release was late by a week.");
    await waitForDraft(conversation, 1);
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();

    const second = new CliProcess(args, env);
    await second.waitFor(/Resuming your interview/);
    await second.waitFor(/Your answer so far \(\d+ words\) is saved/);
    second.write("Second half: I re-planned the tests and we shipped 3 days later.", "");
    await second.waitFor(/any questions for us/);
    second.write("How will you measure success in this role in the first six months?", "");
    expect(await second.exited).toBe(0);

    const report = ReportSchema.parse(JSON.parse(await readFile(reportPath, "utf8")));
    expect(report.questions.map((question) => question.status)).toEqual(["answered", "answered"]);
    const stored = (await store.load(conversation))?.session;
    expect(stored?.answers.map((answer) => answer.parts.map((part) => part.text))).toEqual([
      ["I rebuilt the rota for 12 volunteers and cut no-shows by 30%."],
      [
        "First half of answer two: our release was late by a week.\nSecond half: I re-planned the tests and we shipped 3 days later.",
      ],
      ["How will you measure success in this role in the first six months?"],
    ]);
  });
});

afterAll(async () => {
  for await (const keys of client.scanStream({ match: `${keyPrefix}:*` }) as AsyncIterable<string[]>) {
    if (keys.length > 0) await client.unlink(...keys);
  }
});
