import type { Story } from "../model/story.ts";

/** A member's story bank is kept this long after its last change, as round-1 logs are. */
export const STORY_BANK_RETENTION_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * Each member's story bank, per community ("discord:<guild>", "slack:<team>", "terminal"): the
 * stories their answers told (see story-bank.ts for how stories are merged and bounded). Personal
 * text: sealed at rest where the deployment seals interviews, erased with the community, and
 * deletable per story and per member.
 */
export interface StoryStore {
  /** The member's stories, in no particular order; unreadable entries are left out. */
  list(scope: string, memberId: string): Promise<Story[]>;
  /** Adds or replaces these stories (by id) and refreshes the bank's retention. */
  put(scope: string, memberId: string, stories: readonly Story[]): Promise<void>;
  /** Removes these stories; how many were there. */
  remove(scope: string, memberId: string, ids: readonly string[]): Promise<number>;
  /** Deletes the member's whole bank in this community; how many stories went. */
  deleteAll(scope: string, memberId: string): Promise<number>;
  /**
   * The community's retention period: removes every member's stories here dated before `cutoff`
   * and lets what remains expire when it passes the period. How many stories went. Optional: a
   * store for one person (the terminal's file) has no community settings.
   */
  dropOlderThan?(scope: string, cutoff: number, now: number): Promise<number>;
}
