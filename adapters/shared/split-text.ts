/** Marks a cut inside a line: the piece before ends with it and the piece after starts with it. */
export const ELLIPSIS = "…";

/** Room for "…", one character (or a surrogate pair) and "…". */
const MIN_LIMIT = 4;

/** Where a piece sits in the text it was cut from, so formatting can open or close markup once. */
export interface PiecePosition {
  readonly index: number;
  readonly count: number;
}

/** Formats one piece of a text (bold, quote marks, escaping); `position` says which piece it is. */
export type PieceFormatter = (piece: string, position: PiecePosition) => string;

export const WHOLE: PiecePosition = { index: 0, count: 1 };

interface Cut {
  /** End of the piece (exclusive). */
  readonly end: number;
  /** Where the next piece starts (whitespace at the cut is dropped). */
  readonly resume: number;
  /** Cut inside a line, so both sides get an ellipsis. */
  readonly midLine: boolean;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Splits text into pieces of at most `limit` UTF-16 code units (what `.length` counts; never fewer than the
 * characters a platform counts), preferring a paragraph break, then a line break, then a space. A piece cut
 * inside a line ends with "…" and the next one starts with "…", so a cut is never silent. Whitespace at a
 * cut is dropped; nothing else is. Empty or blank text gives no pieces.
 */
export function splitText(text: string, limit: number): string[] {
  if (!Number.isInteger(limit) || limit < MIN_LIMIT) {
    throw new RangeError(`splitText needs a limit of at least ${MIN_LIMIT}, got ${limit}`);
  }
  const pieces: string[] = [];
  let rest = text;
  let continued = false;
  while (rest.trim() !== "") {
    const lead = continued ? ELLIPSIS : "";
    const room = limit - lead.length;
    if (rest.length <= room) {
      pieces.push(lead + rest);
      break;
    }
    const cut = findCut(rest, room);
    const piece = rest.slice(0, cut.end).trimEnd();
    if (piece !== "") {
      pieces.push(lead + piece + (cut.midLine ? ELLIPSIS : ""));
      continued = cut.midLine;
    }
    rest = rest.slice(cut.resume);
  }
  return pieces;
}

function findCut(text: string, room: number): Cut {
  // Paragraph or line breaks win when they keep the piece at least half full.
  const half = Math.floor(room / 2);
  const paragraph = text.lastIndexOf("\n\n", room);
  if (paragraph >= half) return { end: paragraph, resume: skipNewlines(text, paragraph), midLine: false };
  const line = text.lastIndexOf("\n", room);
  if (line >= half) return { end: line, resume: skipNewlines(text, line), midLine: false };
  // A cut between words costs one character for the trailing ellipsis.
  const word = lastSpace(text, room - 1);
  if (word > 0) return { end: word, resume: skipSpaces(text, word), midLine: true };
  if (line > 0) return { end: line, resume: skipNewlines(text, line), midLine: false };
  const end = hardCut(text, room - 1);
  return { end, resume: end, midLine: true };
}

function lastSpace(text: string, before: number): number {
  for (let index = Math.min(before, text.length - 1); index > 0; index -= 1) {
    const char = text[index];
    if (char === " " || char === "\t") return index;
  }
  return -1;
}

function skipNewlines(text: string, from: number): number {
  let index = from;
  while (text[index] === "\n") index += 1;
  return index;
}

function skipSpaces(text: string, from: number): number {
  let index = from;
  while (text[index] === " " || text[index] === "\t") index += 1;
  return index;
}

/** The last grapheme boundary at or before `max` (an emoji or accented letter is never cut in two). */
function hardCut(text: string, max: number): number {
  let boundary = 0;
  // Segment the whole text (lazily): a slice would end in a cut grapheme that looks like a boundary.
  for (const { index } of graphemes.segment(text)) {
    if (index > max) break;
    boundary = index;
  }
  if (boundary > 0) return boundary;
  // One grapheme longer than the room (a long emoji sequence): fall back to a code point boundary.
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff && max > 1 ? max - 1 : max;
}

/**
 * Splits text so that every *formatted* piece fits in `limit`: formatting (bold markers, "> " quote
 * prefixes, Slack escaping) is applied to each piece after the cut, so markup and escapes are never cut in
 * two. When formatting overflows, the raw budget shrinks in proportion and the text is split again.
 */
export function splitFormatted(text: string, limit: number, format: PieceFormatter): string[] {
  let budget = limit;
  for (;;) {
    const pieces = splitText(text, budget);
    const formatted = pieces.map((piece, index) => format(piece, { index, count: pieces.length }));
    const longest = Math.max(0, ...formatted.map((piece) => piece.length));
    if (longest <= limit) return formatted;
    // Shrink in proportion: escaping can multiply a piece's length (every "&" becomes "&amp;").
    budget = Math.min(budget - 1, Math.floor((budget * limit) / longest));
    if (budget < MIN_LIMIT) {
      throw new RangeError(`Formatting leaves no room to fit this text in ${limit} characters`);
    }
  }
}

/**
 * Shortens a one-line slot (a title, a footer, a button label) to `limit` characters after formatting,
 * ending with "…" when anything was cut. Our own wording always fits; this only guards odd data.
 */
export function truncateText(
  text: string,
  limit: number,
  format: (text: string) => string = identity,
): string {
  const whole = format(text);
  if (whole.length <= limit) return whole;
  let budget = limit - 1;
  for (;;) {
    if (budget < 1) throw new RangeError(`Formatting leaves no room to fit this text in ${limit} characters`);
    const cut = cutAtWord(text, budget);
    const shortened = `${format(cut)}${ELLIPSIS}`;
    if (shortened.length <= limit) return shortened;
    budget = Math.min(budget - 1, Math.floor((budget * limit) / shortened.length));
  }
}

function cutAtWord(text: string, budget: number): string {
  const space = text.lastIndexOf(" ", budget);
  const end = space >= budget / 2 ? space : hardCut(text, budget);
  return text.slice(0, Math.max(end, 1)).trimEnd();
}

function identity(text: string): string {
  return text;
}
