/**
 * Collapses horizontal whitespace, trims lines, keeps at most one blank line, drops control chars.
 * Only runs that actually change are matched (no split into lines), so a 5 MB text upload decoded
 * in the calling process costs a few MB and tens of ms rather than 100+ MB and 300 ms.
 */
export function normaliseWhitespace(raw: string): string {
  return raw
    .replace(/\r\n?/g, "\n")
    .replace(/(?![\t\n\f\v])\p{Cc}/gu, "")
    .replace(
      /[\t\f\v \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g,
      " ",
    )
    .replace(/[^\S\n]+\n[^\S\n]*|\n[^\S\n]+/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Normalises, then cuts to `maxChars` without splitting a surrogate pair. */
export function normaliseAndCap(raw: string, maxChars: number): { text: string; truncated: boolean } {
  const text = normaliseWhitespace(raw);
  if (text.length <= maxChars) return { text, truncated: false };
  let end = maxChars;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return { text: text.slice(0, end).trimEnd(), truncated: true };
}
