import type { Evaluation } from "../model/evaluation.ts";
import { BAND_LABELS } from "../model/report.ts";
import { attemptChangeLines } from "./attempt-changes.ts";
import { bandFor } from "./build-report.ts";

/** Practice mode's wording: the short feedback after each answer and what the candidate can do next. */

const PRACTICE_CHOICES =
  "/retry to answer this question again, /stronger to see your answer as a stronger STAR story (story questions), /next (or Submit) for the next question.";

export const PRACTICE_NOTICES = {
  chooseFirst: `Your answer to this question is recorded. ${PRACTICE_CHOICES}`,
  retrying: (label: string) =>
    `Trying ${label} again. Your new answer is assessed on its own; the report shows both attempts.`,
  noMoreRetries: (attempts: number) =>
    `You have answered this question ${attempts} times, the most one practice interview keeps. Send /next to move on.`,
  strongerOnlyForStories:
    "A stronger version is built for story questions (STAR); for this one, the feedback above says what to add.",
  strongerWriting: "One moment while the AI coach rewrites your answer as a STAR story, from your own facts.",
  strongerStillWriting: "Your stronger version is still being written; it will appear here in a moment.",
  strongerFailed:
    "The AI coach could not write a stronger version this time, so here is the offline coach's STAR scaffold of your own sentences instead.",
  strongerUnavailable:
    "There is no assessed answer to build a stronger version from (it could not be scored). Try the question again with /retry.",
} as const;

/**
 * Short feedback on one answer: the score band, the strongest point and the one thing to fix, each
 * quoting the answer where the coach did, and after a retry what changed since the last attempt.
 */
export function practiceFeedbackText(
  evaluation: Evaluation,
  previous: Evaluation | null | undefined,
  story: boolean,
): string {
  const lines: string[] = [];
  if (evaluation.scorable && evaluation.score !== null) {
    lines.push(`Practice feedback: ${evaluation.score}/100, ${BAND_LABELS[bandFor(evaluation.score)]}.`);
  } else {
    lines.push("Practice feedback: this answer could not be scored.");
  }
  const strongest = evaluation.strengths[0];
  const fix = evaluation.improvements[0];
  if (strongest) lines.push(`Strongest point: ${strongest}`);
  if (fix) lines.push(`One thing to fix: ${fix}`);
  const quoted = [strongest, fix].some((line) => line?.includes('"'));
  const evidence = evaluation.evidence[0]?.quote;
  if (!quoted && evidence) lines.push(`You said: "${evidence}"`);
  if (previous !== undefined) {
    lines.push(`Since your last attempt: ${attemptChangeLines(previous, evaluation, story).join("; ")}.`);
  }
  return lines.join("\n");
}
