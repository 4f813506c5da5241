import type { TestProject } from "vitest/node";
import { startThrowawayRedis } from "./throwaway-redis.ts";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** One throwaway redis-server for the whole run, or REDIS_URL when set (CI services, clusters). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.REDIS_URL) {
    project.provide("redisUrl", process.env.REDIS_URL);
    return async () => {};
  }
  const redis = await startThrowawayRedis();
  project.provide("redisUrl", redis.url);
  return () => redis.stop();
}
