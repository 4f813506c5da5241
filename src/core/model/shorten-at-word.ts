/**
 * The text itself when it fits in `max` characters, else its start cut at a word (when one ends
 * past the middle) with trailing punctuation dropped and "…" added: a short form that still reads
 * as the person's own words, for a quoted round-1 note or a story's title.
 */
export function shortenAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/u, "")}…`;
}
