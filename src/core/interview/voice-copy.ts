import { MAX_VOICE_BYTES, MAX_VOICE_SECONDS, type SpokenTiming } from "../model/voice.ts";
import type { TranscriptionProblem } from "../ports/transcriber.ts";
import { wordsPerMinuteOf } from "./delivery-measures.ts";

/** What the candidate is told about voice answers, in one place. */

const MAX_MINUTES = MAX_VOICE_SECONDS / 60;
const MAX_MB = Math.round(MAX_VOICE_BYTES / (1024 * 1024));

/** "1:05" for 65 seconds. */
export function clockTime(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

export const VOICE_NOTICES = {
  noProvider:
    "Voice answers need a transcription service, and none is set up here, so that recording was not used. Please type your answer; saying it out loud first is still great practice.",
  transcribing: (seconds: number | null) =>
    `🎙️ Got your voice message${seconds === null ? "" : ` (${clockTime(seconds)})`}. Transcribing it; the text will appear here for you to check before you submit.`,
  tooLong: (seconds: number) =>
    `That recording is ${clockTime(seconds)} long; voice answers can be up to ${MAX_MINUTES} minutes. Nothing was lost: record a shorter take (a story answer is best at 1-2.5 minutes), or type your answer.`,
  tooLarge: `That recording is over ${MAX_MB} MB, the most a voice answer can be. Nothing was lost: record a shorter take, or type your answer.`,
  tooMany:
    "I'm still transcribing your earlier recordings for this question. Wait for their text to appear, then send more.",
  stillTranscribing:
    "Your voice message is still being transcribed. Its text will appear here in a moment; submit once you've checked it.",
  failed: (problem: TranscriptionProblem | "gone") =>
    `That recording couldn't be used: ${FAILURE_REASONS[problem]} Your answer so far is kept; record it again or type it.`,
  /** Before the transcript, which follows as its own quoted reply. */
  heard: (timing: SpokenTiming) => {
    const seconds = timing.durationMs / 1000;
    const pace =
      timing.speakingMs > 0
        ? `, about ${wordsPerMinuteOf(timing.words, timing.speakingMs)} words a minute`
        : "";
    return `🎙️ Here's what I heard (${clockTime(seconds)}${pace}):`;
  },
  /** After the transcript. */
  checkIt:
    "If something is wrong, type the correction and it is added to your answer. Submit when you're happy with it.",
} as const;

const FAILURE_REASONS: Record<TranscriptionProblem | "gone", string> = {
  "too-long": `it is longer than ${MAX_MINUTES} minutes.`,
  "too-large": `it is over ${MAX_MB} MB.`,
  "not-audio": "it isn't audio I can read (the file may be damaged, or not a recording).",
  silent: "I couldn't hear any speech in it.",
  unavailable: "the transcription service isn't answering right now.",
  gone: "the file is no longer available from the platform.",
};
