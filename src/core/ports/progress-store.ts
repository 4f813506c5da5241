import type { ConversationKey } from "../model/conversation.ts";
import type { ProgressEntry } from "../model/progress-entry.ts";

/** Progress is kept this long after a member's latest recorded interview. */
export const PROGRESS_RETENTION_MS = 365 * 24 * 60 * 60 * 1000;
/** Entries kept per member and community; the oldest go first. */
export const MAX_PROGRESS_ENTRIES = 100;

/**
 * Each member's finished interviews, per community (Discord server, Slack workspace, the terminal),
 * as minimal progress entries (see ProgressEntry). Outlives the interviews themselves: kept for
 * PROGRESS_RETENTION_MS after the latest write, and deletable per member.
 */
export interface ProgressStore {
  /** Adds or replaces the entry with the same session id (recording is idempotent). */
  record(scope: string, memberId: string, entry: ProgressEntry): Promise<void>;
  /** The member's entries, oldest first, at most MAX_PROGRESS_ENTRIES. */
  list(scope: string, memberId: string): Promise<ProgressEntry[]>;
  /** Deletes the member's whole progress history in this community; how many entries went. */
  delete(scope: string, memberId: string): Promise<number>;
  /**
   * The community's retention period: removes every member's entries here dated before `cutoff`
   * and lets what remains expire when it passes the period. How many entries went. Optional: a
   * store for one person (the terminal's file) has no community settings.
   */
  dropOlderThan?(scope: string, cutoff: number, now: number): Promise<number>;
}

/**
 * The community a conversation belongs to: "discord:<guild>" or "slack:<team>" (the first two
 * parts of its key, as the adapters build them), and "terminal" for every terminal interview
 * (one person at one keyboard; the member is the candidate id).
 */
export function progressScopeOf(conversation: ConversationKey): string {
  if (conversation.startsWith("terminal:")) return "terminal";
  const second = conversation.indexOf(":", conversation.indexOf(":") + 1);
  return second < 0 ? conversation : conversation.slice(0, second);
}

/** Oldest first, newest entries kept when there are too many. */
export function boundedProgress(entries: Iterable<ProgressEntry>): ProgressEntry[] {
  const sorted = [...entries].sort(
    (a, b) => a.finishedAt - b.finishedAt || a.sessionId.localeCompare(b.sessionId),
  );
  return sorted.slice(-MAX_PROGRESS_ENTRIES);
}
