import { callRedis } from "./call-redis.ts";
import type { RedisClient } from "./redis-connection.ts";
import { deliveryDueKey, timersDueKey } from "./store-keys.ts";
import { escapeGlob } from "./unlink-matching.ts";

/** Removes the members of a sorted set that match a ZSCAN pattern; ZSCAN never blocks Redis. */
export async function removeMatchingMembers(redis: RedisClient, key: string, pattern: string): Promise<void> {
  const stream = redis.zscanStream(key, { match: pattern, count: 500 });
  for await (const entries of stream as AsyncIterable<string[]>) {
    // ZSCAN answers member, score, member, score…
    const members = entries.filter((_, index) => index % 2 === 0);
    if (members.length > 0) await callRedis(() => redis.zrem(key, ...members));
  }
}

/** One conversation's quiet-period timers (members start with the conversation and a newline). */
export async function removeTimersOf(
  redis: RedisClient,
  prefix: string,
  conversation: string,
): Promise<void> {
  await removeMatchingMembers(redis, timersDueKey(prefix), `${escapeGlob(conversation)}\n*`);
}

/**
 * A whole community's entries in the deployment-wide sets (its conversations' keys all start
 * with the scope and a colon): their timers and their place in the delivery sweep.
 */
export async function removeScopeFromSweeps(
  redis: RedisClient,
  prefix: string,
  scope: string,
): Promise<void> {
  const pattern = `${escapeGlob(scope)}:*`;
  await removeMatchingMembers(redis, timersDueKey(prefix), pattern);
  await removeMatchingMembers(redis, deliveryDueKey(prefix), pattern);
}
