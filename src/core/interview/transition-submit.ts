import { NOTICES } from "./copy.ts";
import { turnIdOf } from "./session-turns.ts";
import { completePrompt } from "./transition-flow.ts";
import { resumeIfPaused } from "./transition-pause.ts";
import { notify, type TransitionStep } from "./transition-step.ts";
import { waitsForTranscript } from "./transition-voice.ts";

/** Submitting the current answer: by a chat message, a command or a button alike. */

/** Rejects input outside the interviewing phase with a notice saying why. */
export function acceptsInput(step: TransitionStep): boolean {
  const { phase } = step.session;
  if (phase === "interviewing" && step.session.turn) return true;
  if (phase === "planning") notify(step, NOTICES.preparing);
  else if (phase === "reporting") notify(step, NOTICES.finishedThanks);
  else notify(step, NOTICES.interviewOver);
  return false;
}

/** Submits the draft of the current prompt, if the press is for the current prompt. */
export function submitDraft(step: TransitionStep, turnId: string | undefined): void {
  if (!acceptsInput(step)) return;
  const turn = step.session.turn;
  if (!turn) return;
  if (turnId !== undefined && turnId !== turnIdOf(turn)) return notify(step, NOTICES.alreadyAnswered);
  if (turn.awaitingCoach) return notify(step, NOTICES.waitForCoach);
  if (waitsForTranscript(step)) return;
  if (turn.draft.length === 0) return notify(step, NOTICES.nothingToSubmit);
  resumeIfPaused(step);
  completePrompt(step, [...turn.draft]);
}
