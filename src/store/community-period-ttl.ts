/** A community's retention period in ms, or null where it has none (see CommunitySettings.retentionDays). */
export type RetentionPeriodOf = (scope: string) => Promise<number | null>;

/**
 * The TTL a write in this community sets: the store's own, or the community's retention period
 * when that is shorter, so a member's data never outlives the period even between sweeps.
 */
export async function ttlInCommunity(
  storeTtlMs: number,
  periodOf: RetentionPeriodOf | undefined,
  scope: string,
): Promise<number> {
  const period = periodOf ? await periodOf(scope) : null;
  return period === null ? storeTtlMs : Math.min(storeTtlMs, period);
}
