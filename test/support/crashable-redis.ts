import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import getPort from "get-port";
import { Redis } from "ioredis";

export interface CrashableRedis {
  readonly url: string;
  /** SIGKILL: no shutdown save, no final fsync; only what the AOF already holds survives. */
  kill(): Promise<void>;
  /** Starts redis-server again on the same port and data directory (it replays the AOF). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A private redis-server with AOF persistence, for crash tests: killed with SIGKILL and restarted
 * from its own files, as a production Redis restarts after a crash.
 */
export async function startCrashableRedis(appendfsync: "always" | "everysec"): Promise<CrashableRedis> {
  const port = await getPort();
  const dir = await mkdtemp(join(tmpdir(), "sr-aof-"));
  const url = `redis://127.0.0.1:${port}`;
  const launch = async (): Promise<ChildProcess> => {
    const server = spawn(
      "redis-server",
      [
        ...["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", ""],
        ...["--appendonly", "yes", "--appendfsync", appendfsync],
      ],
      { stdio: "ignore" },
    );
    await waitForRedis(url);
    return server;
  };
  let server = await launch();
  const exited = (process: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (process.exitCode !== null || process.signalCode !== null) resolve();
      else process.once("exit", () => resolve());
    });
  return {
    url,
    async kill() {
      server.kill("SIGKILL");
      await exited(server);
    },
    async restart() {
      server = await launch();
    },
    async stop() {
      server.kill("SIGKILL");
      await exited(server);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitForRedis(url: string): Promise<void> {
  const deadline = Date.now() + 20_000;
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
  throw new Error(`redis-server did not answer on ${url} within 20 s`);
}
