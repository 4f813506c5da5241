import type { TextFact } from "../../core/engine/check-story-rewrite.ts";
import { isKnownWord } from "./english-model.ts";
import { readTokens } from "./read-tokens.ts";
import type { Token } from "./tokens.ts";

/**
 * The facts of a text as the English model reads them, for the check that a stronger version of an
 * answer adds none: numbers (counts, amounts, percentages, durations), dates and times, and proper
 * names (people, employers, clients, products). Numbers are compared by value, so "30 %", "30%"
 * and "thirty per cent" are the same fact, and "two colleagues" matches "2 colleagues".
 */

const NUMBER_ENTITIES = new Set(["CARDINAL", "PERCENT", "MONEY", "DURATION"]);
const DATE_ENTITIES = new Set(["DATE", "TIME"]);

/** Number words by value; "twenty-five" is read in two parts. */
const UNITS =
  "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(
    " ",
  );
const TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split(" ");
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map<string, number>([
  ...UNITS.map((word, index) => [word, index] as const),
  ...TENS.map((word, index) => [word, (index + 2) * 10] as const),
  ["hundred", 100],
  ["thousand", 1_000],
  ["million", 1_000_000],
  ["billion", 1_000_000_000],
  ["dozen", 12],
  ["half", 0.5],
  ["twice", 2],
  ["double", 2],
  ["doubled", 2],
  ["halved", 0.5],
  ["tripled", 3],
]);

interface Run {
  readonly kind: TextFact["kind"];
  readonly keys: string[];
  readonly start: number;
  end: number;
  /** Where the run's first keyed token (for a number, the number itself) starts, and its last ends. */
  keyStart: number | null;
  keyEnd: number;
  readonly entity: string | null;
}

export function findStoryFacts(text: string): TextFact[] {
  const { tokens, sentences } = readTokens(text);
  const starts = new Set(sentences.map(([first]) => first));
  const facts: TextFact[] = [];
  let run: Run | null = null;
  const close = (done: Run | null) => {
    if (done && done.keys.length > 0 && done.keyStart !== null) {
      // A number's placeholder takes the number only: "[number] days", "£[number]", "[number]%".
      const [start, end] = done.kind === "number" ? [done.keyStart, done.keyEnd] : [done.start, done.end];
      facts.push({ kind: done.kind, keys: done.keys, start, end });
    }
  };
  for (const [index, token] of tokens.entries()) {
    const kind = kindOf(token, starts.has(index));
    if (kind === null) {
      close(run);
      run = null;
      continue;
    }
    if (!run || run.kind !== kind || (kind !== "name" && run.entity !== token.entity)) {
      close(run);
      run = {
        kind,
        keys: [],
        start: token.start,
        end: token.end,
        keyStart: null,
        keyEnd: 0,
        entity: token.entity,
      };
    }
    run.end = token.end;
    const key = keyOf(token, kind);
    if (key !== null) {
      run.keys.push(key);
      run.keyStart ??= token.start;
      run.keyEnd = token.end;
    }
  }
  close(run);
  return facts;
}

function kindOf(token: Token, startsSentence: boolean): TextFact["kind"] | null {
  if (token.pos === "SPACE") return null;
  if (token.entity !== null && DATE_ENTITIES.has(token.entity)) return "date";
  if ((token.entity !== null && NUMBER_ENTITIES.has(token.entity)) || token.pos === "NUM") return "number";
  if (token.pos !== "PROPN" || token.text === "I") return null;
  // "Mapping every step, I…": an ordinary word capitalised because it opens the sentence.
  if (startsSentence && isKnownWord(token.lower)) return null;
  return "name";
}

/** The token's comparable form, or null for the words around a number ("per cent", "weeks", "£"). */
function keyOf(token: Token, kind: TextFact["kind"]): string | null {
  if (kind === "name") return token.lower;
  const value = numberValue(token.lower);
  // In a date, the numbers and the names of months and days are facts; "last", "month-end" are not.
  if (kind === "date") return value === null ? (token.pos === "PROPN" ? token.lower : null) : String(value);
  if (value === null) return null;
  return token.entity === "PERCENT" ? `${value}%` : String(value);
}

function numberValue(word: string): number | null {
  const digits = word.replaceAll(",", "");
  if (/^\d+(?:\.\d+)?$/u.test(digits)) return Number(digits);
  const known = NUMBER_WORDS.get(word);
  if (known !== undefined) return known;
  const parts = word.split("-");
  if (parts.length === 2 && parts.every((part) => NUMBER_WORDS.has(part))) {
    return parts.reduce((sum, part) => sum + (NUMBER_WORDS.get(part) ?? 0), 0);
  }
  return null;
}
