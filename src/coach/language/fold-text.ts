import unhomoglyph from "unhomoglyph";

/**
 * The analysis copy of a text: invisible characters removed, accents and compatibility forms
 * (full-width letters, ligatures) decomposed, quotes straightened, and look-alike letters from
 * other scripts folded to Latin inside words that mix scripts ("ignоre" with a Cyrillic о). Each
 * character of the copy remembers where it came from, so anything found in the copy can be quoted
 * verbatim from the original.
 */

export interface FoldedText {
  readonly text: string;
  /** For each UTF-16 unit of `text`, the offset in the original it came from. */
  readonly origin: readonly number[];
}

const identities: number[] = [];
/** 0, 1, 2, … n-1, shared between calls (read-only for callers). */
function identity(length: number): readonly number[] {
  while (identities.length < length) identities.push(identities.length);
  return identities;
}

const QUOTES: Readonly<Record<string, string>> = {
  "‘": "'",
  "’": "'",
  "‛": "'",
  "`": "'",
  "´": "'",
  "“": '"',
  "”": '"',
  "„": '"',
};

function foldChar(char: string): string {
  if (/[\p{Cf}\p{Co}\p{Cs}]/u.test(char)) return "";
  if (/\p{Cc}/u.test(char)) return char === "\n" ? "\n" : " ";
  const quote = QUOTES[char];
  if (quote !== undefined) return quote;
  if (char.charCodeAt(0) < 0x80) return char;
  return char.normalize("NFKD").replace(/\p{M}/gu, "");
}

const LATIN = /\p{Script=Latin}/u;
const OTHER_LETTER = /[\p{L}--\p{Script=Latin}]/v;

/** Folds look-alike letters only in words that mix Latin with another script. */
function foldLookAlikes(text: string, origin: number[]): FoldedText {
  // Only letters outside ASCII can be look-alikes.
  if (!/\P{ASCII}/u.test(text)) return { text, origin };
  let out = "";
  const outOrigin: number[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu)) {
    const word = match[0];
    const at = match.index;
    const mixed = LATIN.test(word) && OTHER_LETTER.test(word);
    let offset = 0;
    for (const char of word) {
      let replacement = char;
      if (mixed && OTHER_LETTER.test(char)) {
        const skeleton = unhomoglyph(char);
        if (/^[a-zA-Z]{1,2}$/.test(skeleton)) replacement = skeleton;
      }
      for (let i = 0; i < replacement.length; i += 1) outOrigin.push(origin[at + offset] ?? 0);
      out += replacement;
      offset += char.length;
    }
  }
  return { text: out, origin: outOrigin };
}

/** Printable ASCII with ordinary white space: nothing to fold, every offset maps to itself. */
const PLAIN_ASCII = /^[\x20-\x7e\n]*$/;

export function foldText(original: string): FoldedText {
  if (PLAIN_ASCII.test(original)) return { text: original, origin: identity(original.length) };
  let text = "";
  const origin: number[] = [];
  let offset = 0;
  for (const char of original) {
    const folded = foldChar(char);
    for (let i = 0; i < folded.length; i += 1) origin.push(offset);
    text += folded;
    offset += char.length;
  }
  return foldLookAlikes(text, origin);
}
