import type { Evaluation } from "../model/evaluation.ts";

/**
 * What changed between two attempts at one question, in words: the score and each STAR part that
 * went from missing to present or back ("Result: missing → present"). Used by the practice
 * feedback after a retry and by every platform's report, so they say the same thing.
 */

const STAR_PARTS = ["situation", "task", "action", "result"] as const;
const STAR_LABELS = { situation: "Situation", task: "Task", action: "Action", result: "Result" } as const;

export function scoreText(evaluation: Evaluation | null): string {
  if (!evaluation) return "not assessed";
  return evaluation.scorable && evaluation.score !== null ? String(evaluation.score) : "not scorable";
}

/**
 * "overall 48 → 72", then, for a story question (judged on STAR), one line per STAR part or
 * quantified result that changed.
 */
export function attemptChangeLines(
  before: Evaluation | null,
  after: Evaluation | null,
  story: boolean,
): string[] {
  const lines = [`overall ${scoreText(before)} → ${scoreText(after)}`];
  if (!story || !before?.scorable || !after?.scorable) return lines;
  for (const part of STAR_PARTS) {
    const was = before.star[part].present;
    const now = after.star[part].present;
    if (was !== now) lines.push(`${STAR_LABELS[part]}: ${presence(was)} → ${presence(now)}`);
  }
  if (before.quantified !== after.quantified) {
    lines.push(`Quantified result: ${before.quantified ? "yes" : "no"} → ${after.quantified ? "yes" : "no"}`);
  }
  return lines;
}

function presence(present: boolean): string {
  return present ? "present" : "missing";
}
