/** Collapses horizontal whitespace, trims lines, keeps at most one blank line, drops control chars. */
export function normaliseWhitespace(raw: string): string {
  return raw
    .replace(/\r\n?/g, "\n")
    .replace(/(?![\t\n\f\v])\p{Cc}/gu, "")
    .replace(/[\t\f\v \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
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
