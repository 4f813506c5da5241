import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { waitForRedis } from "./throwaway-redis.ts";

/** How long a redis-server may take to answer after it is spawned: generous, for a busy machine. */
const START_MS = 30_000;

export interface RedisServerProcess {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * One redis-server (or, with `--sentinel`, a sentinel) on 127.0.0.1 with the given arguments, once
 * it answers PING. `args` may start with a configuration file. Fails clearly when it is missing.
 */
export async function startRedisServer(port: number, args: readonly string[]): Promise<RedisServerProcess> {
  const server: ChildProcess = spawn(
    "redis-server",
    [...args, "--port", String(port), "--bind", "127.0.0.1"],
    {
      stdio: "ignore",
    },
  );
  const spawnFailure = new Promise<never>((_, reject) => {
    server.once("error", (error) =>
      reject(new Error(`Could not start redis-server (is it installed?): ${error.message}`)),
    );
  });
  const url = `redis://127.0.0.1:${port}`;
  await Promise.race([waitForRedis(url, START_MS), spawnFailure]);
  return {
    port,
    url,
    async stop() {
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = once(server, "exit");
      server.kill("SIGTERM");
      await exited;
    },
  };
}
