import type { Evaluation } from "../core/model/evaluation.ts";
import type { AnswerRequest } from "../core/ports/coach-port.ts";
import { findRoundOneContradictions } from "./rubric/round-one-consistency.ts";

/**
 * The evaluation of an answer to a round-1 revisit, with any clear contradiction of the round-1
 * notes attached. Measured by the rubric code for either coach, so the AI coach's evaluation carries
 * the same findings as the offline coach's; other answers are returned as they are.
 */
export function withRoundOneConsistency(evaluation: Evaluation, request: AnswerRequest): Evaluation {
  const entry = request.question.revisits;
  if (!entry || evaluation.consistency !== undefined) return evaluation;
  const findings = findRoundOneContradictions(entry, request.answerText);
  return findings.length > 0 ? { ...evaluation, consistency: findings.slice(0, 5) } : evaluation;
}
