import type { ConversationKey } from "../../src/core/model/conversation.ts";

/** One interview per thread: "discord:<guild id>:<thread id>". */
export function discordConversation(guildId: string, threadId: string): ConversationKey {
  return `discord:${guildId}:${threadId}`;
}

export function parseDiscordConversation(key: string): { guildId: string; threadId: string } | null {
  const match = /^discord:(\d+):(\d+)$/.exec(key);
  return match?.[1] && match[2] ? { guildId: match[1], threadId: match[2] } : null;
}

/** The community an interview belongs to: one running interview per candidate per server. */
export function discordScope(guildId: string): `discord:${string}` {
  return `discord:${guildId}`;
}

/** The thread of an interview conversation, for `<#thread>` links in replies. */
export function threadIdOf(conversation: string): string {
  return conversation.slice(conversation.lastIndexOf(":") + 1);
}
