import { produce } from "immer";
import type { Session } from "../model/session.ts";
import type { Effect } from "../model/session-effects.ts";
import type { SessionEvent } from "../model/session-events.ts";
import { addUsage } from "../model/token-usage.ts";
import { NOTICES } from "./copy.ts";
import { onStoryRewritten } from "./practice-review.ts";
import { runCommand } from "./transition-commands.ts";
import { onMessage, onQuietPeriod, onWholeAnswer } from "./transition-input.ts";
import {
  onAnswerEvaluated,
  onCandidateQuestionsAssessed,
  onCoachFailed,
  onFollowUpDecided,
  onReportSummarised,
} from "./transition-results.ts";
import { createSession, greet, onQuestionsPlanned, onResumed } from "./transition-start.ts";
import { notify, type TransitionStep } from "./transition-step.ts";
import { onVoiceFailed, onVoiceTranscribed } from "./transition-voice.ts";

export interface TransitionResult {
  /** The next state (the same object as the input when nothing changed; null when there is no interview). */
  readonly session: Session | null;
  readonly effects: readonly Effect[];
  /** False when the event changed nothing worth saving (a notice, a duplicate result). */
  readonly changed: boolean;
}

/**
 * The interview state machine: pure, synchronous, no I/O. The caller persists the returned
 * session (compare-and-set on `version`) and then carries out the effects and the new outbox
 * entries. `eventKey` makes transient notices of different events distinguishable.
 */
export function transition(
  session: Session | null,
  event: SessionEvent,
  eventKey = String(event.at),
): TransitionResult {
  if (event.type === "interview-requested") {
    if (session !== null) {
      const step = newStep(session, event.at, eventKey);
      notify(step, NOTICES.alreadyRunning);
      return { session, effects: step.effects, changed: false };
    }
    const step = newStep(createSession(event), event.at, eventKey);
    greet(step);
    return finish(step);
  }
  if (session === null) return { session: null, effects: [], changed: false };
  // Copy-on-write: parts the handlers do not touch stay the same (frozen) objects, so the store
  // writes only what changed by comparing references, and a turn's cost does not grow with the
  // number of answers already given.
  let effects: Effect[] = [];
  let changed = false;
  const next = produce(session, (draft) => {
    const step = newStep(draft, event.at, eventKey);
    // Spent tokens are recorded even when the result itself turns out to be stale.
    if (event.usage && event.usage.calls > 0) {
      step.session.tokenUsage = addUsage(step.session.tokenUsage, event.usage);
      step.changed = true;
    }
    apply(step, event);
    if (step.changed) step.session.updatedAt = step.at;
    effects = step.effects;
    changed = step.changed;
  });
  return changed ? { session: next, effects, changed } : { session, effects, changed: false };
}

function newStep(session: Session, at: number, eventKey: string): TransitionStep {
  return { session, effects: [], at, eventKey, changed: false };
}

function finish(step: TransitionStep): TransitionResult {
  step.session.updatedAt = step.at;
  return { session: step.session, effects: step.effects, changed: step.changed };
}

function apply(step: TransitionStep, event: SessionEvent): void {
  switch (event.type) {
    case "interview-requested":
      return;
    case "questions-planned":
      return onQuestionsPlanned(step, event);
    case "message-received":
      return onMessage(step, event);
    case "answer-received":
      return onWholeAnswer(step, event);
    case "action-requested":
      if (step.session.phase === "finished") return notify(step, NOTICES.interviewOver);
      return runCommand(step, event.action, event.turnId);
    case "follow-up-decided":
      return onFollowUpDecided(step, event);
    case "answer-evaluated":
      return onAnswerEvaluated(step, event);
    case "candidate-questions-assessed":
      return onCandidateQuestionsAssessed(step, event);
    case "report-summarised":
      return onReportSummarised(step, event);
    case "story-rewritten":
      return onStoryRewritten(step, event);
    case "voice-transcribed":
      return onVoiceTranscribed(step, event);
    case "voice-failed":
      return onVoiceFailed(step, event);
    case "quiet-period-elapsed":
      return onQuietPeriod(step, event);
    case "coach-failed":
      return onCoachFailed(step, event);
    case "conversation-resumed":
      return onResumed(step, event.announce, event.progressLost ?? false);
  }
}
