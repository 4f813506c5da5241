import { z } from "zod";
import { MAX_VOICE_SECONDS, type TimedText, type Transcript } from "../../core/model/voice.ts";
import type { TranscriptionProblem } from "../../core/ports/transcriber.ts";
import { languageCode } from "./language-codes.ts";

/**
 * Nobody says more than this many characters a second (fast speech is about 20); a longer text is
 * a model looping on its own output, not a transcript.
 */
export const MAX_CHARS_PER_SECOND = 40;
/** The longest text any clip can have: MAX_VOICE_SECONDS of the fastest speech. */
export const MAX_TRANSCRIPT_CHARS = MAX_VOICE_SECONDS * MAX_CHARS_PER_SECOND;
/** A short clip still gets room for a sentence or two. */
const MIN_CHARS_CAP = 400;
const MAX_WORDS = MAX_VOICE_SECONDS * 8;
/** As many as a clip's timing keeps spans for. */
const MAX_SEGMENTS = 500;
/** Providers round: a last word may end a little after the clip's reported duration. */
const END_TOLERANCE_SECS = 1;
/** Word start times may step back this little (rounding) without being out of order. */
const ORDER_TOLERANCE_SECS = 0.02;

/** Whisper's own rule for a segment without speech (its `no_speech_threshold` and `logprob_threshold`). */
const NO_SPEECH_PROB = 0.6;
const NO_SPEECH_LOGPROB = -1;

const Seconds = z.number().finite();
const WordSchema = z.object({ word: z.string().max(100), start: Seconds, end: Seconds });
const SegmentSchema = z.object({
  text: z.string().max(MAX_TRANSCRIPT_CHARS),
  start: Seconds,
  end: Seconds,
  avg_logprob: z.number().finite().optional(),
  no_speech_prob: z.number().finite().optional(),
});
/** The `verbose_json` fields read; words and segments are checked one list at a time below. */
const VerboseSchema = z.object({
  text: z.string().max(MAX_TRANSCRIPT_CHARS),
  duration: z.number().finite().nonnegative().optional(),
  language: z.string().max(40).nullish(),
  words: z.array(z.unknown()).max(MAX_WORDS).optional(),
  segments: z.array(z.unknown()).max(MAX_SEGMENTS).optional(),
});

export type TranscriptReading =
  | {
      readonly ok: true;
      readonly transcript: Transcript;
      /** Timing lists that were present but could not be trusted, left out of the transcript. */
      readonly dropped: readonly ("words" | "segments")[];
    }
  | {
      readonly ok: false;
      readonly problem: Extract<TranscriptionProblem, "too-long" | "silent" | "unavailable">;
      /** Why, for the log: a fixed label, never the provider's text. */
      readonly reason: string;
    };

/**
 * Checks a transcription reply before anything in it is used. A reply that is not the expected
 * shape, or whose text is longer than anyone could say in the clip, is the provider failing
 * ("unavailable"). Word or segment timings that go backwards, start before zero or run past the
 * clip are dropped as a list (the text stands; delivery measures then lack that timing) rather
 * than repaired into something the provider never said.
 */
export function readVerboseTranscript(
  reply: unknown,
  options: { readonly probedDurationSecs: number | null; readonly prompt: string },
): TranscriptReading {
  const parsed = VerboseSchema.safeParse(reply);
  if (!parsed.success)
    return { ok: false, problem: "unavailable", reason: typeof reply === "object" ? "shape" : "not-json" };
  const body = parsed.data;
  const words = timedList(body.words, WordSchema, (word) => word.word);
  const segments = timedList(body.segments, SegmentSchema, (segment) => segment.text);
  const lastEnd = Math.max(0, ...[...(words.items ?? []), ...(segments.items ?? [])].map((item) => item.end));
  // The provider's duration, else the clip's headers', else where its last timed word ends.
  const knownSecs = body.duration ?? options.probedDurationSecs ?? (lastEnd > 0 ? lastEnd : null);
  const durationSecs = knownSecs ?? 0;
  if (durationSecs > MAX_VOICE_SECONDS) return { ok: false, problem: "too-long", reason: "duration" };
  const text = body.text.trim();
  const maxChars =
    knownSecs === null
      ? MAX_TRANSCRIPT_CHARS
      : Math.max(MIN_CHARS_CAP, Math.ceil(knownSecs * MAX_CHARS_PER_SECOND));
  if (text.length > maxChars) return { ok: false, problem: "unavailable", reason: "text-too-long" };
  if (!/[\p{L}\p{N}]/u.test(text) || echoesPrompt(text, options.prompt))
    return { ok: false, problem: "silent", reason: "no-words" };
  if (segments.items && segments.items.length > 0 && segments.items.every(isNoSpeech))
    return { ok: false, problem: "silent", reason: "no-speech" };

  const dropped: ("words" | "segments")[] = [];
  const keep = (name: "words" | "segments", list: TimedList): TimedText[] => {
    const timed = list.items && inOrderWithin(list.items, durationSecs) ? list.items : null;
    if (list.present && timed === null) dropped.push(name);
    return (timed ?? []).map((item) => toMs(item, durationSecs));
  };
  return {
    ok: true,
    transcript: {
      text,
      durationMs: Math.round(durationSecs * 1000),
      language: languageCode(body.language),
      words: keep("words", words),
      segments: keep("segments", segments),
    },
    dropped,
  };
}

type Timed = { text: string; start: number; end: number; avg_logprob?: number; no_speech_prob?: number };
type TimedList = { present: boolean; items: Timed[] | null };

/** A list whose every item has the item schema, or null (present but unusable). */
function timedList<T extends z.ZodType<{ start: number; end: number }>>(
  list: readonly unknown[] | undefined,
  schema: T,
  textOf: (item: z.infer<T>) => string,
): TimedList {
  if (list === undefined) return { present: false, items: [] };
  const items: Timed[] = [];
  for (const raw of list) {
    const item = schema.safeParse(raw);
    if (!item.success) return { present: true, items: null };
    items.push({ ...(item.data as object), text: textOf(item.data).trim() } as Timed);
  }
  return { present: true, items };
}

/** Starts never go back, nothing starts before zero, ends after starts and within the clip. */
function inOrderWithin(items: readonly Timed[], durationSecs: number): boolean {
  let previousStart = 0;
  for (const item of items) {
    if (item.start < 0 || item.end < item.start) return false;
    if (item.end > durationSecs + END_TOLERANCE_SECS) return false;
    if (item.start < previousStart - ORDER_TOLERANCE_SECS) return false;
    previousStart = item.start;
  }
  return true;
}

function toMs(item: Timed, durationSecs: number): TimedText {
  const endMs = Math.round(Math.min(item.end, durationSecs) * 1000);
  return { text: item.text, startMs: Math.min(Math.round(item.start * 1000), endMs), endMs };
}

function isNoSpeech(segment: Timed): boolean {
  return (segment.no_speech_prob ?? 0) > NO_SPEECH_PROB && (segment.avg_logprob ?? 0) < NO_SPEECH_LOGPROB;
}

/**
 * Over silence Whisper may answer with its prompt: a text of three words or more that is all part
 * of the prompt is that, not the candidate.
 */
function echoesPrompt(text: string, prompt: string): boolean {
  const folded = fold(text);
  return folded.split(" ").length >= 3 && fold(prompt).includes(folded);
}

function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
