/** Longest single message accepted as part of an answer (about 600 words). */
export const MAX_MESSAGE_CHARS = 4000;
/** Longest answer (all messages of one prompt together), about 1,300 words. */
export const MAX_ANSWER_CHARS = 8000;
/** Combining marks kept per base character; zalgo text stacks hundreds. */
const MAX_COMBINING_MARKS = 2;

// Invisible or direction-changing characters: zero-width, bidi controls, BOM, tag characters
// (used to smuggle hidden instructions) and private-use code points. \p{Cf} covers most of them.
const INVISIBLE = /[\p{Cf}\p{Co}\u{E0000}-\u{E007F}]/gu;
// C0/C1 control characters other than tab and newline (NUL included).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const COMBINING_RUN = /(\p{M}{3,})/gu;

/**
 * Makes candidate text safe to store, score and echo: NFC, no invisible or control characters,
 * no zalgo stacks, normalised line endings and trimmed. Visible text is left as typed.
 */
export function sanitizeText(raw: string): string {
  return raw
    .replace(LONE_SURROGATE, "")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROL, "")
    .replace(INVISIBLE, "")
    .normalize("NFC")
    .replace(COMBINING_RUN, (run) => Array.from(run).slice(0, MAX_COMBINING_MARKS).join(""))
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Words as a person would count them (numbers count, punctuation does not). */
export function countWords(text: string): number {
  // "3,000" and "2.5" are one word each; a full stop after a word is not part of it.
  const matches = text.match(/[\p{L}\p{N}](?:[\p{L}\p{N}'’\-%]|[.,](?=\p{N}))*/gu);
  return matches ? matches.length : 0;
}
