import type { NotScorableReason } from "../../core/model/evaluation.ts";
import { COMMON_WORDS, ENGLISH_SUFFIX, KEYBOARD_ROWS } from "./common-words.ts";
import { BUZZWORDS, CONCRETE_NOUNS, NON_ANSWERS, TOOLS } from "./lexicons.ts";
import { hasVerb } from "./manipulation.ts";
import { WORKPLACE_WORDS } from "./topic-vocabulary.ts";

/**
 * Answers that cannot be judged get no score at all (a score is never invented): nothing typed,
 * a shrug ("fine", "idk"), keyboard mashing, or text unrelated to the question.
 */

export interface JunkInput {
  /** Lower-case analysis form of the whole answer. */
  readonly lower: string;
  /** Words of every sentence except instructions to the assessor. */
  readonly words: readonly string[];
  /** Words of the counted sentences (real, not stuffed, not instructions). */
  readonly countedWords: number;
  readonly minWords: number;
  /** Any overlap with the question, its competency or working life at all. */
  readonly anyOverlap: boolean;
  readonly checkTopic: boolean;
}

const PLACEHOLDER = /\blorem ipsum\b|\bdolor sit amet\b/u;

function isKnownWord(word: string): boolean {
  const singular = word.endsWith("s") ? word.slice(0, -1) : word;
  return (
    COMMON_WORDS.has(word) ||
    NON_ANSWERS.has(word) ||
    BUZZWORDS.has(word) ||
    TOOLS.has(word) ||
    CONCRETE_NOUNS.has(singular) ||
    WORKPLACE_WORDS.has(singular) ||
    hasVerb([word]) ||
    (word.length >= 5 && ENGLISH_SUFFIX.test(word) && /[aeiou]/u.test(word))
  );
}

/** Keyboard runs ("asdf", "qwer", "jkl"), one letter repeated ("aaaa"), or no vowels ("sdfg"). */
function isMashed(word: string): boolean {
  if (/(\p{L})\1{3,}/u.test(word)) return true;
  if (word.length >= 4 && !/[aeiouy]/u.test(word)) return true;
  return KEYBOARD_ROWS.some((row) => {
    const reversed = [...row].reverse().join("");
    if (word.length >= 3 && (row.includes(word) || reversed.includes(word))) return true;
    for (let i = 0; i + 4 <= row.length; i += 1) {
      if (word.includes(row.slice(i, i + 4)) || word.includes(reversed.slice(i, i + 4))) return true;
    }
    return false;
  });
}

export function isGibberish(words: readonly string[]): boolean {
  const lettered = words.filter((word) => /\p{L}/u.test(word));
  if (lettered.length === 0) return words.length > 0;
  const known = lettered.filter(isKnownWord).length;
  if (lettered.length <= 3) return known === 0 && lettered.every(isMashed);
  const letters = new Set(lettered.join("").replace(/[^\p{L}]/gu, ""));
  if (letters.size <= 3) return true;
  const mashed = lettered.filter((word) => !isKnownWord(word) && isMashed(word)).length;
  return known / lettered.length < 0.2 || mashed / lettered.length > 0.4;
}

export function isNonAnswer(words: readonly string[]): boolean {
  return words.length <= 4 && NON_ANSWERS.has(words.join(" "));
}

/**
 * Pasted machine text (a stack trace, code, a log): prose has few of these symbols, code and logs
 * are full of them. Measured on the text, not by listing error messages.
 */
export function isMachineText(lower: string): boolean {
  const visible = lower.replace(/\s+/g, "");
  if (visible.length < 40) return false;
  const symbols = visible.match(/[/\\_=(){}[\]<>;"|#$]/g)?.length ?? 0;
  return symbols / visible.length > 0.08;
}

export function detectJunk(input: JunkInput): NotScorableReason | null {
  if (!/[\p{L}\p{N}]/u.test(input.lower)) return "empty";
  if (PLACEHOLDER.test(input.lower) || isMachineText(input.lower)) return "off-topic";
  if (isGibberish(input.words)) return "gibberish";
  if (isNonAnswer(input.words) || input.countedWords < input.minWords) return "too-short";
  if (input.checkTopic && !input.anyOverlap) return "off-topic";
  return null;
}
