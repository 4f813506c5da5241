import { NOTICES } from "./copy.ts";
import { enqueueMessage } from "./session-outbox.ts";
import { markChanged, notify, type TransitionStep } from "./transition-step.ts";

/** Pausing stops the answer clock: on resume, the prompt's start moves forward by the pause. */

export function pause(step: TransitionStep): void {
  const { session, at } = step;
  if (session.phase !== "interviewing") return notify(step, NOTICES.interviewOver);
  if (session.pausedAt !== null) return notify(step, NOTICES.alreadyPaused);
  session.pausedAt = at;
  markChanged(step);
  enqueueMessage(
    session,
    at,
    [{ kind: "text", tone: "notice", text: NOTICES.paused }],
    [{ id: "resume", label: "Resume" }],
  );
}

export function resume(step: TransitionStep): void {
  if (step.session.pausedAt === null) return notify(step, NOTICES.notPaused);
  resumeIfPaused(step);
}

/** Typing while paused resumes the interview rather than dropping what was typed. */
export function resumeIfPaused(step: TransitionStep): void {
  const { session, at } = step;
  if (session.pausedAt === null) return;
  const pausedFor = Math.max(0, at - session.pausedAt);
  if (session.turn) session.turn.askedAt += pausedFor;
  session.pausedAt = null;
  markChanged(step);
  enqueueMessage(session, at, [{ kind: "text", tone: "notice", text: NOTICES.resumed }]);
}
