/**
 * Every key of one interview shares a Redis Cluster hash tag (the conversation key in braces), so
 * the commit script's keys live in one slot. Keys are namespaced and versioned: a change of layout
 * gets a new version segment instead of misreading old data.
 */
export const KEY_LAYOUT_VERSION = "v1";

export function sessionKey(prefix: string, conversation: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${conversation}}:session`;
}

export function claimKey(prefix: string, conversation: string, eventId: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${conversation}}:seen:${eventId}`;
}

/** A SCAN pattern matching every key of one conversation (glob characters escaped). */
export function conversationKeyPattern(prefix: string, conversation: string): string {
  const escaped = conversation.replace(/[*?[\]\\]/g, (character) => `\\${character}`);
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${escaped}}:*`;
}
