import type { Evaluation } from "../../core/model/evaluation.ts";
import type { CandidateQuestionsQuality } from "../../core/ports/coach-port.ts";

/** Words from which an answer the rubric finds scorable is plainly not empty, short or junk. */
export const LONG_ANSWER_WORDS = 40;

const MEASURABLE_JUNK = new Set(["empty", "too-short", "gibberish"]);

/**
 * Where the model's verdict on an answer contradicts what the rubric code measured on the same
 * answer: "not scorable: empty" (or too short, or gibberish) on a long answer the rubric scores.
 * Off-topic stays the model's call: relevance is judgement, not measurement. Null when consistent.
 */
export function evaluationContradiction(
  judged: Pick<Evaluation, "scorable" | "notScorableReason">,
  measured: Pick<Evaluation, "scorable" | "signals">,
): string | null {
  if (judged.scorable || judged.notScorableReason === null) return null;
  if (!MEASURABLE_JUNK.has(judged.notScorableReason)) return null;
  if (!measured.scorable || measured.signals.words < LONG_ANSWER_WORDS) return null;
  return `the model called a ${measured.signals.words}-word answer that the rubric can score "${judged.notScorableReason}"`;
}

/**
 * Where the model's quality for the candidate's questions contradicts the questions the rubric
 * found in the reply: "strategic" or "basic" questions when the reply asks none. Null when consistent.
 */
export function assessmentContradiction(
  quality: CandidateQuestionsQuality,
  questionsFound: readonly string[],
): string | null {
  if ((quality === "strategic" || quality === "basic") && questionsFound.length === 0) {
    return `the model rated the candidate's questions "${quality}" but the reply asks no question`;
  }
  return null;
}
