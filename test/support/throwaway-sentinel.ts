import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import getPort from "get-port";
import { Redis } from "ioredis";
import type { RedisConfig } from "../../src/redis-config.ts";
import { type RedisServerProcess, startRedisServer } from "./redis-server-process.ts";

export const SENTINEL_MASTER_NAME = "mymaster";

export interface ThrowawaySentinel {
  /** REDIS_SENTINELS + REDIS_SENTINEL_NAME's parsed form. */
  readonly config: Extract<RedisConfig, { topology: "sentinel" }>;
  readonly master: RedisServerProcess;
  stop(): Promise<void>;
}

/**
 * One master and one sentinel monitoring it (redis-server in sentinel mode, with a configuration
 * file it may rewrite), ready once the sentinel names the master.
 */
export async function startThrowawaySentinel(): Promise<ThrowawaySentinel> {
  const dir = await mkdtemp(join(tmpdir(), "sr-sentinel-"));
  const processes: RedisServerProcess[] = [];
  const stop = async () => {
    // The sentinel first, so it does not watch its master go.
    for (const server of processes.reverse()) await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const master = await startRedisServer(await getPort(), [
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      dir,
    ]);
    processes.push(master);
    const configFile = join(dir, "sentinel.conf");
    await writeFile(
      configFile,
      [
        `dir ${dir}`,
        `sentinel monitor ${SENTINEL_MASTER_NAME} 127.0.0.1 ${master.port} 1`,
        `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} 5000`,
        "",
      ].join("\n"),
    );
    const sentinel = await startRedisServer(await getPort(), [configFile, "--sentinel"]);
    processes.push(sentinel);
    await waitForMaster(sentinel.url, master.port);
    return {
      config: {
        topology: "sentinel",
        sentinels: [{ host: "127.0.0.1", port: sentinel.port }],
        name: SENTINEL_MASTER_NAME,
        sentinelPassword: undefined,
        password: undefined,
        tls: false,
      },
      master,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForMaster(sentinelUrl: string, port: number, timeoutMs = 30_000): Promise<void> {
  const client = new Redis(sentinelUrl, { maxRetriesPerRequest: 1 });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const address = (await client.call("SENTINEL", "get-master-addr-by-name", SENTINEL_MASTER_NAME)) as
        | string[]
        | null;
      if (address?.[1] === String(port)) return;
      if (Date.now() > deadline) throw new Error("the sentinel did not name its master");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    client.disconnect();
  }
}
