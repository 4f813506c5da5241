import type { Redis } from "ioredis";
import { ConfigError } from "../core/model/errors.ts";
import { isCluster, type RedisClient } from "./redis-connection.ts";
import { redisDurabilityWarning } from "./redis-durability.ts";
import { readEvictionPolicy } from "./redis-eviction-policy.ts";
import { keyHoldingNodes } from "./scan-keys.ts";

/**
 * What the chat bots check before serving, on every node that holds keys (each master of a
 * Cluster). Eviction is refused: under memory pressure Redis would silently delete interviews,
 * inboxes and delivery records, so a policy other than `noeviction` stops start-up with how to fix
 * it. Persistence that can lose acknowledged answers, or a setting that cannot be read, is a
 * warning. Returns the warnings for the log.
 */
export async function checkRedisAtStartup(client: RedisClient): Promise<string[]> {
  const nodes = await keyHoldingNodes(client);
  const named = (node: Redis) => (isCluster(client) ? ` on ${node.options.host}:${node.options.port}` : "");
  const warnings: string[] = [];
  const evicting: string[] = [];
  for (const node of nodes) {
    const policy = await readEvictionPolicy(node);
    if (policy === null)
      warnings.push(
        `Could not read Redis' maxmemory-policy${named(node)} (CONFIG GET and INFO refused): it must be noeviction, or Redis may delete interviews when memory runs short.`,
      );
    else if (policy !== "noeviction") evicting.push(`${policy}${named(node)}`);
    const durability = await redisDurabilityWarning(node);
    if (durability)
      warnings.push(
        isCluster(client) ? `${node.options.host}:${node.options.port}: ${durability}` : durability,
      );
  }
  if (evicting.length > 0)
    throw new ConfigError(
      `Redis may evict keys (maxmemory-policy ${evicting.join(", ")}): under memory pressure it would silently delete interviews. Set maxmemory-policy to noeviction (redis.conf, or CONFIG SET maxmemory-policy noeviction, or your provider's parameter group) and start again.`,
    );
  return warnings;
}
