/**
 * What must never reach a candidate from a coach's own wording, whichever platform shows it: links
 * (a model can be talked into exfiltration URLs), mention syntax of any platform (one "@everyone" in
 * a report pings a whole server), and markup (masked links, HTML, code fences) that a renderer might
 * turn into something other than the words the coach wrote.
 */

export type HostileKind = "link" | "mention" | "markup";

/** Scheme URLs (including Slack's `<http://…|label>`), www. hosts and host/path forms. */
const URL_PATTERNS: readonly RegExp[] = [
  /\b(?:https?|ftp|file|javascript|data|vbscript|mailto|tel|slack|discord):[^\s<>|)"'\]]+/giu,
  /\bwww\.[^\s<>|)"'\]]+/giu,
  /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\/[^\s<>|)"'\]]*/giu,
];

const MENTION_PATTERNS: readonly RegExp[] = [
  // Discord and Slack broadcasts: @everyone, @here, @channel.
  /@(?:everyone|here|channel)\b/iu,
  // Discord <@123> <@!123> <@&123> <#123> </cmd:1>; Slack <@U123> <#C1|x> <!channel> <!subteam^S1|@x>.
  /<\/?[@#!&][^<>\n]{0,120}>/u,
];

const MARKUP_PATTERNS: readonly RegExp[] = [
  // Markdown links and images, including reference-style image syntax.
  /!?\[[^\]\n]*\]\([^)\n]*\)/u,
  // HTML tags and comments (an opening, closing or self-closing tag with a letter after "<").
  /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/iu,
  /<!--|-->/u,
  // Code fences.
  /```|~~~/u,
  // HTML entities: a renderer may decode them into the markup they stand for.
  /&(?:[a-z][a-z0-9]{1,30}|#\d{1,7}|#x[0-9a-f]{1,6});/iu,
];

/** Each URL in the text, as written. */
export function urlsIn(text: string): string[] {
  return URL_PATTERNS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[0]));
}

/**
 * The kinds of hostile content in one piece of coach text. A URL is allowed only when the
 * candidate wrote exactly that URL (the coach is quoting them back). Look-alike characters
 * (full-width "＠", "＜") are folded before matching, so they cannot dodge the patterns.
 */
export function hostileKindsIn(text: string, candidateText: string): HostileKind[] {
  const folded = text.normalize("NFKC");
  const kinds: HostileKind[] = [];
  if (urlsIn(folded).some((url) => !candidateText.includes(url))) kinds.push("link");
  if (MENTION_PATTERNS.some((pattern) => pattern.test(folded))) kinds.push("mention");
  if (MARKUP_PATTERNS.some((pattern) => pattern.test(folded))) kinds.push("markup");
  return kinds;
}
