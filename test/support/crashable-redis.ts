import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import getPort from "get-port";
import { waitForRedis } from "./throwaway-redis.ts";

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
    await waitForRedis(url, 20_000);
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
