import { hostname } from "node:os";
import type { ChatBot } from "../core/ports/chat-bot.ts";
import type { ReadinessCheck } from "./health-server.ts";
import { withTimeout } from "./with-timeout.ts";

/** A probe's write to Redis gives up after this: a Redis that slow cannot serve interviews either. */
const REDIS_WRITE_TIMEOUT_MS = 1_000;
/** The health key outlives a few probes and then goes by itself. */
const HEALTH_KEY_TTL_MS = 30_000;

/** The one Redis command the check needs; any topology's client has it. */
export interface RedisSetter {
  set(key: string, value: string, px: "PX", milliseconds: number): Promise<unknown>;
}

/**
 * Redis reachable and writable: a SET with an expiry on this process's own health key, under the
 * deployment's key prefix. A reachable Redis that refuses writes (a replica after a failover, a
 * full disk with AOF, out of memory with noeviction) fails it too, as it fails interviews.
 */
export function redisWritableCheck(client: RedisSetter, keyPrefix: string): ReadinessCheck {
  const key = `${keyPrefix}:v1:health:${hostname()}:${process.pid}`;
  return {
    name: "redis",
    check: async () => {
      await withTimeout(client.set(key, String(Date.now()), "PX", HEALTH_KEY_TTL_MS), REDIS_WRITE_TIMEOUT_MS);
      return true;
    },
  };
}

/**
 * Each of the process's chat bots connected to its platform (see ChatBot.connected). `bots` is
 * read at every probe: the bots are created, and connected, after the endpoints start.
 */
export function botChecks(platforms: readonly ChatBot["platform"][], bots: () => readonly ChatBot[]) {
  return platforms.map(
    (platform): ReadinessCheck => ({
      name: platform,
      check: () => bots().find((bot) => bot.platform === platform)?.connected ?? false,
    }),
  );
}

/** The process's job workers are running (none started yet counts as not ready). */
export function jobWorkersCheck(running: () => boolean): ReadinessCheck {
  return { name: "job-workers", check: running };
}
