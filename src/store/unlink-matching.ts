import { callRedis } from "./call-redis.ts";
import { isCluster, type RedisClient } from "./redis-connection.ts";
import { scanKeys } from "./scan-keys.ts";

/**
 * Deletes every key matching a SCAN pattern (SCAN + UNLINK, so Redis is never blocked), on every
 * node that holds keys; returns how many.
 */
export async function unlinkMatching(redis: RedisClient, pattern: string): Promise<number> {
  let deleted = 0;
  for await (const keys of scanKeys(redis, pattern)) {
    // One UNLINK may name keys of one slot only in a Cluster: keys with the same hash tag share one.
    const groups = isCluster(redis) ? [...groupByHashTag(keys).values()] : [keys];
    const counts = await Promise.all(groups.map((group) => callRedis(() => redis.unlink(...group))));
    for (const count of counts) deleted += count;
  }
  return deleted;
}

/** Keys grouped by hash tag (the first non-empty `{…}`, else the whole key), Redis Cluster's rule. */
export function groupByHashTag(keys: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const tag = hashTagOf(key);
    const group = groups.get(tag);
    if (group) group.push(key);
    else groups.set(tag, [key]);
  }
  return groups;
}

function hashTagOf(key: string): string {
  const open = key.indexOf("{");
  if (open < 0) return key;
  const close = key.indexOf("}", open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

/** A literal for a SCAN pattern: glob characters in ids (`*`, `?`, `[`, `]`, `\`) match only themselves. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (character) => `\\${character}`);
}
