import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import getPort from "get-port";
import { Redis } from "ioredis";
import type { RedisConfig } from "../../src/redis-config.ts";
import { type RedisServerProcess, startRedisServer } from "./redis-server-process.ts";

const run = promisify(execFile);

export interface ThrowawayCluster {
  /** REDIS_CLUSTER_NODES's parsed form: every master as a seed. */
  readonly config: Extract<RedisConfig, { topology: "cluster" }>;
  readonly masters: readonly RedisServerProcess[];
  stop(): Promise<void>;
}

/**
 * A real Redis Cluster of three masters (no replicas, persistence off) on free ports, created with
 * `redis-cli --cluster create` and ready once every node reports cluster_state:ok.
 */
export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const dir = await mkdtemp(join(tmpdir(), "sr-cluster-"));
  const masters: RedisServerProcess[] = [];
  const stop = async () => {
    await Promise.all(masters.map((master) => master.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let index = 0; index < 3; index += 1) {
      // The cluster bus gets a free port of its own (by default it is port + 10000, maybe taken).
      const [port, busPort] = [await getPort(), await getPort()];
      masters.push(
        await startRedisServer(port, [
          ...["--cluster-enabled", "yes", "--cluster-port", String(busPort)],
          ...["--cluster-config-file", join(dir, `nodes-${port}.conf`), "--cluster-node-timeout", "5000"],
          ...["--save", "", "--appendonly", "no", "--dir", dir],
        ]),
      );
    }
    const addresses = masters.map((master) => `127.0.0.1:${master.port}`);
    await run("redis-cli", ["--cluster", "create", ...addresses, "--cluster-replicas", "0", "--cluster-yes"]);
    await Promise.all(masters.map((master) => waitForClusterOk(master.url)));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    config: {
      topology: "cluster",
      nodes: masters.map((master) => ({ host: "127.0.0.1", port: master.port })),
      password: undefined,
      tls: false,
    },
    masters,
    stop,
  };
}

/** Every slot is assigned and the node agrees: the cluster serves commands. */
async function waitForClusterOk(url: string, timeoutMs = 30_000): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const deadline = Date.now() + timeoutMs;
    while (!(await client.cluster("INFO")).includes("cluster_state:ok")) {
      if (Date.now() > deadline) throw new Error(`${url} did not reach cluster_state:ok`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    client.disconnect();
  }
}
