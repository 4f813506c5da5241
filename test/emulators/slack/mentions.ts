// Finds what would notify people if the bot posted it. Slack turns `<!channel>`, `<!here>`, `<!everyone>`,
// `<@U…>`, `<#C…>` and `<!subteam^S…>` into mentions in `text` and mrkdwn, rich_text blocks carry them as typed
// elements, and `link_names` makes plain `@channel` ping too. Bot tests assert that none of these came from user
// text (an answer containing "<!channel>" must not page a whole channel).

/** Matches every special sequence, with an optional `|label`. IDs are matched loosely to err on the safe side. */
const specialSequence =
  /<(?:!(?:channel|here|everyone)|!subteam\^[^>|\s]+|@[^>|\s]+|#[^>|\s]+)(?:\|[^>]*)?>/g;
const plainBroadcast = /(?<![\w<!])@(?:channel|here|everyone)\b/g;

export type MentionSource = {
  text?: unknown;
  blocks?: unknown;
  /** From `SentMessage.linkNames`, or the wire name. */
  linkNames?: boolean;
  link_names?: unknown;
};

function sequencesIn(text: string, linkNames: boolean): string[] {
  const found = [...text.matchAll(specialSequence)].map((match) => match[0]);
  if (linkNames) found.push(...[...text.matchAll(plainBroadcast)].map((match) => match[0]));
  return found;
}

/** rich_text elements that mention by type rather than by markup. */
function richTextMention(node: Record<string, unknown>): string | undefined {
  if (node.type === "broadcast" && typeof node.range === "string") return `<!${node.range}>`;
  if (node.type === "user" && typeof node.user_id === "string") return `<@${node.user_id}>`;
  if (node.type === "usergroup" && typeof node.usergroup_id === "string")
    return `<!subteam^${node.usergroup_id}>`;
  if (node.type === "channel" && typeof node.channel_id === "string") return `<#${node.channel_id}>`;
  return undefined;
}

/**
 * Walks the whole block tree: every string `text` (mrkdwn, plain_text, markdown blocks, rich_text text elements)
 * is scanned, plain_text included, because a block that is plain today may become mrkdwn in a later change.
 */
function walkBlocks(node: unknown, linkNames: boolean, found: string[]): void {
  if (Array.isArray(node)) {
    for (const child of node) walkBlocks(child, linkNames, found);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const record = node as Record<string, unknown>;
  const mention = richTextMention(record);
  if (mention) found.push(mention);
  if (typeof record.text === "string") found.push(...sequencesIn(record.text, linkNames));
  for (const [key, value] of Object.entries(record))
    if (key !== "text" || typeof value !== "string") walkBlocks(value, linkNames, found);
}

/** Every mention-like sequence in the message's `text` and blocks, in document order, duplicates kept. */
export function mentionsIn(message: MentionSource): string[] {
  const linkNames =
    message.linkNames === true ||
    message.link_names === true ||
    message.link_names === "true" ||
    message.link_names === "1" ||
    message.link_names === 1;
  const found: string[] = [];
  if (typeof message.text === "string") found.push(...sequencesIn(message.text, linkNames));
  walkBlocks(message.blocks, linkNames, found);
  return found;
}
