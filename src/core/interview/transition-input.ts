import { MAX_ANSWER_CHARS, MAX_MESSAGE_CHARS, sanitizeText } from "../model/sanitize-text.ts";
import type { SessionEvent } from "../model/session-events.ts";
import { NOTICES } from "./copy.ts";
import { parseCommand } from "./parse-command.ts";
import { PRACTICE_NOTICES } from "./practice-copy.ts";
import { turnIdOf } from "./session-turns.ts";
import { runCommand } from "./transition-commands.ts";
import { completePrompt } from "./transition-flow.ts";
import { resumeIfPaused } from "./transition-pause.ts";
import { armQuietPeriod, markChanged, notify, type TransitionStep } from "./transition-step.ts";
import { acceptsInput } from "./transition-submit.ts";
import { onVoiceClip, waitsForTranscript } from "./transition-voice.ts";
import { VOICE_NOTICES } from "./voice-copy.ts";

type Input<T extends SessionEvent["type"]> = Extract<SessionEvent, { type: T }>;

/** Cleans the text and checks the size limits; null (with a notice) when it cannot be used. */
function usableText(step: TransitionStep, raw: string): string | null {
  const text = sanitizeText(raw);
  if (text.length > MAX_MESSAGE_CHARS) {
    notify(step, NOTICES.tooLong(raw.length));
    return null;
  }
  return text;
}

function isKnownMessage({ session }: TransitionStep, messageId: string): boolean {
  return (
    session.turn?.draft.some((message) => message.id === messageId) === true ||
    session.answers.some((answer) => answer.parts.some((part) => part.messageIds.includes(messageId)))
  );
}

/** A chat message: a /command, or part of the current answer (appended, never replacing). */
export function onMessage(step: TransitionStep, event: Input<"message-received">): void {
  const parsed = parseCommand(sanitizeText(event.text));
  if (parsed.kind === "command") return runCommand(step, parsed.command, undefined);
  if (parsed.kind === "unknown-command") return notify(step, NOTICES.unknownCommand(parsed.command));
  if (!acceptsInput(step)) return;
  // Practice feedback is showing: the candidate chooses what comes next before typing an answer.
  if (step.session.turn?.review) return notify(step, PRACTICE_NOTICES.chooseFirst);
  if (event.attachments)
    notify(step, event.attachments === "voice" ? VOICE_NOTICES.noProvider : NOTICES.filesNotRead);
  if (event.voiceClip) onVoiceClip(step, event.messageId, event.voiceClip);
  const text = usableText(step, event.text);
  if (text === null) return;
  if (text === "")
    return event.attachments || event.voiceClip ? undefined : notify(step, NOTICES.emptyMessage);
  const turn = step.session.turn;
  if (!turn) return;
  // A platform message older than the store's window of recent event ids, delivered again.
  if (isKnownMessage(step, event.messageId)) return;
  const draftChars = turn.draft.reduce((sum, message) => sum + message.text.length, 0);
  if (draftChars + text.length > MAX_ANSWER_CHARS) return notify(step, NOTICES.answerFull);
  resumeIfPaused(step);
  turn.draft.push({ id: event.messageId, text, at: event.at });
  markChanged(step);
  armQuietPeriod(step, turn);
}

/** A whole answer for a named prompt; a second answer for the same prompt is refused. */
export function onWholeAnswer(step: TransitionStep, event: Input<"answer-received">): void {
  if (!acceptsInput(step)) return;
  const turn = step.session.turn;
  if (!turn || turn.awaitingCoach || turnIdOf(turn) !== event.turnId)
    return notify(step, NOTICES.alreadyAnswered);
  const text = usableText(step, event.text);
  if (text === null) return;
  if (text === "") return notify(step, NOTICES.nothingToSubmit);
  resumeIfPaused(step);
  const message = { id: event.messageId, text, at: event.at };
  turn.draft.push(message);
  // A voice clip for this prompt is still being transcribed: the text waits in the draft with it.
  if (waitsForTranscript(step)) return markChanged(step);
  completePrompt(step, [...turn.draft]);
}

/** The quiet period after the last message ran out: submit, unless the draft changed since. */
export function onQuietPeriod(step: TransitionStep, event: Input<"quiet-period-elapsed">): void {
  const { session } = step;
  const turn = session.turn;
  if (session.phase !== "interviewing" || !turn || session.pausedAt !== null) return;
  if (turnIdOf(turn) !== event.turnId || turn.draft.length !== event.draftSize || turn.awaitingCoach) return;
  // The transcript's arrival arms the timer again.
  if ((turn.transcribing?.length ?? 0) > 0) return;
  completePrompt(step, [...turn.draft]);
}
