import { decideFollowUp, evaluateAnswer } from "../src/coach/rubric/index.ts";
import type { AnswerRequest } from "../src/core/ports/coach-port.ts";
import * as ex from "../test/coach/rubric/example-answers.ts";
import { SAMPLE_ANSWER } from "./bench-interview.ts";
import { percentile } from "./redis-metrics.ts";

/**
 * The offline coach's CPU cost per answer: evaluateAnswer plus decideFollowUp, the work it does on
 * every submitted answer, over a varied set (complete and incomplete stories, motivation, culture
 * fit, practical, stuffing, injection, junk, a very long answer). Figures only.
 */
const ANSWERS: readonly [AnswerRequest["question"], string][] = [
  [ex.conflictQuestion, ex.completeStar],
  [ex.leadershipQuestion, ex.starWithoutResult],
  [ex.conflictQuestion, ex.starWithoutNumber],
  [ex.leadershipQuestion, ex.noResultStory],
  [ex.conflictQuestion, ex.mostlyWe],
  [ex.conflictQuestion, ex.keywordStuffing],
  [ex.conflictQuestion, ex.injection],
  [ex.conflictQuestion, ex.loremIpsum],
  [ex.conflictQuestion, ex.recipe],
  [ex.conflictQuestion, ex.veryLong],
  [ex.motivationQuestion, ex.motivationAnswer],
  [ex.motivationQuestion, ex.flatteryAnswer],
  [ex.cultureFitQuestion, ex.cultureFitAnswer],
  [ex.practicalQuestion, ex.practicalAnswer],
  [ex.practicalQuestion, ex.vaguePracticalAnswer],
  [ex.leadershipQuestion, SAMPLE_ANSWER],
  ...ex.mashing.map((text): [AnswerRequest["question"], string] => [ex.conflictQuestion, text]),
];

export function offlineCoachCostPerAnswer(rounds = 60): { p50: number; p99: number; samples: number } {
  const requests = ANSWERS.map(([question, answerText]) => ({ question, answerText, options: ex.options }));
  // Each run is a text the rubric has not seen (trailing spaces, which it ignores, make it new to
  // its memory of recent analyses), as every candidate's answer is; the decision and the
  // evaluation share one analysis, as they do for a submitted answer.
  let runs = 0;
  const run = (request: (typeof requests)[number]) => {
    const round = Math.floor(runs / requests.length);
    runs += 1;
    const fresh = { ...request, answerText: `${request.answerText}${" ".repeat(round + 1)}` };
    decideFollowUp({ ...fresh, probesRemaining: 1 });
    evaluateAnswer(fresh);
  };
  // Warm-up: the NLP model loads and the JIT settles before anything is timed.
  for (let round = 0; round < 5; round += 1) for (const request of requests) run(request);
  const costs: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const request of requests) {
      const started = performance.now();
      run(request);
      costs.push(performance.now() - started);
    }
  }
  return { p50: percentile(costs, 50), p99: percentile(costs, 99), samples: costs.length };
}
