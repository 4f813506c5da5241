import type { Redis } from "ioredis";

/**
 * A node's `maxmemory-policy`, or null when it cannot be read. Managed services often refuse
 * CONFIG (renamed, "unknown command", or NOPERM for the ACL user); INFO memory reports the same
 * setting as `maxmemory_policy`, so that is asked next.
 */
export async function readEvictionPolicy(node: Redis): Promise<string | null> {
  try {
    const reply = (await node.call("CONFIG", "GET", "maxmemory-policy")) as string[];
    const index = reply.indexOf("maxmemory-policy");
    if (index >= 0 && reply[index + 1]) return reply[index + 1] ?? null;
  } catch {
    // Refused: try INFO.
  }
  try {
    const info = await node.info("memory");
    return /^maxmemory_policy:(\S+)/m.exec(info)?.[1] ?? null;
  } catch {
    return null;
  }
}
