import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import getPort from "get-port";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meteredSlackFetch } from "../../adapters/slack/metered-fetch.ts";
import { NO_METRICS } from "../../src/core/ports/metrics.ts";
import { eventually } from "../support/eventually.ts";

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const json = (status: number, body: object) => {
      response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      response.end(JSON.stringify(body));
    };
    if (request.url === "/api/chat.postMessage") json(200, { ok: true, ts: "1.2" });
    else if (request.url === "/api/conversations.replies")
      json(200, { ok: false, error: "channel_not_found" });
    else if (request.url === "/api/limited") json(429, { ok: false, error: "ratelimited" });
    else json(500, { ok: false });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

function recorder() {
  const counts = { errors: 0, limited: 0 };
  const metrics = {
    ...NO_METRICS,
    platformApiFailed: () => {
      counts.errors += 1;
    },
    platformRateLimited: () => {
      counts.limited += 1;
    },
  };
  return { counts, fetch: meteredSlackFetch(metrics) };
}

describe("the Slack Web API client's metered fetch", () => {
  it("counts 429s as rate limits and HTTP errors, ok:false replies and network failures as API errors", async () => {
    const { counts, fetch } = recorder();
    const ok = await fetch(`${base}/chat.postMessage`, { method: "POST" });
    expect(await ok.json()).toEqual({ ok: true, ts: "1.2" });
    const refused = await fetch(`${base}/conversations.replies`, { method: "POST" });
    // The client reads the reply as before: counting it took a copy.
    expect(await refused.json()).toEqual({ ok: false, error: "channel_not_found" });
    await eventually(() => counts.errors === 1, 10_000, "the ok:false reply counted");
    expect((await fetch(`${base}/limited`, { method: "POST" })).status).toBe(429);
    expect((await fetch(`${base}/broken`, { method: "POST" })).status).toBe(500);
    const closedPort = await getPort();
    await expect(
      fetch(`http://127.0.0.1:${closedPort}/api/chat.postMessage`, { method: "POST" }),
    ).rejects.toThrow();
    await eventually(() => counts.errors === 3, 10_000, "every error counted");
    expect(counts).toEqual({ errors: 3, limited: 1 });
  });
});
