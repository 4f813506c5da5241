import type { Evaluation } from "../core/model/evaluation.ts";
import type { AnswerRequest } from "../core/ports/coach-port.ts";
import { withPreparation } from "./with-preparation.ts";
import { withRoundOneConsistency } from "./with-round-one-consistency.ts";
import { withStoryMarks } from "./with-story-marks.ts";

/**
 * An evaluation with everything the rubric code measures for either coach attached: round-1
 * contradictions, the preparation checklist items shown, and the story marks. The offline coach
 * and the AI coach's fallback wrapper both apply it, so reports do not depend on which coach
 * assessed an answer.
 */
export function withRubricFindings(evaluation: Evaluation, request: AnswerRequest): Evaluation {
  return withStoryMarks(withPreparation(withRoundOneConsistency(evaluation, request), request), request);
}
