import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import getPort from "get-port";
import { Redis } from "ioredis";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * Starts a throwaway redis-server on a free port for the whole run, so tests never touch
 * another Redis' data. REDIS_URL, when set, is used instead (CI services, Redis Cluster tests).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.REDIS_URL) {
    project.provide("redisUrl", process.env.REDIS_URL);
    return async () => {};
  }
  const port = await getPort();
  const dir = await mkdtemp(join(tmpdir(), "sr-redis-"));
  const server: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
    { stdio: "ignore" },
  );
  const spawnFailure = new Promise<never>((_, reject) => {
    server.once("error", (error) =>
      reject(new Error(`Could not start redis-server (is it installed?): ${error.message}`)),
    );
  });
  const url = `redis://127.0.0.1:${port}`;
  await Promise.race([waitForRedis(url), spawnFailure]);
  project.provide("redisUrl", url);
  return async () => {
    server.kill("SIGTERM");
    await rm(dir, { recursive: true, force: true });
  };
}

async function waitForRedis(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      return;
    } catch {
      client.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`redis-server did not answer on ${url} within 10 s`);
}
