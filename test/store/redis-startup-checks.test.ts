import getPort from "get-port";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/core/model/errors.ts";
import { checkRedisAtStartup } from "../../src/store/redis-startup-checks.ts";
import { CHILD_PROCESS_MS, runCli } from "../support/cli-process.ts";
import { type RedisServerProcess, startRedisServer } from "../support/redis-server-process.ts";

const servers: RedisServerProcess[] = [];
const clients: Redis[] = [];
afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit()));
  await Promise.all(servers.map((server) => server.stop()));
});

/** A private redis-server with persistence off and the given settings, and a client for it. */
async function redisWith(...settings: string[]) {
  const server = await startRedisServer(await getPort(), ["--save", "", "--appendonly", "no", ...settings]);
  servers.push(server);
  const client = new Redis(server.url, { maxRetriesPerRequest: 2 });
  clients.push(client);
  return { server, client };
}

describe("the chat bots' Redis checks at start-up", () => {
  it("refuse a Redis that may evict keys, saying how to fix it", async () => {
    const { client } = await redisWith("--maxmemory-policy", "allkeys-lru");
    const refusal = checkRedisAtStartup(client);
    await expect(refusal).rejects.toThrow(ConfigError);
    await expect(refusal).rejects.toThrow(
      /maxmemory-policy allkeys-lru[\s\S]*delete interviews[\s\S]*maxmemory-policy to noeviction/,
    );
  });

  it("read the policy from INFO when CONFIG is disabled, as on managed Redis", async () => {
    const evicting = await redisWith("--maxmemory-policy", "volatile-lru", "--rename-command", "CONFIG", "");
    await expect(checkRedisAtStartup(evicting.client)).rejects.toThrow(/maxmemory-policy volatile-lru/);
    const keeping = await redisWith("--rename-command", "CONFIG", "");
    // noeviction passes; persistence cannot be read without CONFIG, which is said.
    expect(await checkRedisAtStartup(keeping.client)).toEqual([
      expect.stringMatching(/Could not read Redis persistence settings/),
    ]);
  });

  it("pass noeviction, warning only that persistence is off", async () => {
    const { client } = await redisWith();
    expect(await checkRedisAtStartup(client)).toEqual([expect.stringMatching(/appendonly no/)]);
  });

  it("stop `serve` before it connects to any platform", { timeout: CHILD_PROCESS_MS }, async () => {
    const { server } = await redisWith("--maxmemory-policy", "allkeys-lru");
    const { code, stderr } = await runCli(["serve"], "", {
      REDIS_URL: server.url,
      DISCORD_BOT_TOKEN: "unused",
      DISCORD_API_URL: `http://127.0.0.1:${await getPort()}`,
      LOG_LEVEL: "silent",
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/secondround: Redis may evict keys \(maxmemory-policy allkeys-lru\)/);
  });
});
