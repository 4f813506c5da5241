import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import getPort from "get-port";
import { Redis } from "ioredis";

export interface ThrowawayRedis {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts a private redis-server on a free port with persistence off, so tests and benchmarks
 * never touch another Redis' data. Fails with a clear message when redis-server is missing.
 */
export async function startThrowawayRedis(): Promise<ThrowawayRedis> {
  const port = await getPort();
  const dir = await mkdtemp(join(tmpdir(), "sr-redis-"));
  const server = spawn(
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
  return {
    url,
    async stop() {
      server.kill("SIGTERM");
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once a redis-server answers PING on `url`. */
export async function waitForRedis(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
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
  throw new Error(`redis-server did not answer on ${url} within ${timeoutMs / 1000} s`);
}
