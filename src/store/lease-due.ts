/**
 * In memory, as CLAIM_OVERDUE_SCRIPT does on a sorted set: the earliest members due by `now`, at
 * most `limit`, each pushed `leaseMs` into the future so no one else takes them meanwhile.
 */
export function leaseDue(dueAt: Map<string, number>, now: number, leaseMs: number, limit: number): string[] {
  const due = [...dueAt]
    .filter(([, at]) => at <= now)
    .sort(([, a], [, b]) => a - b)
    .slice(0, limit)
    .map(([member]) => member);
  for (const member of due) dueAt.set(member, now + leaseMs);
  return due;
}
