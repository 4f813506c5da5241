import { PassThrough, Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { evaluateCommand } from "../../src/cli/evaluate-command.ts";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import type { AnswerRequest, Coach } from "../../src/core/ports/coach-port.ts";

/** The offline coach's judgement, remembering each request so a test can see how a record was judged. */
export function recordingOfflineCoach(): { coach: Pick<Coach, "evaluateAnswer">; requests: AnswerRequest[] } {
  const offline = createOfflineCoach();
  const requests: AnswerRequest[] = [];
  const coach = {
    evaluateAnswer: (request: AnswerRequest) => {
      requests.push(request);
      return offline.evaluateAnswer(request);
    },
  };
  return { coach, requests };
}

/** Runs the real `evaluate` command function on the given stdin text, with the offline coach. */
export async function runEvaluate(stdin: string) {
  const { coach, requests } = recordingOfflineCoach();
  const output = new PassThrough();
  const errors = new PassThrough();
  const code = await evaluateCommand({ input: Readable.from([stdin]), output, errors }, coach);
  output.end();
  errors.end();
  const stdout = await text(output);
  const records = stdout
    .trim()
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code, records, requests, stderr: await text(errors) };
}

/** JSON Lines for the given records. */
export function jsonLines(...records: readonly object[]): string {
  return records.map((record) => JSON.stringify(record)).join("\n");
}
