import type { Session } from "../model/session.ts";
import type { Effect } from "../model/session-effects.ts";
import type { CoachTaskName } from "../model/session-events.ts";
import { transientMessage } from "./session-outbox.ts";

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
