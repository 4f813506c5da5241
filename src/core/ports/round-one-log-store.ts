import type { RoundOneLog } from "../model/round-one-log.ts";

/**
 * Where candidates' round-1 logs are kept, per community ("discord:<guild>", "slack:<team>",
 * "terminal") and member, one per company (looked up by companyLookupKey). Erasing a community
 * erases its logs with its interviews.
 */
export interface RoundOneLogStore {
  /** Saves the log, replacing the member's log for the same company if there was one. */
  put(scope: string, memberId: string, log: RoundOneLog): Promise<void>;
  /** The member's log for this company, or null. */
  get(scope: string, memberId: string, company: string): Promise<RoundOneLog | null>;
  /** All of the member's logs in this community, most recently changed first. */
  list(scope: string, memberId: string): Promise<RoundOneLog[]>;
  /** Deletes the member's log for this company; false when there was none. */
  delete(scope: string, memberId: string, company: string): Promise<boolean>;
  /** Deletes every log of the member in this community (their erasure request); how many went. */
  deleteMember(scope: string, memberId: string): Promise<number>;
  /**
   * The community's retention period: removes every member's logs here last changed before
   * `cutoff` and lets what remains expire when it passes the period. How many logs went.
   * Optional: a store for one person (the terminal's file) has no community settings.
   */
  dropOlderThan?(scope: string, cutoff: number, now: number): Promise<number>;
}
