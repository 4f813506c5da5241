import type { CommunitySettings } from "../model/community-settings.ts";

/**
 * Each community's settings ("discord:<guild>", "slack:<team>") and its AI token meter. Kept with
 * the community's other data, so erasing the community erases them too. Settings hold no personal
 * content: admins' questions and numbers only.
 */
export interface CommunitySettingsStore {
  /** The community's settings; the defaults when it has none (or the stored value is unreadable). */
  get(scope: string): Promise<CommunitySettings>;
  /** Replaces the community's settings with these (validated again). */
  put(scope: string, settings: CommunitySettings): Promise<void>;
  /** Adds AI coach tokens to the community's meter for the month ("2026-12"); the new total. */
  addTokens(scope: string, month: string, tokens: number): Promise<number>;
  /** AI coach tokens the community used in the month ("2026-12"); 0 when none. */
  tokensUsed(scope: string, month: string): Promise<number>;
  /**
   * Communities whose retention period is due to be applied, each leased to this caller for
   * `leaseMs` (a process that dies mid-sweep leaves it to another). `put` lists a community with
   * a retention period as due at once, so a shorter period reaches data already stored, and
   * unlists one without. Optional: stores with no sweeping process (the terminal) leave it out.
   */
  claimDueRetention?(now: number, leaseMs: number, limit: number): Promise<string[]>;
  /**
   * The community's retention period was applied: due again at `nextAt` (unless a change of
   * settings made it due sooner meanwhile); null unlists it (it has no period any more).
   */
  retentionApplied?(scope: string, nextAt: number | null): Promise<void>;
}

/** A month's meter is kept this long after its last addition: the month and the next one shown. */
export const TOKEN_METER_RETENTION_MS = 62 * 24 * 60 * 60 * 1000;
