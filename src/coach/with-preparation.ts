import type { Evaluation } from "../core/model/evaluation.ts";
import type { AnswerRequest } from "../core/ports/coach-port.ts";
import { findPreparationEvidence } from "./rubric/preparation-cues.ts";

/**
 * The evaluation of an answer in a second or final round, with the preparation checklist items it
 * showed (salary range, notice period, research…) and their quotes attached. Measured by the rubric
 * code for either coach, replacing anything a model may have put there, so the report's checklist is
 * the same whichever coach assessed the answers; first-round answers are returned as they are.
 */
export function withPreparation(evaluation: Evaluation, request: AnswerRequest): Evaluation {
  const { preparation: _ignored, ...rest } = evaluation;
  if (request.options.stage === "first") return rest;
  const found = findPreparationEvidence(request);
  return found.length > 0 ? { ...rest, preparation: found } : rest;
}
