import type { Answer, DraftMessage } from "../model/session.ts";
import { currentQuestion, isClosing } from "./session-turns.ts";
import { markChanged, type TransitionStep } from "./transition-step.ts";

/**
 * Practice mode's hold after an answer is recorded: the interview stays on the question until its
 * assessment arrives and the candidate chooses what comes next (see practice-review.ts). Kept apart
 * from the review's commands, which move the interview on, so recording an answer can start the
 * hold without an import cycle.
 */

/** Whether a recorded answer is reviewed before the next question. */
export function reviewsAnswer(step: TransitionStep, answer: Pick<Answer, "status">): boolean {
  const question = currentQuestion(step.session);
  return (
    step.session.options.mode === "practice" &&
    step.session.phase === "interviewing" &&
    answer.status === "answered" &&
    question !== undefined &&
    !isClosing(question)
  );
}

/**
 * Holds the interview on the answered question until its assessment arrives. Messages sent after
 * the submitted ones (`leftover`) wait for the next prompt, as they would in realistic mode.
 */
export function startReview(step: TransitionStep, leftover: readonly DraftMessage[]): void {
  const turn = step.session.turn;
  if (!turn) return;
  step.session.turn = {
    ...turn,
    draft: [...leftover],
    prompt: "question",
    probeText: null,
    mainPart: null,
    awaitingCoach: false,
    review: "evaluating",
  };
  markChanged(step);
}

/** A retry of a question: the same question asked again; the answer keeps every attempt. */
export function isRetry(step: TransitionStep, questionId: string): boolean {
  return step.session.answers.some((answer) => answer.questionId === questionId);
}
