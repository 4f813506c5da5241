import { z } from "zod";

/**
 * Voice answers. A clip is described by the platform and fetched again when it is transcribed;
 * the audio itself is never stored. What is kept is the transcript (as the answer's text) and its
 * timing, under the same retention and deletion rules as typed answers.
 */

/** At most this long, spoken (a story answer should take 1-2.5 minutes). */
export const MAX_VOICE_SECONDS = 5 * 60;
/** At most this many bytes, the transcription API's own limit. */
export const MAX_VOICE_BYTES = 25 * 1024 * 1024;
/** A silence between words longer than this is a long pause. */
export const LONG_PAUSE_MS = 2_000;
/** Caps on a timing's lists, so a long answer of many clips stays small in the store. */
export const MAX_TOP_FILLERS = 5;
export const MAX_LONG_PAUSES = 100;
export const MAX_SPANS = 500;

/** A voice clip waiting to be transcribed: where the adapter can fetch it again, and what it said about it. */
export const VoiceClipSchema = z.object({
  /** The platform message that carried it: its transcript joins the draft under this id. */
  messageId: z.string().max(200),
  /** A platform file URL, or a local path for the terminal. */
  source: z.string().max(2_000),
  name: z.string().max(200),
  contentType: z.string().max(100).nullable(),
  /** Bytes, as the platform reported them (0 when it did not). */
  size: z.number().int().nonnegative(),
  /** Seconds, when the platform says (Discord voice messages do); else null until transcribed. */
  durationSecs: z.number().nonnegative().nullable(),
  at: z.number().int(),
});
export type VoiceClip = z.infer<typeof VoiceClipSchema>;

/** A word or segment as the provider timed it, in ms from the clip's start. */
export interface TimedText {
  readonly text: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** What a transcription provider returns for one clip (`verbose_json` with word and segment timestamps). */
export interface Transcript {
  readonly text: string;
  readonly durationMs: number;
  /** ISO 639-1 where the provider says, else null. */
  readonly language: string | null;
  readonly words: readonly TimedText[];
  readonly segments: readonly TimedText[];
}

/**
 * One clip's timing and delivery counts, kept with the answer instead of the audio. `spans` map
 * the clip's text to time: each is [first character, end character, start ms, end ms] of one
 * segment of `text`, so the share of time each STAR part took can be found from the sentences the
 * coach cited. In an AnswerPart the characters are offsets in the part's text and the times run on
 * from one clip to the next (the second clip's spans start at the first clip's duration).
 */
export const SpokenTimingSchema = z.object({
  durationMs: z.number().int().nonnegative(),
  /** Time with words being said: the clip minus silences longer than a long pause. */
  speakingMs: z.number().int().nonnegative(),
  words: z.number().int().nonnegative(),
  fillers: z.number().int().nonnegative(),
  /** The fillers heard most, most frequent first, e.g. [["um", 4], ["like", 2]]. */
  topFillers: z.array(z.tuple([z.string().max(20), z.number().int().positive()])).max(MAX_TOP_FILLERS),
  hedges: z.number().int().nonnegative(),
  /** Each silence longer than LONG_PAUSE_MS, in ms, in order. */
  longPauses: z.array(z.number().int().nonnegative()).max(MAX_LONG_PAUSES),
  spans: z
    .array(
      z.tuple([
        z.number().int().nonnegative(),
        z.number().int().nonnegative(),
        z.number().int().nonnegative(),
        z.number().int().nonnegative(),
      ]),
    )
    .max(MAX_SPANS),
});
export type SpokenTiming = z.infer<typeof SpokenTimingSchema>;

/** A transcribed clip: the text that joins the answer, and its timing. */
export interface SpokenClip {
  readonly text: string;
  readonly timing: SpokenTiming;
}

/** Words per minute bands for interview answers: slower sounds hesitant, faster is hard to follow. */
export const PACE_BANDS = { slowBelow: 110, fastAbove: 170 } as const;
export type Pace = "too-slow" | "good" | "too-fast";

/** Delivery of one spoken answer, as the report shows it. */
export const DeliveryMeasuresSchema = z.object({
  speakingSeconds: z.number().nonnegative(),
  /** Words spoken (typed messages of the same answer are not counted), so rates can be pooled. */
  words: z.number().int().nonnegative(),
  wordsPerMinute: z.number().int().nonnegative(),
  pace: z.enum(["too-slow", "good", "too-fast"]),
  fillers: z.number().int().nonnegative(),
  fillersPer100Words: z.number().nonnegative(),
  topFillers: z.array(z.tuple([z.string().max(20), z.number().int().positive()])).max(MAX_TOP_FILLERS),
  longPauses: z.number().int().nonnegative(),
  longestPauseSeconds: z.number().nonnegative(),
  hedges: z.number().int().nonnegative(),
  /** Share of speaking time (0-1) on each STAR part, from the cited sentences; null when not a story or not found. */
  starShare: z
    .object({
      situation: z.number().min(0).max(1),
      task: z.number().min(0).max(1),
      action: z.number().min(0).max(1),
      result: z.number().min(0).max(1),
    })
    .nullable(),
  length: z.enum(["too-short", "short", "ideal", "long", "too-long"]),
  /** One concrete thing to change next time. */
  tip: z.string().max(400),
});
export type DeliveryMeasures = z.infer<typeof DeliveryMeasuresSchema>;

/** The report's delivery summary over every spoken answer. */
export const DeliverySummarySchema = z.object({
  spokenAnswers: z.number().int().positive(),
  speakingSeconds: z.number().nonnegative(),
  wordsPerMinute: z.number().int().nonnegative(),
  pace: z.enum(["too-slow", "good", "too-fast"]),
  fillersPer100Words: z.number().nonnegative(),
  longPauses: z.number().int().nonnegative(),
  tip: z.string().max(400),
});
export type DeliverySummary = z.infer<typeof DeliverySummarySchema>;
