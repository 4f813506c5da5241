export interface GroupLimits<T> {
  /** Items per message (Discord: 10 embeds; Slack: 50 blocks). */
  readonly maxItems: number;
  /** Counted characters per message. */
  readonly maxSize: number;
  readonly sizeOf: (item: T) => number;
  /** Items that mean nothing at the top of a message (a Slack divider) are left out there. */
  readonly skipAtStart?: (item: T) => boolean;
}

/** Items in order, grouped into as few messages as the platform's per-message limits allow. */
export function groupWithinLimits<T>(items: readonly T[], limits: GroupLimits<T>): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    const itemSize = limits.sizeOf(item);
    if (current.length > 0 && (current.length >= limits.maxItems || size + itemSize > limits.maxSize)) {
      groups.push(current);
      current = [];
      size = 0;
    }
    if (current.length === 0 && limits.skipAtStart?.(item)) continue;
    current.push(item);
    size += itemSize;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
