import type { Redis } from "ioredis";
import { callRedis } from "./call-redis.ts";

/** Keys fetched per SCAN step: big enough to be quick, small enough never to block Redis. */
const BATCH = 500;

/** Deletes every key matching a SCAN pattern (SCAN + UNLINK, so Redis is never blocked); returns how many. */
export async function unlinkMatching(redis: Redis, pattern: string): Promise<number> {
  let deleted = 0;
  const stream = redis.scanStream({ match: pattern, count: BATCH });
  for await (const keys of stream as AsyncIterable<string[]>) {
    if (keys.length > 0) deleted += await callRedis(() => redis.unlink(...keys));
  }
  return deleted;
}

/** A literal for a SCAN pattern: glob characters in ids (`*`, `?`, `[`, `]`, `\`) match only themselves. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (character) => `\\${character}`);
}
