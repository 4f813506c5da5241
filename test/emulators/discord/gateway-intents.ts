// Which dispatches a session receives, by the intents it IDENTIFYed with (discord-api-docs
// developers/events/gateway.mdx "List of Intents"). Filtering like Discord makes a missing intent fail in tests:
// without MESSAGE_CONTENT, thread answers arrive with empty `content`.

export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildMessages: 1 << 9,
  GuildMessageTyping: 1 << 11,
  MessageContent: 1 << 15,
} as const;

const REQUIRED_INTENT: Record<string, number> = {
  GUILD_CREATE: Intent.Guilds,
  CHANNEL_CREATE: Intent.Guilds,
  CHANNEL_UPDATE: Intent.Guilds,
  CHANNEL_DELETE: Intent.Guilds,
  THREAD_CREATE: Intent.Guilds,
  THREAD_UPDATE: Intent.Guilds,
  THREAD_DELETE: Intent.Guilds,
  THREAD_MEMBER_UPDATE: Intent.Guilds,
  THREAD_MEMBERS_UPDATE: Intent.Guilds,
  GUILD_MEMBER_ADD: Intent.GuildMembers,
  GUILD_MEMBER_REMOVE: Intent.GuildMembers,
  MESSAGE_CREATE: Intent.GuildMessages,
  MESSAGE_UPDATE: Intent.GuildMessages,
  MESSAGE_DELETE: Intent.GuildMessages,
  TYPING_START: Intent.GuildMessageTyping,
};

/** READY, RESUMED, INTERACTION_CREATE and GUILD_MEMBERS_CHUNK need no intent. */
export function receivesEvent(intents: number, event: string): boolean {
  const required = REQUIRED_INTENT[event];
  return required === undefined || (intents & required) === required;
}

/**
 * MESSAGE_CONTENT is privileged: without it, guild messages arrive with empty content, embeds, attachments and
 * components — except the bot's own messages and messages that mention it (gateway.mdx:485-499).
 */
export function redactForIntents(
  message: Record<string, unknown>,
  intents: number,
  botUserId: string,
  authorId: string,
  mentionsBot: boolean,
): Record<string, unknown> {
  if ((intents & Intent.MessageContent) !== 0 || authorId === botUserId || mentionsBot) return message;
  return { ...message, content: "", embeds: [], attachments: [], components: [] };
}
