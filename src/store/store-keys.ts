import { escapeGlob } from "./unlink-matching.ts";

/**
 * Every key of one interview shares a Redis Cluster hash tag (the conversation key in braces), so
 * the commit script's keys live in one slot. Keys are namespaced and versioned: a change of layout
 * gets a new version segment instead of misreading old data.
 */
export const KEY_LAYOUT_VERSION = "v1";

export function sessionKey(prefix: string, conversation: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${conversation}}:session`;
}

/** The conversation a session key (as sessionKey makes it, e.g. found by SCAN) belongs to. */
export function conversationOfSessionKey(key: string): string {
  return key.slice(key.indexOf("{") + 1, key.length - "}:session".length);
}

export function claimKey(prefix: string, conversation: string, eventId: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${conversation}}:seen:${eventId}`;
}

/** Inbound events claimed but not yet applied, oldest first (see inbox-scripts.ts). */
export function inboxKey(prefix: string, conversation: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${conversation}}:inbox`;
}

/** Idempotency keys of the interview's outbox entries that have been delivered. */
export function deliveredKey(prefix: string, conversation: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${conversation}}:delivered`;
}

/**
 * Conversations with undelivered messages, scored by when the delivery sweep takes them over.
 * One key for the deployment, with its own hash tag (`{<prefix>-sweeps}`) so its Cluster slot is
 * fixed and shared with the timers' set. In one node or Sentinel the commit script writes it beside
 * the session's keys; in a Cluster it lives in another slot and the store writes it itself (see
 * cluster-sweep-sets.ts).
 */
export function deliveryDueKey(prefix: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${prefix}-sweeps}:delivery-due`;
}

/**
 * The ids of every encryption key values in this deployment were sealed with, so a process
 * started without one of them refuses to start instead of failing on each interview.
 */
export function encryptionKeyIdsKey(prefix: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${prefix}-sweeps}:encryption-key-ids`;
}

/**
 * Communities (scopes) to erase, scored by when: a Discord server that removed the bot, kept for a
 * grace period. One key for the deployment, in the sweep sets' slot.
 */
export function erasuresDueKey(prefix: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${prefix}-sweeps}:erasures-due`;
}

/**
 * Member erasures under way, scored by when the erasure sweep finishes one a process left
 * unfinished (members: memberErasureEntry). One key for the deployment, in the sweep sets' slot.
 */
export function memberErasuresDueKey(prefix: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${prefix}-sweeps}:member-erasures-due`;
}

/** A member erasure's entry: the scope and the member, on two lines (a scope has no newline). */
export function memberErasureEntry(scope: string, memberId: string): string {
  return `${scope}\n${memberId}`;
}

/** The scope and member of an entry memberErasureEntry made; null for one that does not parse. */
export function parseMemberErasureEntry(entry: string): { scope: string; memberId: string } | null {
  const newline = entry.indexOf("\n");
  if (newline <= 0) return null;
  return { scope: entry.slice(0, newline), memberId: entry.slice(newline + 1) };
}

/**
 * Armed quiet-period timers, scored by when they are due (members: see quiet-timer.ts). One key
 * for the deployment, in the delivery-due set's slot and written the same way.
 */
export function timersDueKey(prefix: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${prefix}-sweeps}:timers-due`;
}

/**
 * The sweep sets' names before they had a hash tag. Processes of the earlier version may still
 * write them during an upgrade; one node's (or Sentinel's) claim script merges them into the new
 * sets (Cluster never ran that version: its scripts failed across slots).
 */
export function legacySweepKeys(prefix: string): { deliveryDue: string; timersDue: string } {
  return {
    deliveryDue: `${prefix}:${KEY_LAYOUT_VERSION}:delivery-due`,
    timersDue: `${prefix}:${KEY_LAYOUT_VERSION}:timers-due`,
  };
}

/** A SCAN pattern matching every key of one conversation (glob characters escaped). */
export function conversationKeyPattern(prefix: string, conversation: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${escapeGlob(conversation)}}:*`;
}

/** A candidate's interviews in one community (Discord server, Slack workspace), newest first. */
export function candidateKey(prefix: string, scope: string, candidateId: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${scope}}:candidate:${candidateId}`;
}

/** The short hold taken while one start for a candidate is in progress. */
export function startHoldKey(prefix: string, scope: string, candidateId: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${scope}}:hold:${candidateId}`;
}

/**
 * SCAN patterns for every key of a scope: its own keys (`{discord:G}`) and those of its
 * conversations (`{discord:G:<thread>}`), which all start with the scope.
 */
export function scopeKeyPatterns(prefix: string, scope: string): [string, string] {
  const escaped = escapeGlob(scope);
  return [`${prefix}:${KEY_LAYOUT_VERSION}:{${escaped}}:*`, `${prefix}:${KEY_LAYOUT_VERSION}:{${escaped}:*`];
}

/**
 * `<prefix>:v1:{<scope>}:rate:<member>` for a key made by rateLimitKey(scope, member). With the
 * interview's conversation as the scope, the bucket shares the interview's hash tag and is erased
 * by the same SCAN patterns as the interview and its community. A key without "/" is all scope.
 */
export function rateBucketKey(prefix: string, key: string): string {
  const slash = key.indexOf("/");
  if (slash < 0) return `${prefix}:${KEY_LAYOUT_VERSION}:{${key}}:rate`;
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${key.slice(0, slash)}}:rate:${key.slice(slash + 1)}`;
}

/**
 * A SCAN pattern for a member's rate-limit buckets in every interview of a community (their keys
 * are made by rateBucketKey with the interview's conversation, which starts with the scope).
 */
export function memberRateBucketPattern(prefix: string, scope: string, memberId: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${escapeGlob(scope)}:*}:rate:${escapeGlob(memberId)}`;
}

/**
 * A member's progress history in one community (see ProgressStore): in the scope's hash tag, so
 * the scope's erasure patterns remove it with everything else of the community.
 */
export function progressKey(prefix: string, scope: string, memberId: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${scope}}:progress:${memberId}`;
}

/**
 * Where a value kept in a hash field is (its key and field), as the cipher's associated data: a
 * value moved to another member's hash or another field does not open.
 */
export function hashFieldPlace(key: string, field: string): string {
  return `${key}\n${field}`;
}

/**
 * A member's story bank in one community: a hash, one field per story id. Under the community's
 * hash tag, so erasing the community erases it too.
 */
export function storyBankKey(prefix: string, scope: string, memberId: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${scope}}:stories:${memberId}`;
}

/**
 * A community's settings (JSON) and its AI token meter for one month ("2026-12"). Under the
 * community's hash tag, so erasing the community erases them too, and one MGET reads both.
 */
export function communitySettingsKey(prefix: string, scope: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${scope}}:settings`;
}

/**
 * Communities with a retention period, scored by when the retention sweep next applies it. One
 * key for the deployment, in the sweep sets' slot.
 */
export function retentionDueKey(prefix: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${prefix}-sweeps}:retention-due`;
}

export function tokenMeterKey(prefix: string, scope: string, month: string): string {
  return `${prefix}:${KEY_LAYOUT_VERSION}:{${scope}}:tokens:${month}`;
}
