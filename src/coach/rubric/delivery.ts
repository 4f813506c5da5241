import type { QuestionKind } from "../../core/model/interview-vocabulary.ts";
import { judgeLength, LENGTH_BANDS, type LengthVerdict } from "../../core/model/length-bands.ts";
import { FILLER_PATTERN, HEDGE_PHRASES } from "./lexicons.ts";
import type { Sentence } from "./sentences.ts";
import { countMatches, phraseRegex } from "./text-match.ts";

/**
 * Delivery: filler words and hedges per 100 words, and length. Spoken, a behavioural answer of
 * 150-350 words takes about 1-2.5 minutes: long enough for a full story, short enough to hold
 * attention. Motivation and practical answers can be shorter.
 */

export { LENGTH_BANDS, type LengthBand } from "../../core/model/length-bands.ts";

/** Filler above this rate (per 100 words) is flagged "heavy-filler". */
export const HEAVY_FILLER_PER_100 = 5;

export interface Delivery {
  readonly fillers: number;
  readonly hedges: number;
  readonly fillerPer100Words: number;
  readonly hedgesPer100Words: number;
  readonly length: LengthVerdict;
  /** The word count the length judgement is based on (quoted in feedback). */
  readonly words: number;
  /** 0-1, used for the delivery/length criterion. */
  readonly lengthScore: number;
}

const HEDGES = phraseRegex(HEDGE_PHRASES, "g");

/** Fillers ("um", "you know", "like,") in lower-cased text; "I'd like to" and "looks like" are not filler. */
export function countFillers(lower: string): number {
  return countMatches(lower, FILLER_PATTERN);
}

/** The fillers in lower-cased text, in order, as said ("um", "you know", "like"). */
export function fillersIn(lower: string): string[] {
  return [...lower.matchAll(FILLER_PATTERN)].map((match) => match[0]);
}

/** Hedges ("I guess", "maybe", "probably") in lower-cased text. */
export function countHedges(lower: string): number {
  return countMatches(lower, HEDGES);
}

function per100(count: number, words: number): number {
  return words === 0 ? 0 : Math.round((count / words) * 1000) / 10;
}

/**
 * `spoken` are the sentences whose filler and hedges count (every sentence the candidate meant
 * as an answer); `words` is the length of the counted content and `totalWords` everything typed.
 * Extra fragments can only add filler, never dilute it, and extra text of any kind can only make
 * an answer too long, never long enough.
 */
export function measureDelivery(
  kind: QuestionKind,
  spoken: readonly Sentence[],
  words: number,
  totalWords: number,
): Delivery {
  let fillers = 0;
  let hedges = 0;
  for (const sentence of spoken) {
    fillers += countFillers(sentence.lower);
    hedges += countHedges(sentence.lower);
  }
  const band = LENGTH_BANDS[kind];
  const length = judgeLength(kind, words, totalWords);
  // Credit grows with substance up to a little past the ideal minimum: a 40-word story cannot hold
  // what a 200-word one does. Running long is charged separately, in proportion (score-answer.ts).
  const lengthScore =
    band.short === 0
      ? length === "too-long"
        ? 0.5
        : 1
      : Math.max(0, Math.min(1, (words - band.short / 2) / (band.idealMin + 50 - band.short / 2)));
  return {
    fillers,
    hedges,
    fillerPer100Words: per100(fillers, words),
    hedgesPer100Words: per100(hedges, words),
    length,
    words: length === "too-long" ? Math.max(words, totalWords) : words,
    lengthScore,
  };
}
