// Discord deduplicates a send by its nonce only "in the past few minutes". A redelivery later than that (a bot
// restarted long after a crash) looks at the thread's recent messages first and skips a part the bot already
// posted there. The emulator's nonce window is shortened to 0 here, so every send below is beyond it. Each
// DiscordPoster is a fresh process: it remembers nothing of what another one posted.
import { once } from "node:events";
import { ChannelType, Client, Events, GatewayIntentBits, Partials, type ThreadChannel } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PendingInteractions } from "../../adapters/discord/pending-interactions.ts";
import { DiscordPoster } from "../../adapters/discord/post-outbound.ts";
import { renderDiscordMessage } from "../../adapters/discord/render/index.ts";
import type { OutboundMessage, Reply } from "../../src/core/model/reply.ts";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import { recordingCoreLogger } from "../support/slack-stack.ts";
import { sampleReport, TURN_ACTIONS } from "./sample-reports.ts";

let discord: DiscordEmulator;
const clients: Client[] = [];
let thread: ThreadChannel;

beforeEach(async () => {
  discord = new DiscordEmulator({ nonceWindowMs: 0 });
  await discord.start();
  const client = await connect();
  const channel = await client.channels.fetch(discord.defaultChannelId);
  if (channel?.type !== ChannelType.GuildText) throw new Error("no text channel");
  thread = await channel.threads.create({ name: "Interview: ada", type: ChannelType.PrivateThread });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.destroy()));
  await discord.stop();
});

/** A logged-in discord.js client, as one bot process has. */
async function connect(restTimeoutMs = 5_000): Promise<Client<true>> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    rest: { api: discord.apiUrl, retries: 0, timeout: restTimeoutMs },
    waitGuildTimeout: 1_000,
  });
  clients.push(client);
  const ready = once(client, Events.ClientReady);
  await client.login(discord.botToken);
  await ready;
  return client as Client<true>;
}

async function freshProcess(
  options: { restTimeoutMs?: number; logger?: ReturnType<typeof recordingCoreLogger> } = {},
) {
  const client = await connect(options.restTimeoutMs);
  return new DiscordPoster(client, new PendingInteractions(), options.logger ?? recordingCoreLogger());
}

function message(key: string, replies: Reply[], withButtons = false): OutboundMessage {
  return {
    idempotencyKey: key,
    conversation: `discord:${discord.guildId}:${thread.id}`,
    visibility: { kind: "conversation" },
    replies,
    actions: withButtons ? TURN_ACTIONS : [],
  };
}

const text = (value: string): Reply => ({ kind: "text", tone: "question", text: value });
/** What the bot posts for a message, part by part. */
const contents = (outbound: OutboundMessage) => renderDiscordMessage(outbound).map((part) => part.content);
const botPosts = () => discord.messagesIn(thread.id).filter((posted) => posted.author.bot);
const historyReads = () =>
  discord.requests.filter(
    (request) => request.method === "GET" && request.route === `/channels/${thread.id}/messages`,
  );

describe("DiscordPoster: a redelivery beyond the nonce window", () => {
  it("skips a message the bot already posted in the thread", async () => {
    const prompt = message("s-1:3", [text("Question 2 of 6: tell me about a conflict.")], true);
    await (await freshProcess()).send(prompt);
    expect(botPosts()).toHaveLength(1);

    await (await freshProcess()).send(prompt, { redelivery: true });

    expect(botPosts()).toHaveLength(1);
    expect(historyReads().at(-1)?.query).toMatchObject({ limit: "50" });
  });

  it("recognises a report by its embeds", async () => {
    const report = message("s-1:9", [{ kind: "report", report: sampleReport() }]);
    const parts = renderDiscordMessage(report).length;
    await (await freshProcess()).send(report);
    expect(botPosts()).toHaveLength(parts);

    await (await freshProcess()).send(report, { redelivery: true });

    expect(botPosts()).toHaveLength(parts);
  });

  it("posts only the parts of a split message that a dead process did not get to", async () => {
    const long = message(
      "s-1:4",
      [text(`${"a".repeat(1_900)} end-a`), text(`${"b".repeat(1_900)} end-b`)],
      true,
    );
    const parts = renderDiscordMessage(long);
    expect(parts.length).toBeGreaterThan(1);
    // The first process posts part 0; its request for part 1 never reaches Discord (it dies waiting).
    let postsSeen = 0;
    discord.holdRequests({
      mode: "before",
      match: (request) =>
        request.method === "POST" && request.route === `/channels/${thread.id}/messages` && ++postsSeen === 2,
    });
    const dying = await freshProcess({ restTimeoutMs: 300 });
    await expect(dying.send(long)).rejects.toThrow();
    expect(botPosts()).toHaveLength(1);

    await (await freshProcess()).send(long, { redelivery: true });

    expect(botPosts().map((posted) => posted.content)).toEqual(parts.map((part) => part.content));
    expect(botPosts().at(-1)?.components).toHaveLength(parts.at(-1)?.components?.length ?? 0);
  });

  it("posts a message that is not in the thread, once", async () => {
    const ack = message("s-1:5", [text("Answer recorded: 120 words.")]);
    await (await freshProcess()).send(ack, { redelivery: true });
    expect(botPosts().map((posted) => posted.content)).toEqual(contents(ack));
  });

  it("does not take someone else's identical words for the bot's post", async () => {
    const ada = discord.addUser({ username: "ada" });
    discord.addThreadMember(thread.id, ada.id);
    const question = message("s-1:6", [text("Question 3 of 6: why us?")]);
    await discord.sendMessage({ userId: ada.id, channelId: thread.id, content: contents(question)[0] ?? "" });

    await (await freshProcess()).send(question, { redelivery: true });

    expect(botPosts().map((posted) => posted.content)).toEqual(contents(question));
  });

  it("does not read the thread for a first delivery", async () => {
    await (await freshProcess()).send(message("s-1:7", [text("Hint: think of a number.")]));
    expect(historyReads()).toHaveLength(0);
  });

  it("keeps the message for later when the history cannot be read for now", async () => {
    discord.failNext({
      method: "GET",
      pathPattern: new RegExp(`/channels/${thread.id}/messages`),
      status: 500,
    });
    await expect(
      (await freshProcess()).send(message("s-1:8", [text("Question 4 of 6")]), { redelivery: true }),
    ).rejects.toThrow();
    expect(botPosts()).toHaveLength(0);
  });

  it("posts when reading the history is refused, and says so once", async () => {
    const logger = recordingCoreLogger();
    const poster = await freshProcess({ logger });
    discord.failNext({
      method: "GET",
      pathPattern: new RegExp(`/channels/${thread.id}/messages`),
      status: 403,
      code: 50001,
      times: 2,
    });
    const fifth = message("s-1:10", [text("Question 5 of 6")]);
    const sixth = message("s-1:11", [text("Question 6 of 6")]);
    await poster.send(fifth, { redelivery: true });
    await poster.send(sixth, { redelivery: true });

    expect(botPosts().map((posted) => posted.content)).toEqual([...contents(fifth), ...contents(sixth)]);
    const warnings = logger.lines.filter((line) => line.level === "warn");
    expect(warnings).toHaveLength(1);
  });
});
