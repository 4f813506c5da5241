import { analysisForm, type Sentence } from "./sentences.ts";

/**
 * Short verbatim quotes for feedback and probes. Everything here returns a slice of the original
 * text, so a quote can always be found, character for character, in what the candidate wrote.
 */

interface Clause {
  readonly start: number;
  readonly end: number;
  readonly words: number;
  readonly lower: string;
}

const CONJUNCTIONS = new Set(["and", "but", "so", "while", "which", "because", "whereas", "then"]);
const TRAILING_PUNCTUATION = /[.,;:!?…]/u;
const MAX_QUOTE_CHARS = 300;

function trimEnd(text: string, begin: number, end: number): number {
  let e = end;
  while (e > begin + 1 && TRAILING_PUNCTUATION.test(text[e - 1] ?? "")) e -= 1;
  return e;
}

/**
 * At most maxWords whitespace-separated words starting at word number `fromWord`, without
 * trailing punctuation.
 */
export function verbatimFragment(text: string, maxWords: number, fromWord = 0): string {
  let begin = -1;
  let end = -1;
  let seen = 0;
  for (const token of text.matchAll(/\S+/gu)) {
    seen += 1;
    if (seen <= fromWord) continue;
    if (begin < 0) begin = token.index;
    end = token.index + token[0].length;
    if (seen - fromWord >= maxWords) break;
  }
  if (begin < 0) return fromWord > 0 ? verbatimFragment(text, maxWords) : "";
  return text.slice(begin, trimEnd(text, begin, end));
}

/** Clauses as verbatim ranges: split after , ; : and before a conjunction (which is left out). */
function clausesOf(text: string): Clause[] {
  const clauses: Clause[] = [];
  let start = -1;
  let end = -1;
  let words = 0;
  const close = (): void => {
    if (start >= 0) {
      const e = trimEnd(text, start, end);
      clauses.push({ start, end: e, words, lower: analysisForm(text.slice(start, e)).toLowerCase() });
    }
    start = -1;
    words = 0;
  };
  for (const token of text.matchAll(/\S+/gu)) {
    const bare = token[0].toLowerCase().replace(/[^\p{L}]/gu, "");
    if (CONJUNCTIONS.has(bare) && words > 0) {
      close();
      continue;
    }
    if (start < 0) start = token.index;
    end = token.index + token[0].length;
    words += 1;
    if (/[,;:]$/u.test(token[0])) close();
  }
  close();
  return clauses;
}

export interface ClauseChoice {
  readonly maxWords: number;
  /** Only clauses whose lower-case analysis form passes this test. */
  readonly where?: (lower: string) => boolean;
  /** Take the last matching clause instead of the first. */
  readonly last?: boolean;
}

/**
 * A clause of the sentence that reads well on its own ("we rolled out the new rota across the
 * team"), falling back to the opening words of the sentence.
 */
export function clauseQuote(sentence: Sentence, choice: ClauseChoice): string {
  const fits = clausesOf(sentence.text).filter((c) => c.words >= 4 && (choice.where?.(c.lower) ?? true));
  // A whole clause reads better than a cut one, so prefer clauses that fit.
  const whole = fits.filter((c) => c.words <= choice.maxWords);
  const pick = (list: Clause[]): Clause | undefined => (choice.last ? list.at(-1) : list[0]);
  const anyClause = (c: Clause): boolean => c.words >= 4 && c.words <= choice.maxWords;
  const chosen = pick(whole) ?? pick(fits) ?? clausesOf(sentence.text).find(anyClause);
  if (!chosen) return verbatimFragment(sentence.text, choice.maxWords);
  return verbatimFragment(sentence.text.slice(chosen.start, chosen.end), choice.maxWords);
}

export const startsWithI = (lower: string): boolean => /^(?:i|i've|i'd)(?![\p{L}\p{N}'])/u.test(lower);
export const startsWithWe = (lower: string): boolean => /^(?:we|we've|we'd)(?![\p{L}\p{N}'])/u.test(lower);
export const startsWithSubject = (lower: string): boolean => startsWithI(lower) || startsWithWe(lower);

/** The sentence as evidence: whole when short, otherwise cut at a space before 300 characters. */
export function quoteOf(sentence: Sentence): string {
  const { text } = sentence;
  if (text.length <= MAX_QUOTE_CHARS) return text;
  let cut = text.lastIndexOf(" ", MAX_QUOTE_CHARS);
  if (cut < 20) cut = MAX_QUOTE_CHARS;
  // Never split a surrogate pair: the quote must stay valid text as well as a substring.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut).trimEnd();
}
