/**
 * Splits an answer into sentences while keeping each one as an exact substring of the answer,
 * so every quote in feedback is verbatim. Analysis happens on a separate normalised copy.
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
}

// Sentence ends: terminal punctuation (plus closing quotes/brackets) before whitespace, or a newline.
const BOUNDARY = /[.!?…]+["'”’)\]]*(?=\s|$)|\n/gu;
const ABBREVIATIONS = new Set([
  "e.g",
  "i.e",
  "etc",
  "mr",
  "mrs",
  "ms",
  "dr",
  "vs",
  "approx",
  "inc",
  "ltd",
  "no",
]);
// Run-on answers (dictated, or typed without full stops) are cut into clause-sized chunks so
// "a real sentence has a reasonable length" still means something and quotes stay short.
const MAX_CHUNK_WORDS = 60;
const MIN_CHUNK_WORDS = 25;
const CLAUSE_STARTERS = new Set(["and", "so", "but", "then", "because", "which"]);
const WORD = /[\p{L}\p{N}]+(?:(?:['-]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{N}]+)*/gu;

/** The normalised copy used for matching: never shown, never quoted. */
export function analysisForm(text: string): string {
  return text
    .replace(/[\p{Cf}\p{Co}\p{Cs}]/gu, "")
    .replace(/\p{Cc}/gu, " ")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[‘’‛`´]/g, "'")
    .replace(/[“”„]/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

export function wordsOf(lowerText: string): string[] {
  return lowerText.match(WORD) ?? [];
}

function isSpace(char: string | undefined): boolean {
  return char !== undefined && /\s/u.test(char);
}

function isAbbreviation(answer: string, dotIndex: number): boolean {
  let start = dotIndex;
  while (start > 0 && dotIndex - start < 12 && !isSpace(answer[start - 1])) start -= 1;
  return ABBREVIATIONS.has(
    answer
      .slice(start, dotIndex)
      .replace(/^[("']+/, "")
      .toLowerCase(),
  );
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

export function splitSentences(answer: string): Sentence[] {
  const ranges: [number, number][] = [];
  const addPiece = (from: number, to: number): void => {
    let s = from;
    let e = to;
    while (s < e && isSpace(answer[s])) s += 1;
    while (e > s && isSpace(answer[e - 1])) e -= 1;
    if (e > s) ranges.push(...chunk(answer, s, e));
  };
  let start = 0;
  for (const match of answer.matchAll(BOUNDARY)) {
    const newline = match[0] === "\n";
    if (!newline && match[0] === "." && isAbbreviation(answer, match.index)) continue;
    addPiece(start, newline ? match.index : match.index + match[0].length);
    start = match.index + match[0].length;
  }
  addPiece(start, answer.length);

  const sentences: Sentence[] = [];
  for (const [from, to] of ranges) {
    const text = answer.slice(from, to);
    const plain = analysisForm(text);
    // Pieces made only of punctuation or invisible characters carry nothing to analyse or quote.
    if (!/[\p{L}\p{N}]/u.test(plain)) continue;
    const lower = plain.toLowerCase();
    sentences.push({ index: sentences.length, text, plain, lower, words: wordsOf(lower) });
  }
  return sentences;
}
