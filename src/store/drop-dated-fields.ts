import { callRedis } from "./call-redis.ts";
import type { RedisClient } from "./redis-connection.ts";
import { scanKeys } from "./scan-keys.ts";

/**
 * Removes each given field only if it still holds the value read (a member changing it meanwhile
 * keeps the change). KEYS[1] the hash; ARGV field, value, field, value… Returns how many went.
 */
const HDEL_UNCHANGED = `
local removed = 0
for index = 1, #ARGV, 2 do
  if redis.call('HGET', KEYS[1], ARGV[index]) == ARGV[index + 1] then
    removed = removed + redis.call('HDEL', KEYS[1], ARGV[index])
  end
end
return removed
`;

/** When a stored field's value was last changed; null when it cannot be read (left, but expiring). */
export type DateOfField = (key: string, field: string, value: string) => number | null;

/**
 * A community's retention period on members' hashes (progress, round-1 logs, story banks: one
 * hash per member, one dated entry per field). For every key matching `pattern`, removes the
 * fields dated before `cutoff`, then makes the key expire when its newest remaining field passes
 * the period (PEXPIRE LT: never later than it would have gone anyway). An undated field cannot
 * outlive the period from now. Returns how many fields were removed.
 */
export async function dropDatedFields(
  redis: RedisClient,
  pattern: string,
  cutoff: number,
  now: number,
  dateOf: DateOfField,
): Promise<number> {
  let dropped = 0;
  for await (const keys of scanKeys(redis, pattern)) {
    for (const key of keys) {
      const fields = await callRedis(() => redis.hgetall(key));
      const old: string[] = [];
      let expiresIn = 0;
      for (const [field, value] of Object.entries(fields)) {
        const date = dateOf(key, field, value);
        if (date !== null && date < cutoff) old.push(field, value);
        else expiresIn = Math.max(expiresIn, date === null ? now - cutoff : date - cutoff);
      }
      if (old.length > 0)
        dropped += Number(await callRedis(() => redis.eval(HDEL_UNCHANGED, 1, key, ...old)));
      if (old.length / 2 < Object.keys(fields).length)
        await callRedis(() => redis.pexpire(key, Math.max(1, Math.ceil(expiresIn)), "LT"));
    }
  }
  return dropped;
}
