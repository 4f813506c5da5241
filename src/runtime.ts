import { createOfflineCoach } from "./coach/offline-coach.ts";
import type { Config } from "./config.ts";
import type { Coach } from "./core/coach-port.ts";
import type { Logger, SessionStore } from "./core/ports.ts";
import { createLogger } from "./logger.ts";
import { MemorySessionStore } from "./store/memory-session-store.ts";
import { RedisSessionStore } from "./store/redis-session-store.ts";

/** The composition root: configuration in, the ready-made store, coach and logger out. */
export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly store: SessionStore;
  readonly coach: Coach;
  /** "redis" keeps interviews across restarts; "memory" only for this process. */
  readonly storeKind: "redis" | "memory";
}

export function createRuntime(config: Config): Runtime {
  const logger = createLogger(config.logLevel);
  const coach = createOfflineCoach();
  if (config.redisUrl) {
    const store = new RedisSessionStore({
      url: config.redisUrl,
      keyPrefix: config.keyPrefix,
      sessionTtlMs: config.sessionTtlMs,
      onConnectionError: (error) => logger.warn("redis connection error", { error: error.message }),
    });
    return { config, logger, store, coach, storeKind: "redis" };
  }
  return {
    config,
    logger,
    store: new MemorySessionStore({ sessionTtlMs: config.sessionTtlMs }),
    coach,
    storeKind: "memory",
  };
}
