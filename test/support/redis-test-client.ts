import { Redis } from "ioredis";
import { afterAll, inject } from "vitest";

/** The throwaway redis-server started by the global setup (or REDIS_URL). */
export function redisUrl(): string {
  return inject("redisUrl");
}

/** A unique key prefix per test file, so parallel files never see each other's keys. */
export function uniquePrefix(label: string): string {
  return `srtest-${label}-${process.pid}-${Date.now().toString(36)}`;
}

/** A client closed automatically after the file's tests. */
export function testRedisClient(): Redis {
  const client = new Redis(redisUrl(), { maxRetriesPerRequest: 2 });
  afterAll(async () => {
    await client.quit();
  });
  return client;
}

export async function countKeys(client: Redis, pattern: string): Promise<number> {
  let count = 0;
  const stream = client.scanStream({ match: pattern, count: 500 });
  for await (const keys of stream as AsyncIterable<string[]>) count += keys.length;
  return count;
}
