// A worker fetches clips for the platforms it can: Discord's signed URLs always, Slack's files only
// with the Slack settings (the token travels to Slack's file host and nowhere else).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { workerVoiceSources } from "../../src/serve/worker-voice-sources.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { silentLogger } from "../support/engine-harness.ts";
import { redisUrl, uniquePrefix } from "../support/redis-test-client.ts";

const CLIP = new Uint8Array([0x4f, 0x67, 0x67, 0x53, 1, 2, 3]);
const seen: { url: string; authorization: string | undefined }[] = [];
const server = createServer((request, response) => {
  seen.push({ url: request.url ?? "", authorization: request.headers.authorization });
  response.writeHead(200, { "content-type": "audio/ogg" });
  response.end(CLIP);
});
let origin = "";
let store: RedisSessionStore;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  store = new RedisSessionStore({ url: redisUrl(), keyPrefix: uniquePrefix("worker-voice") });
});

afterAll(async () => {
  await store.close();
  await new Promise((resolve) => server.close(resolve));
});

describe("a worker's voice clip sources", () => {
  it("fetches Discord clips from the API stand-in's origin without a token, and refuses other hosts", async () => {
    const sources = workerVoiceSources(
      loadConfig({ DISCORD_BOT_TOKEN: "bot-token", DISCORD_API_URL: `${origin}/api` }),
      store,
      silentLogger(),
    );
    const fetched = await sources.download("discord:G1", { source: `${origin}/cdn/clip.ogg`, size: 7 });
    expect(fetched).toEqual({ ok: true, bytes: CLIP });
    expect(seen.at(-1)).toEqual({ url: "/cdn/clip.ogg", authorization: undefined });
    const before = seen.length;
    expect(
      await sources.download("discord:G1", { source: "https://evil.example/clip.ogg", size: 7 }),
    ).toEqual({ ok: false, problem: "unavailable" });
    expect(seen).toHaveLength(before);
  });

  it("fetches Slack clips with the bot token only when it has the Slack settings", async () => {
    const without = workerVoiceSources(loadConfig({}), store, silentLogger());
    expect(without.has("slack")).toBe(false);
    expect(await without.download("slack:T1", { source: `${origin}/files/clip.ogg`, size: 7 })).toEqual({
      ok: false,
      problem: "unavailable",
    });
    const withSlack = workerVoiceSources(
      loadConfig({
        SLACK_BOT_TOKEN: "xoxb-worker",
        SLACK_SIGNING_SECRET: "secret",
        SLACK_API_URL: `${origin}/api/`,
      }),
      store,
      silentLogger(),
    );
    expect(await withSlack.download("slack:T1", { source: `${origin}/files/clip.ogg`, size: 7 })).toEqual({
      ok: true,
      bytes: CLIP,
    });
    expect(seen.at(-1)).toEqual({ url: "/files/clip.ogg", authorization: "Bearer xoxb-worker" });
  });
});
