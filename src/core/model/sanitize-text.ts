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

/**
 * Mention markup of Discord and Slack: `<@123>`, `<@!123>`, `<@&role>`, `<#channel>`, `</command:id>`,
 * `<@U123|name>`, `<#C123|name>`, `<!here>`, `<!subteam^S123|@team>`.
 */
const MENTION_MARKUP = /<([@#!/])([^<>\n]{0,120})>/gu;
/** Broadcasts written out: Discord pings (or shows a pill for) them, Slack does with `link_names`. */
const BROADCAST = /@(everyone|here|channel)\b/giu;

/**
 * Text the candidate chose (role, company) as plain words on every platform: mention markup loses
 * its brackets (`<@123>` → `@123`, `<#C1|general>` → `#general`, `<!here>` → `＠here`) and the "@" of
 * a broadcast becomes a full-width "＠", which no platform reads as a mention. Nothing gets longer,
 * and applying it twice changes nothing more.
 */
export function plainMentions(text: string): string {
  let plain = text;
  // Markup nested in markup ("<@<@1>>") surfaces as the inner one goes; a few rounds undo any nesting
  // that fits in a role or company.
  for (let round = 0; round < 8; round += 1) {
    const next = plain.replace(MENTION_MARKUP, markupAsText);
    if (next === plain) break;
    plain = next;
  }
  return plain.replace(BROADCAST, "＠$1");
}

function markupAsText(markup: string, sigil: string, inner: string): string {
  const bar = inner.indexOf("|");
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? "" : inner.slice(bar + 1).trim();
  if (sigil === "/") {
    // Only Discord's command mention "</name:id>"; any other "</…>" is not a mention.
    const command = /^([^:]+):\d+$/.exec(target);
    return command ? `/${command[1]}` : markup;
  }
  if (sigil === "!") {
    if (label) return label.startsWith("@") ? label : `@${label}`;
    return `@${target.split("^")[0] ?? ""}`;
  }
  if (label) return label.startsWith(sigil) ? label : `${sigil}${label}`;
  // Discord's nickname marker "<@!123>" is dropped; a role keeps its "&" ("@&123").
  return `${sigil}${target.replace(/^!/, "")}`;
}
