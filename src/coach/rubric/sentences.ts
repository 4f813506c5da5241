import { foldText } from "../language/fold-text.ts";
import { readTokens } from "../language/read-tokens.ts";
import type { Token } from "../language/tokens.ts";

/**
 * Splits an answer into sentences (boundaries from the English model, plus line breaks) while
 * keeping each one as an exact substring of the answer, so every quote in feedback is verbatim.
 * Analysis happens on the folded copy (see language/fold-text.ts) and the model's tokens.
 */

export interface Sentence {
  /** Position among the answer's sentences, from 0. */
  readonly index: number;
  /** Exact substring of the original answer: the only thing we ever quote. */
  readonly text: string;
  /** Analysis form: invisible characters and accents removed, quotes straightened, case kept. */
  readonly plain: string;
  readonly lower: string;
  /** Lower-cased word tokens of the analysis form. */
  readonly words: readonly string[];
  /** The model's tokens (part of speech, lemma, negation, entity), spaces left out. */
  readonly tokens: readonly Token[];
}

// Run-on answers (dictated, or typed without full stops) are cut into clause-sized chunks so
// "a real sentence has a reasonable length" still means something and quotes stay short.
const MAX_CHUNK_WORDS = 60;
const MIN_CHUNK_WORDS = 25;
const CLAUSE_STARTERS = new Set(["and", "so", "but", "then", "because", "which"]);
const WORD = /[\p{L}\p{N}]+(?:(?:['-]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{N}]+)*/gu;

/** The normalised copy used for matching: never shown, never quoted. */
export function analysisForm(text: string): string {
  return foldText(text).text.replace(/\s+/g, " ").trim();
}

export function wordsOf(lowerText: string): string[] {
  return lowerText.match(WORD) ?? [];
}

/** [start, end) offsets of clause-sized chunks of one trimmed piece. */
function chunk(answer: string, start: number, end: number): [number, number][] {
  const tokens = [...answer.slice(start, end).matchAll(/\S+/gu)];
  if (tokens.length <= MAX_CHUNK_WORDS) return [[start, end]];
  const chunks: [number, number][] = [];
  let chunkStart = start;
  let count = 0;
  tokens.forEach((token, i) => {
    count += 1;
    const tokenEnd = start + token.index + token[0].length;
    const next = tokens[i + 1];
    const clauseEnd =
      /[,;:)]$/u.test(token[0]) || (next !== undefined && CLAUSE_STARTERS.has(next[0].toLowerCase()));
    if (next !== undefined && (count >= MAX_CHUNK_WORDS || (count >= MIN_CHUNK_WORDS && clauseEnd))) {
      chunks.push([chunkStart, tokenEnd]);
      chunkStart = start + next.index;
      count = 0;
    }
  });
  chunks.push([chunkStart, end]);
  return chunks;
}

function isSpace(char: string | undefined): boolean {
  return char !== undefined && /\s/u.test(char);
}

/** Offset just past the original character that folded character `index` came from. */
function originalEnd(answer: string, origin: readonly number[], index: number): number {
  const at = origin[index] ?? answer.length;
  const code = answer.codePointAt(at) ?? 0;
  return at + (code > 0xffff ? 2 : 1);
}

export function splitSentences(answer: string): Sentence[] {
  const folded = foldText(answer);
  const read = readTokens(folded.text);
  const tokens = read.tokens.filter((token) => token.pos !== "SPACE");
  const ranges: [number, number][] = [];
  for (const [first, last] of read.sentences) {
    const from = read.tokens[first];
    const to = read.tokens[last];
    if (!from || !to) continue;
    let s = folded.origin[from.start] ?? 0;
    let e = originalEnd(answer, folded.origin, to.end - 1);
    while (s < e && isSpace(answer[s])) s += 1;
    while (e > s && isSpace(answer[e - 1])) e -= 1;
    if (e > s) ranges.push(...chunk(answer, s, e));
  }

  // Ranges and tokens are both in reading order: one pass hands each range its tokens.
  const sentences: Sentence[] = [];
  let next = 0;
  for (const [from, to] of ranges) {
    const text = answer.slice(from, to);
    const own: Token[] = [];
    for (; next < tokens.length; next += 1) {
      const token = tokens[next] as Token;
      const at = folded.origin[token.start] ?? -1;
      if (at >= to) break;
      if (at >= from) own.push(token);
    }
    const plain = analysisForm(text);
    // Pieces made only of punctuation or invisible characters carry nothing to analyse or quote.
    if (!/[\p{L}\p{N}]/u.test(plain)) continue;
    const lower = plain.toLowerCase();
    sentences.push({ index: sentences.length, text, plain, lower, words: wordsOf(lower), tokens: own });
  }
  return sentences;
}
