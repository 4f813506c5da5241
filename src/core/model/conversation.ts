/** The chat platforms SecondRound runs on. */
export type PlatformName = "discord" | "slack" | "terminal";

/**
 * One interview lives in one conversation: a Discord thread, a Slack thread (`thread_ts`) or a
 * terminal session. Encoded by the adapter, opaque to the core, e.g. "slack:T1:C2:1700000000.0001".
 */
export type ConversationKey = `${PlatformName}:${string}`;

/** The person taking the interview. Only their messages count as answers. */
export interface Candidate {
  readonly id: string;
  readonly name: string;
}

/** The platform a conversation is on, read from its key's prefix without allocating. */
export function platformOf(conversation: ConversationKey): PlatformName {
  if (conversation.startsWith("discord:")) return "discord";
  if (conversation.startsWith("slack:")) return "slack";
  return "terminal";
}
