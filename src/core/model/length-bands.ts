import { isStoryKind, type QuestionKind } from "./interview-vocabulary.ts";

/**
 * How long an answer to each kind of question should be, in words. Spoken, a story of 150-350
 * words takes about 1-2.5 minutes: long enough for a full STAR answer, short enough to hold
 * attention. Motivation answers can be shorter; a practical answer or the candidate's questions can
 * be a sentence or two. The acknowledgement after each answer, the report and `evaluate` all judge
 * length by these bands, so they never disagree.
 */

export interface LengthBand {
  /** Below this many words the answer is too short. */
  readonly short: number;
  readonly idealMin: number;
  readonly idealMax: number;
  /** Above this many words the answer is too long. */
  readonly long: number;
}

export const LENGTH_BANDS: Record<QuestionKind, LengthBand> = {
  behavioural: { short: 60, idealMin: 150, idealMax: 350, long: 450 },
  revisit: { short: 60, idealMin: 150, idealMax: 350, long: 450 },
  motivation: { short: 40, idealMin: 80, idealMax: 250, long: 400 },
  "culture-fit": { short: 40, idealMin: 80, idealMax: 250, long: 400 },
  practical: { short: 0, idealMin: 12, idealMax: 150, long: 250 },
  closing: { short: 0, idealMin: 8, idealMax: 150, long: 300 },
};

/** "aim for 150-350 words (about 1-2.5 minutes spoken)": the advice every length note gives. */
export function lengthAim(kind: QuestionKind): string {
  const band = LENGTH_BANDS[kind];
  const spoken = isStoryKind(kind) ? " (about 1-2.5 minutes spoken)" : "";
  return `aim for ${band.idealMin}-${band.idealMax} words${spoken}`;
}

export type LengthVerdict = "too-short" | "short" | "ideal" | "long" | "too-long";

export function judgeLength(kind: QuestionKind, words: number, totalWords = words): LengthVerdict {
  const band = LENGTH_BANDS[kind];
  if (words < band.short) return "too-short";
  if (words < band.idealMin) return "short";
  if (words > band.long || totalWords > band.long) return "too-long";
  if (words > band.idealMax) return "long";
  return "ideal";
}
