/**
 * Small matching helpers shared by the rubric detectors. All matching runs on the lower-cased
 * analysis form of a sentence (see sentences.ts), never on the text we quote back.
 */

// Letters/digits either side mean we are inside a word; a plain \b is ASCII-only and would
// treat "café" or "naïve" as word breaks.
const BEFORE = String.raw`(?<![\p{L}\p{N}'])`;
const AFTER = String.raw`(?![\p{L}\p{N}])`;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * One regex matching any of the phrases as whole words. Longest first, so "as a result" wins over
 * "result"; spaces match any run of whitespace. Pass "g" to count occurrences.
 */
export function phraseRegex(phrases: readonly string[], flags = ""): RegExp {
  const body = [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => escapeRegex(phrase).replace(/ +/g, String.raw`\s+`))
    .join("|");
  return new RegExp(`${BEFORE}(?:${body})${AFTER}`, `u${flags}`);
}

/** How many times a global regex matches. */
export function countMatches(text: string, globalRegex: RegExp): number {
  let count = 0;
  for (const _ of text.matchAll(globalRegex)) count += 1;
  return count;
}

/** The distinct matched strings of a global regex. */
export function distinctMatches(text: string, globalRegex: RegExp): Set<string> {
  const found = new Set<string>();
  for (const match of text.matchAll(globalRegex)) found.add(match[0].replace(/\s+/g, " "));
  return found;
}

/**
 * A crude stem so "disagreed", "disagreement" and "disagreeing" meet: drop a plural "s", then
 * keep at most six letters. Good enough for overlap counting; never shown to anyone.
 */
export function stem(word: string): string {
  const singular = word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
  return singular.length > 6 ? singular.slice(0, 6) : singular;
}

export function clamp01(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

/** Rounds to two decimals so signals print cleanly and stay deterministic. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Space-separated single words, for compact word lists. */
export function wordList(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0);
}

/** "|"-separated phrases, for compact phrase lists. */
export function phraseList(text: string): string[] {
  return text
    .split("|")
    .map((phrase) => phrase.trim().replace(/\s+/g, " "))
    .filter((phrase) => phrase.length > 0);
}
