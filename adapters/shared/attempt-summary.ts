import { attemptChangeLines, scoreText } from "../../src/core/interview/attempt-changes.ts";
import type { Evaluation } from "../../src/core/model/evaluation.ts";
import type { ReportQuestion } from "../../src/core/model/report.ts";

/**
 * For a question answered more than once (practice mode's "Try again"): each attempt's score, then
 * what changed from the first attempt to the last ("Result: missing → present; overall 48 → 72").
 * The rest of the question's report is the last attempt's, and every platform says so in these words.
 */
export function attemptSummaryLines(
  earlier: NonNullable<ReportQuestion["earlierAttempts"]>,
  latest: Evaluation | null,
  story: boolean,
): string[] {
  const all = [...earlier.map((attempt) => attempt.evaluation), latest];
  const scores = all.map((evaluation, index) => `attempt ${index + 1}: ${scoreText(evaluation)}`);
  const [overall, ...parts] = attemptChangeLines(all[0] ?? null, latest, story);
  return [
    `Answered ${all.length} times (${scores.join(", ")}); the feedback below is on the last attempt.`,
    `Change: ${[...parts, overall].join("; ")}.`,
  ];
}
