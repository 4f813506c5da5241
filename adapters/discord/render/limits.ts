/**
 * Discord message limits (developers/resources/message.mdx; components/reference.mdx), measured here in
 * UTF-16 code units, which is never fewer than the characters Discord counts.
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  fieldsPerEmbed: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  /** Title, description, field names and values, footer and author of all embeds of one message. */
  embedTextPerMessage: 6000,
  actionRowsPerMessage: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
} as const;
