import type { APIEmbed } from "discord-api-types/v10";

/** The characters Discord counts towards the 6,000 per message: title, description, fields, footer, author. */
export function embedTextLength(embed: APIEmbed): number {
  let length = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  for (const field of embed.fields ?? []) length += field.name.length + field.value.length;
  return length + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

/** Embeds in order, grouped into messages of at most 10 embeds and 6,000 characters. */
export function groupEmbeds(
  embeds: readonly APIEmbed[],
  perMessage: number,
  textPerMessage: number,
): APIEmbed[][] {
  const groups: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let length = 0;
  for (const embed of embeds) {
    const size = embedTextLength(embed);
    if (current.length > 0 && (current.length >= perMessage || length + size > textPerMessage)) {
      groups.push(current);
      current = [];
      length = 0;
    }
    current.push(embed);
    length += size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
