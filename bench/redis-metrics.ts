import type { Redis } from "ioredis";

/** Calls per command from INFO commandstats (e.g. "evalsha" → 1234). */
export async function redisCommandCalls(client: Redis): Promise<Map<string, number>> {
  const info = await client.info("commandstats");
  const calls = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    if (match[1] && match[2]) calls.set(match[1], Number(match[2]));
  }
  return calls;
}

export async function redisUsedMemory(client: Redis): Promise<number> {
  const info = await client.info("memory");
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? 0);
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
