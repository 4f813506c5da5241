import { COMMON_WORDS } from "./common-words.ts";
import { BUZZWORDS, CONCRETE_NOUNS, DATE_PATTERN, TIME_SPAN_PHRASES, TOOLS } from "./lexicons.ts";
import { numberTokens } from "./quantification.ts";
import type { Sentence } from "./sentences.ts";
import { clamp01, distinctMatches, phraseRegex, round2 } from "./text-match.ts";
import { COMPETENCY_VOCABULARY, WORKPLACE_WORDS } from "./topic-vocabulary.ts";

/**
 * Specificity (0-1): how much concrete detail the answer gives. Interviewers believe stories with
 * numbers, names, dates and real objects; "we improved things for stakeholders" convinces no one.
 * Distinct items are counted (repeating "Excel" ten times is one detail) and each kind is capped,
 * so no single trick maxes it out.
 */

export interface SpecificityDetail {
  readonly numbers: number;
  readonly names: number;
  readonly dates: number;
  readonly concrete: number;
  readonly score: number;
}

const TIME_SPANS = phraseRegex(TIME_SPAN_PHRASES, "g");
// A capitalised word that is not the first word of the sentence, or an acronym: "Priya", "Zendesk", "NHS".
const NAME = /(?<=[\p{L}\p{N},;:'"()]\s+)\p{Lu}[\p{L}\p{N}&'-]*|(?<![\p{L}])\p{Lu}{2,}(?![\p{L}])/gu;
// Ordinary and rubric words typed with a capital ("…our manager Conflict Teamwork") are not names.
const NOT_NAMES = new Set([
  ...["i", "i'm", "i've", "i'd", "i'll", "ok"],
  ...COMMON_WORDS,
  ...BUZZWORDS,
  ...WORKPLACE_WORDS,
  ...Object.values(COMPETENCY_VOCABULARY).flat(),
]);
const FULL_SCORE_POINTS = 8;
// Month and day names are dates, not names; they are counted once, under dates.
const DATE_NAMES =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/u;

export function measureSpecificity(sentences: readonly Sentence[]): SpecificityDetail {
  const numbers = new Set<string>();
  const names = new Set<string>();
  const dates = new Set<string>();
  const concrete = new Set<string>();
  for (const sentence of sentences) {
    for (const token of numberTokens(sentence.lower)) numbers.add(token);
    for (const match of sentence.plain.matchAll(NAME)) {
      if (!NOT_NAMES.has(match[0].toLowerCase()) && !DATE_NAMES.test(match[0]))
        names.add(match[0].toLowerCase());
    }
    for (const match of sentence.plain.matchAll(DATE_PATTERN)) dates.add(match[0].toLowerCase());
    for (const span of distinctMatches(sentence.lower, TIME_SPANS)) dates.add(span);
    for (const word of sentence.words) {
      if (TOOLS.has(word)) names.add(word);
      const singular = word.endsWith("s") ? word.slice(0, -1) : word;
      if (CONCRETE_NOUNS.has(word) || CONCRETE_NOUNS.has(singular)) concrete.add(singular);
    }
  }
  const points =
    1.5 * Math.min(numbers.size, 4) +
    Math.min(names.size, 4) +
    Math.min(dates.size, 3) +
    0.5 * Math.min(concrete.size, 6);
  return {
    numbers: numbers.size,
    names: names.size,
    dates: dates.size,
    concrete: concrete.size,
    score: round2(clamp01(points / FULL_SCORE_POINTS)),
  };
}
