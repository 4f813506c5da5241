// The Discord emulator's side of checking a delivery: the nonce window, history read back without nonces (Discord
// does not store them), and requests held to model a process that dies in the middle of one. Driven by discord.js.
import { once } from "node:events";
import { ChannelType, Client, Events, GatewayIntentBits, type ThreadChannel } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { DiscordEmulator, type DiscordEmulatorOptions } from "./discord/index.ts";

let discord: DiscordEmulator;
const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.destroy()));
  await discord?.stop();
});

async function setUp(options: DiscordEmulatorOptions = {}, restTimeoutMs = 5_000): Promise<ThreadChannel> {
  discord = new DiscordEmulator(options);
  await discord.start();
  const client = await connect(restTimeoutMs);
  const channel = await client.channels.fetch(discord.defaultChannelId);
  if (channel?.type !== ChannelType.GuildText) throw new Error("no text channel");
  return channel.threads.create({ name: "Interview: ada", type: ChannelType.PrivateThread });
}

async function connect(restTimeoutMs: number): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    rest: { api: discord.apiUrl, retries: 0, timeout: restTimeoutMs },
    waitGuildTimeout: 1_000,
  });
  clients.push(client);
  const ready = once(client, Events.ClientReady);
  await client.login(discord.botToken);
  await ready;
  return client;
}

describe("Discord emulator: nonces", () => {
  it("deduplicates a nonce within the window only, and never returns it from the history", async () => {
    const thread = await setUp({ nonceWindowMs: 200 });
    const payload = { content: "Question 1", nonce: "q1", enforceNonce: true };
    const first = await thread.send(payload);
    const again = await thread.send(payload);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const later = await thread.send(payload);

    expect(again.id).toBe(first.id);
    expect(later.id).not.toBe(first.id);
    expect(first.nonce).toBe("q1");
    // Read raw: discord.js would patch the cached messages, which keep the nonce their send returned.
    const read = async (route: string) => {
      const response = await fetch(`${discord.apiUrl}/v10${route}`, {
        headers: { authorization: `Bot ${discord.botToken}` },
      });
      return response.json();
    };
    const history = (await read(`/channels/${thread.id}/messages?limit=50`)) as {
      id: string;
      nonce?: unknown;
    }[];
    expect(history.map((message) => [message.id, "nonce" in message])).toEqual([
      [later.id, false],
      [first.id, false],
    ]);
    expect(await read(`/channels/${thread.id}/messages/${first.id}`)).not.toHaveProperty("nonce");
  });
});

describe("Discord emulator: held requests", () => {
  it("'after' posts the message and holds the answer until released", async () => {
    const thread = await setUp();
    const hold = discord.holdRequests({ mode: "after", match: (request) => request.method === "POST" });
    const sending = thread.send({ content: "held" });
    const request = await hold.arrived;

    expect(request.route).toBe(`/channels/${thread.id}/messages`);
    expect(discord.messagesIn(thread.id).map((message) => message.content)).toEqual(["held"]);
    hold.release();
    await expect(sending).resolves.toMatchObject({ content: "held" });
  });

  it("'before' applies nothing when the client gives up first", async () => {
    const thread = await setUp({}, 200);
    const hold = discord.holdRequests({ mode: "before", match: (request) => request.method === "POST" });
    const sending = thread.send({ content: "stalled" });
    await hold.arrived;
    await expect(sending).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    hold.release();

    expect(discord.messagesIn(thread.id)).toEqual([]);
  });
});
