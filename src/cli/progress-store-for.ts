import { dirname, join } from "node:path";
import type { ProgressStore } from "../core/ports/progress-store.ts";
import { defaultInterviewFile, type Runtime } from "../runtime.ts";
import { FileProgressStore } from "../store/file-progress-store.ts";
import { MemoryProgressStore } from "../store/memory-progress-store.ts";
import { RedisProgressStore } from "../store/redis-progress-store.ts";

/** The terminal's member scope: one person at one keyboard (the member is `terminal:<name>`). */
export const TERMINAL_PROGRESS_SCOPE = "terminal";

/**
 * Where the terminal keeps progress: in Redis beside the interviews when Redis is configured,
 * else `progress.json` in the data directory (whatever --session-file says: the history outlives
 * any one interview file), else in this process.
 */
export function progressStoreFor(runtime: Runtime): ProgressStore {
  const { storage, config } = runtime;
  if (storage.kind === "redis")
    return new RedisProgressStore({ client: storage.store.client, keyPrefix: config.keyPrefix });
  if (storage.kind === "memory") return new MemoryProgressStore();
  return new FileProgressStore({ path: progressFile(runtime) });
}

export function progressFile(runtime: Runtime): string {
  return join(dirname(defaultInterviewFile(runtime.config)), "progress.json");
}
