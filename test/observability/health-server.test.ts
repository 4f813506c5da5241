import { createServer } from "node:http";
import getPort from "get-port";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/core/model/errors.ts";
import {
  type HealthServer,
  type ReadinessCheck,
  startHealthServer,
} from "../../src/observability/health-server.ts";
import { silentLogger } from "../support/discord-stack.ts";

let server: HealthServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(checks: readonly ReadinessCheck[]) {
  server = await startHealthServer({
    port: 0,
    host: "127.0.0.1",
    checks,
    metrics: async () => ({ contentType: "text/plain; version=0.0.4", body: "secondround_up 1\n" }),
    logger: silentLogger,
  });
  const base = `http://127.0.0.1:${server.port}`;
  return (path: string, init?: RequestInit) => fetch(`${base}${path}`, init);
}

describe("the health server", () => {
  it("is alive on /healthz and /health, and answers unknown paths with 404", async () => {
    const get = await start([]);
    for (const path of ["/healthz", "/health"]) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok" });
    }
    expect((await get("/nowhere")).status).toBe(404);
    expect((await get("/healthz/more")).status).toBe(404);
  });

  it("is ready only while every check passes, and names each check and why it failed", async () => {
    let redisUp = true;
    const get = await start([
      { name: "redis", check: () => redisUp },
      { name: "discord", check: async () => true },
      {
        name: "job-workers",
        check: async () => {
          if (!redisUp) throw new Error("workers waiting for Redis");
          return true;
        },
      },
    ]);
    const ready = await get("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: "ready",
      checks: { redis: "ok", discord: "ok", "job-workers": "ok" },
    });
    redisUp = false;
    for (const path of ["/readyz", "/ready"]) {
      const unready = await get(path);
      expect(unready.status).toBe(503);
      expect(await unready.json()).toEqual({
        status: "unready",
        checks: { redis: "failed", discord: "ok", "job-workers": "failed: workers waiting for Redis" },
      });
    }
    redisUp = true;
    expect((await get("/readyz")).status).toBe(200);
  });

  it("serves the metrics text, answers HEAD without a body and refuses other methods", async () => {
    const get = await start([]);
    const metrics = await get("/metrics");
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get("content-type")).toBe("text/plain; version=0.0.4");
    expect(await metrics.text()).toBe("secondround_up 1\n");
    const head = await get("/healthz", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const post = await get("/readyz", { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("says which variable to change when its port is taken", async () => {
    const port = await getPort();
    const occupant = createServer();
    await new Promise<void>((resolve) => occupant.listen(port, resolve));
    try {
      const starting = startHealthServer({
        port,
        checks: [],
        metrics: async () => ({ contentType: "text/plain", body: "" }),
        logger: silentLogger,
      });
      await expect(starting).rejects.toBeInstanceOf(ConfigError);
      await expect(starting).rejects.toThrow(/HEALTH_PORT/);
    } finally {
      await new Promise((resolve) => occupant.close(resolve));
    }
  });
});
