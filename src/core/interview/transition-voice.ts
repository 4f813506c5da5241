import { MAX_ANSWER_CHARS, sanitizeText } from "../model/sanitize-text.ts";
import type { SessionEvent } from "../model/session-events.ts";
import { MAX_VOICE_BYTES, MAX_VOICE_SECONDS, type VoiceClip } from "../model/voice.ts";
import { enqueueMessage } from "./session-outbox.ts";
import { turnActions, turnIdOf } from "./session-turns.ts";
import { resumeIfPaused } from "./transition-pause.ts";
import { armQuietPeriod, markChanged, notify, requestCoach, type TransitionStep } from "./transition-step.ts";
import { VOICE_NOTICES } from "./voice-copy.ts";

type Input<T extends SessionEvent["type"]> = Extract<SessionEvent, { type: T }>;

/** Clips waiting for their transcript at once, per prompt. */
const MAX_PENDING_CLIPS = 5;

/**
 * A voice clip sent as (part of) an answer: checked against the caps the platform lets us see, then
 * kept as pending work in the session, so a restart transcribes it still. The audio is fetched again
 * when it is transcribed and never stored.
 */
export function onVoiceClip(
  step: TransitionStep,
  messageId: string,
  clip: NonNullable<Input<"message-received">["voiceClip"]>,
): void {
  const turn = step.session.turn;
  if (!turn) return;
  const pending = turn.transcribing ?? [];
  if (pending.some((waiting) => waiting.messageId === messageId)) return;
  if (turn.draft.some((message) => message.id === messageId)) return;
  if (clip.size > MAX_VOICE_BYTES) return notify(step, VOICE_NOTICES.tooLarge);
  if (clip.durationSecs !== null && clip.durationSecs > MAX_VOICE_SECONDS)
    return notify(step, VOICE_NOTICES.tooLong(clip.durationSecs));
  if (pending.length >= MAX_PENDING_CLIPS) return notify(step, VOICE_NOTICES.tooMany);
  resumeIfPaused(step);
  turn.transcribing = [...pending, { ...clip, messageId, at: step.at }];
  markChanged(step);
  enqueueMessage(step.session, step.at, [
    { kind: "text", tone: "notice", text: VOICE_NOTICES.transcribing(clip.durationSecs) },
  ]);
  requestCoach(step, "transcribe-voice", messageId);
}

/** Takes the clip off the pending list; null when it is no longer waiting (moved on, or done before). */
function takePending(step: TransitionStep, messageId: string): VoiceClip | null {
  const turn = step.session.turn;
  const pending = turn?.transcribing ?? [];
  const clip = pending.find((waiting) => waiting.messageId === messageId);
  if (!turn || !clip || step.session.phase !== "interviewing") return null;
  const rest = pending.filter((waiting) => waiting !== clip);
  if (rest.length > 0) turn.transcribing = rest;
  else delete turn.transcribing;
  markChanged(step);
  return clip;
}

/** The transcript joins the draft as the clip's message, and is shown for the candidate to check. */
export function onVoiceTranscribed(step: TransitionStep, event: Input<"voice-transcribed">): void {
  const turn = step.session.turn;
  const clip = takePending(step, event.messageId);
  if (!turn || !clip) return;
  const text = sanitizeText(event.clip.text);
  const draftChars = turn.draft.reduce((sum, message) => sum + message.text.length, 0);
  if (text === "") return failed(step, "silent");
  if (draftChars + text.length > MAX_ANSWER_CHARS) return failed(step, "too-long");
  // A clip keeps its place in the answer by when it was sent, before anything typed after it.
  const at = clip.at;
  const message = { id: event.messageId, text, at, spoken: event.clip.timing };
  const index = turn.draft.findIndex((typed) => typed.at > at);
  if (index === -1) turn.draft.push(message);
  else turn.draft.splice(index, 0, message);
  enqueueMessage(
    step.session,
    step.at,
    [
      { kind: "text", tone: "notice", text: VOICE_NOTICES.heard(event.clip.timing) },
      { kind: "text", tone: "transcript", text },
      { kind: "text", tone: "notice", text: VOICE_NOTICES.checkIt },
    ],
    turnActions(turnIdOf(turn)).filter((action) => action.id === "submit"),
  );
  // With other clips still pending, the last transcript to arrive arms it.
  if ((turn.transcribing?.length ?? 0) === 0) armQuietPeriod(step, turn);
}

/** A clip that could not be used: said in the conversation, and the answer so far is kept. */
export function onVoiceFailed(step: TransitionStep, event: Input<"voice-failed">): void {
  if (!takePending(step, event.messageId)) return;
  failed(step, event.problem);
}

function failed(step: TransitionStep, problem: Input<"voice-failed">["problem"]): void {
  enqueueMessage(step.session, step.at, [
    { kind: "text", tone: "error", text: VOICE_NOTICES.failed(problem) },
  ]);
}

/** True (with a notice) while a clip for this prompt is still being transcribed: submitting would lose it. */
export function waitsForTranscript(step: TransitionStep): boolean {
  if ((step.session.turn?.transcribing?.length ?? 0) === 0) return false;
  notify(step, VOICE_NOTICES.stillTranscribing);
  return true;
}
