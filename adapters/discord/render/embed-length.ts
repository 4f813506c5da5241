import type { APIEmbed } from "discord-api-types/v10";
import { groupWithinLimits } from "../../shared/group-within-limits.ts";

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
  return groupWithinLimits(embeds, {
    maxItems: perMessage,
    maxSize: textPerMessage,
    sizeOf: embedTextLength,
  });
}
