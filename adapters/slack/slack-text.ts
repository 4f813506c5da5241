/**
 * Slack delivers message text in its own markup: `&`, `<`, `>` escaped as entities, and mentions,
 * channels and links as `<…>` sequences. The engine wants what the candidate typed, so "<5%" is
 * scored and quoted as "<5%", not "&lt;5%". Mentions become plain "@name" text and links their
 * label and address: nothing here survives as markup, and everything is escaped again on the way out.
 */
export function plainTextFromSlack(text: string): string {
  let plain = "";
  let last = 0;
  // Text between sequences and inside them is decoded exactly once, so "&amp;lt;" stays "&lt;".
  for (const match of text.matchAll(SEQUENCE)) {
    plain += decodeEntities(text.slice(last, match.index)) + sequenceText(match[1] ?? "");
    last = match.index + match[0].length;
  }
  return plain + decodeEntities(text.slice(last));
}

/** `<@U…>`, `<#C…|name>`, `<!here>`, `<https://…|label>`: markup only, so a stray "<" stays text. */
const SEQUENCE = /<((?:[@#!]|[a-z][a-z0-9+.-]*:)[^<>\s|]*(?:\|[^<>]*)?)>/gi;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">" };

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_entity, name: string) => ENTITIES[name] ?? "");
}

/** One `<…>` sequence as plain text. */
function sequenceText(inner: string): string {
  const bar = inner.indexOf("|");
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? "" : decodeEntities(inner.slice(bar + 1));
  if (target.startsWith("@") || target.startsWith("#")) return label ? prefixed(target[0], label) : target;
  if (target.startsWith("!")) {
    const special = target.slice(1).split("^")[0] ?? "";
    if (special === "here" || special === "channel" || special === "everyone") return `@${special}`;
    return label || special;
  }
  const address = decodeEntities(target).replace(/^mailto:/, "");
  return label && label !== address ? `${label} (${address})` : address;
}

function prefixed(sigil: string | undefined, label: string): string {
  return sigil && !label.startsWith(sigil) ? `${sigil}${label}` : label;
}
