import type { Evaluation } from "../core/model/evaluation.ts";
import { isStoryKind } from "../core/model/interview-vocabulary.ts";
import type { AnswerRequest } from "../core/ports/coach-port.ts";
import { storyMarks } from "./rubric/story-marks.ts";

/**
 * The evaluation of a story answer with its story marks attached, measured by the rubric code for
 * either coach (as round-1 consistency is), so the AI coach's answers join the story bank and the
 * reuse check on the same terms. Unscorable answers tell no story worth keeping.
 */
export function withStoryMarks(evaluation: Evaluation, request: AnswerRequest): Evaluation {
  if (!evaluation.scorable || evaluation.storyMarks !== undefined || !isStoryKind(request.question.kind))
    return evaluation;
  return { ...evaluation, storyMarks: storyMarks(request) };
}
