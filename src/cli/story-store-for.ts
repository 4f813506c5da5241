import { dirname, join } from "node:path";
import type { StoryStore } from "../core/ports/story-store.ts";
import { defaultInterviewFile, type Runtime } from "../runtime.ts";
import { FileStoryStore } from "../store/file-story-store.ts";
import { MemoryStoryStore } from "../store/memory-story-store.ts";
import { RedisStoryStore } from "../store/redis-story-store.ts";

/**
 * Where the terminal keeps the story bank: in Redis beside the interviews when Redis is configured
 * (sealed like them), else `stories.json` in the data directory (it outlives any one interview
 * file), else in this process.
 */
export function storyStoreFor(runtime: Runtime): StoryStore {
  const { storage, config } = runtime;
  if (storage.kind === "redis")
    return new RedisStoryStore({
      client: storage.store.client,
      keyPrefix: config.keyPrefix,
      ...(storage.store.cipher ? { cipher: storage.store.cipher } : {}),
    });
  if (storage.kind === "memory") return new MemoryStoryStore();
  return new FileStoryStore({ path: join(dirname(defaultInterviewFile(runtime.config)), "stories.json") });
}
