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
}

/** A month's meter is kept this long after its last addition: the month and the next one shown. */
export const TOKEN_METER_RETENTION_MS = 62 * 24 * 60 * 60 * 1000;
