import type { Redis } from "ioredis";

/**
 * Every key of a deployment (its own keys and BullMQ's `{<prefix>-jobs}` ones) whose name or
 * stored value mentions one of `needles`: the value as Redis would write it to disk (DUMP), and,
 * for hashes, streams, lists, sets and sorted sets, their members read back, so text stored in a
 * job record or an event stream is found as well as text in a plain value.
 */
export async function keysMentioning(
  client: Redis,
  keyPrefix: string,
  needles: readonly string[],
): Promise<{ key: string; needle: string }[]> {
  const keys = [...(await client.keys(`${keyPrefix}:*`)), ...(await client.keys(`{${keyPrefix}-*`))];
  const found: { key: string; needle: string }[] = [];
  for (const key of keys) {
    const text = `${key}\n${await contentsOf(client, key)}`;
    for (const needle of needles) if (text.includes(needle)) found.push({ key, needle });
  }
  return found;
}

async function contentsOf(client: Redis, key: string): Promise<string> {
  const dump = (await client.dumpBuffer(key))?.toString("latin1") ?? "";
  switch (await client.type(key)) {
    case "hash":
      return `${dump}\n${JSON.stringify(await client.hgetall(key))}`;
    case "stream":
      return `${dump}\n${JSON.stringify(await client.xrange(key, "-", "+"))}`;
    case "list":
      return `${dump}\n${(await client.lrange(key, 0, -1)).join("\n")}`;
    case "set":
      return `${dump}\n${(await client.smembers(key)).join("\n")}`;
    case "zset":
      return `${dump}\n${(await client.zrange(key, "0", "-1")).join("\n")}`;
    default:
      return dump;
  }
}
