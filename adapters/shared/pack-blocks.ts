import { type PieceFormatter, splitFormatted, WHOLE } from "./split-text.ts";

/** A unit of text to lay out: kept whole when it fits, otherwise split with `splitFormatted`. */
export interface TextBlock {
  /** Raw text, before platform formatting. */
  readonly text: string;
  /** Platform formatting of the text or of one piece of it; defaults to the text as is. */
  readonly format?: PieceFormatter;
}

/**
 * Lays blocks out into as few chunks of at most `limit` characters as possible, joined by `separator`
 * inside a chunk. A block is split only when it does not fit a chunk on its own; blank blocks are dropped.
 */
export function packBlocks(blocks: readonly TextBlock[], limit: number, separator = "\n"): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const block of blocks) {
    if (block.text.trim() === "") continue;
    const format = block.format ?? ((piece: string) => piece);
    const whole = format(block.text, WHOLE);
    if (whole.length <= limit) {
      if (current === "") current = whole;
      else if (current.length + separator.length + whole.length <= limit) current += separator + whole;
      else {
        chunks.push(current);
        current = whole;
      }
      continue;
    }
    if (current !== "") chunks.push(current);
    const pieces = splitFormatted(block.text, limit, format);
    chunks.push(...pieces.slice(0, -1));
    current = pieces.at(-1) ?? "";
  }
  if (current !== "") chunks.push(current);
  return chunks;
}
