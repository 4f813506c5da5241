import type { Session, Turn } from "../model/session.ts";
import type { Effect } from "../model/session-effects.ts";
import type { CoachTaskName } from "../model/session-events.ts";
import { transientMessage } from "./session-outbox.ts";
import { turnIdOf } from "./session-turns.ts";

/**
 * The working state of one transition: a private copy of the session that handlers change,
 * the effects they ask for, and whether anything worth saving changed.
 */
export interface TransitionStep {
  readonly session: Session;
  readonly effects: Effect[];
  readonly at: number;
  /** Distinguishes transient notices of one event from another's. */
  readonly eventKey: string;
  changed: boolean;
}

export function markChanged(step: TransitionStep): void {
  step.changed = true;
}

/** A best-effort notice that changes no state (so it costs no version bump). */
export function notify(step: TransitionStep, text: string): void {
  const key = `${step.session.id}:notice:${step.eventKey}:${step.effects.length}`;
  step.effects.push({ type: "notify", message: transientMessage(step.session.conversation, key, text) });
}

export function requestCoach(step: TransitionStep, task: CoachTaskName, questionId?: string): void {
  step.effects.push(
    questionId === undefined
      ? { type: "run-coach-task", task }
      : { type: "run-coach-task", task, questionId },
  );
}

/**
 * Arms the quiet-period timer for the draft as it now stands (when the interview has one), unless
 * the coach is deciding on a probe: a change to the draft before it fires cancels the submit.
 */
export function armQuietPeriod(step: TransitionStep, turn: Turn): void {
  const quietPeriodMs = step.session.options.quietPeriodMs;
  if (quietPeriodMs === null || turn.awaitingCoach) return;
  step.effects.push({
    type: "schedule-quiet-period",
    turnId: turnIdOf(turn),
    draftSize: turn.draft.length,
    delayMs: quietPeriodMs,
  });
}
