import type { Redis } from "ioredis";

/**
 * What an acknowledged answer needs from Redis: every write appended to the AOF and fsynced before
 * Redis replies (`appendonly yes`, `appendfsync always`). With `everysec` a crash can take the last
 * second of writes, including answers the candidate was told were recorded; the engine then
 * detects the older state and asks for the answer again, but nothing is lost only with `always`.
 * Returns a warning for the operator, or null when the settings are durable.
 */
export async function redisDurabilityWarning(redis: Redis): Promise<string | null> {
  let settings: string[];
  try {
    settings = (await redis.call("CONFIG", "GET", "append*")) as string[];
  } catch {
    // Managed services often refuse CONFIG; their persistence is configured elsewhere.
    return "Could not read Redis persistence settings (CONFIG GET refused). Acknowledged answers survive a Redis crash only with appendonly yes and appendfsync always.";
  }
  const value = (name: string) => settings[settings.indexOf(name) + 1];
  if (value("appendonly") !== "yes" || value("appendfsync") !== "always") {
    return `Redis runs with appendonly ${value("appendonly") ?? "?"}, appendfsync ${value("appendfsync") ?? "?"}: a Redis crash can lose answers candidates were told were recorded (they are asked to send them again). Use appendonly yes and appendfsync always (see compose.yaml).`;
  }
  return null;
}
