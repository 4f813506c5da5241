// Drives the Discord emulator with the real discord.js 14 client over 127.0.0.1, so every wire shape the emulator
// produces is checked by discord.js's own parsers, REST error handling, rate-limit queue and gateway state machine.
import { once } from "node:events";
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  LabelBuilder,
  type Message,
  MessageFlags,
  ModalBuilder,
  Options,
  Partials,
  RateLimitError,
  REST,
  Routes,
  type TextChannel,
  TextInputBuilder,
  TextInputStyle,
  type ThreadChannel,
} from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import {
  DiscordEmulator,
  type DiscordEmulatorOptions,
  type DiscordEmulator as Emulator,
} from "./discord/index.ts";

const DEFAULT_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
];

let discord: Emulator;
const clients: Client[] = [];

async function useEmulator(options: DiscordEmulatorOptions = {}): Promise<void> {
  await discord?.stop();
  discord = new DiscordEmulator(options);
  await discord.start();
}

function newClient(options: { intents?: number[]; retries?: number; noMessageCache?: boolean } = {}): Client {
  const client = new Client({
    intents: options.intents ?? DEFAULT_INTENTS,
    partials: [Partials.Channel],
    // platforms.md §1.1: `api` without /v10; no retries of 5xx so faults surface at once; a short timeout.
    rest: { api: discord.apiUrl, version: "10", retries: options.retries ?? 0, timeout: 5000 },
    waitGuildTimeout: 1000,
    ...(options.noMessageCache ? { makeCache: Options.cacheWithLimits({ MessageManager: 0 }) } : {}),
  });
  clients.push(client);
  return client;
}

async function startClient(options: Parameters<typeof newClient>[0] = {}): Promise<Client<true>> {
  const client = newClient(options);
  const ready = once(client, Events.ClientReady);
  await client.login(discord.botToken);
  await ready;
  return client as Client<true>;
}

function textChannel(client: Client, id = discord.defaultChannelId): TextChannel {
  const channel = client.channels.cache.get(id);
  if (channel?.type !== ChannelType.GuildText) throw new Error(`channel ${id} is not a cached text channel`);
  return channel;
}

async function privateThread(client: Client, name = "Interview: alice"): Promise<ThreadChannel> {
  return textChannel(client).threads.create({
    name,
    type: ChannelType.PrivateThread,
    autoArchiveDuration: 1440,
  });
}

/** Resolves with the DiscordAPIError a call rejects with (fails the test if it resolves). */
async function apiError(call: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await call.then(
    () => new Error("expected the call to fail"),
    (e: unknown) => e,
  );
  if (!(error instanceof DiscordAPIError)) throw error;
  return error;
}

function onInteraction(client: Client, handler: (interaction: Interaction) => Promise<void>): void {
  client.on(Events.InteractionCreate, (interaction) => {
    handler(interaction).catch(() => {});
  });
}

beforeEach(async () => {
  await useEmulator();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.destroy()));
  await discord.stop();
});

describe("Discord emulator: login and gateway", () => {
  it("logs the real client in: gateway/bot, HELLO, IDENTIFY, READY and GUILD_CREATE with the guild cached", async () => {
    const client = await startClient();

    expect(client.user.id).toBe(discord.botUserId);
    expect(client.user.bot).toBe(true);
    expect(client.application.id).toBe(discord.applicationId);
    const guild = client.guilds.cache.get(discord.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.roles.everyone.id).toBe(discord.guildId);
    expect(guild?.members.me?.id).toBe(discord.botUserId);
    expect(textChannel(client).name).toBe("interviews");
    // Snowflakes are real: discord.js derives timestamps from them.
    expect(Math.abs((guild?.createdTimestamp ?? 0) - Date.now())).toBeLessThan(60_000);

    expect(discord.requests[0]).toMatchObject({
      method: "GET",
      path: "/api/v10/gateway/bot",
      auth: `Bot ${discord.botToken}`,
    });
    const identify = discord.gatewayLog.filter((f) => f.direction === "in" && f.op === 2);
    expect(identify).toHaveLength(1);
    const dispatched = discord.gatewayLog.filter((f) => f.direction === "out" && f.op === 0);
    expect(dispatched.map((f) => [f.t, f.s])).toEqual([
      ["READY", 1],
      ["GUILD_CREATE", 2],
    ]);
  });

  it("rejects a wrong token with 401 on REST and close 4004 on IDENTIFY", async () => {
    const client = newClient();
    await expect(client.login("not-the-token")).rejects.toThrow(/invalid token/i);

    const socket = new WebSocket(`${discord.gatewayUrl}?v=10&encoding=json`);
    const closed = once(socket, "close");
    const [hello] = (await once(socket, "message")) as [Buffer];
    expect(JSON.parse(hello.toString())).toMatchObject({ op: 10, d: { heartbeat_interval: 41_250 } });
    socket.send(JSON.stringify({ op: 2, d: { token: "not-the-token", intents: 1, properties: {} } }));
    const [code] = (await closed) as [number];
    expect(code).toBe(4004);
  });

  it("accepts a new IDENTIFY after the previous bot process went away", async () => {
    const first = await startClient();
    await first.destroy();
    const second = await startClient();

    expect(second.guilds.cache.has(discord.guildId)).toBe(true);
    expect(discord.gatewayLog.filter((f) => f.direction === "in" && f.op === 2)).toHaveLength(2);
    expect(discord.connectedSessions).toBe(1);
  });

  it("answers op 1 heartbeats with op 11", async () => {
    await useEmulator({ heartbeatIntervalMs: 50 });
    const client = await startClient();
    await discord.waitFor(() => discord.gatewayLog.some((f) => f.direction === "out" && f.op === 11));
    // The log has the ack as sent; discord.js measures its ping when it reads it, a moment later on a busy machine.
    await discord.waitFor(() => client.ws.ping >= 0, undefined, "discord.js to read the heartbeat ack");
    expect(client.ws.ping).toBeGreaterThanOrEqual(0);
  });

  it("replays a dispatch after a forced RESUME: the duplicate MESSAGE_CREATE has the same id", async () => {
    const client = await startClient();
    const alice = discord.addUser({ username: "alice" });
    const raw: string[] = [];
    const created: Message[] = [];
    client.on(Events.Raw, (packet: { t: string | null; d: { id?: string } }) => {
      if (packet.t === "MESSAGE_CREATE" && packet.d.id) raw.push(packet.d.id);
    });
    client.on(Events.MessageCreate, (message) => {
      created.push(message);
    });
    const sent = await discord.sendMessage({
      userId: alice.id,
      channelId: discord.defaultChannelId,
      content: "hi",
    });
    await discord.waitFor(() => created.length === 1);

    const duplicates = await discord.replayDispatchesAfterResume({ count: 1 });

    expect(duplicates).toEqual([
      expect.objectContaining({ t: "MESSAGE_CREATE", d: expect.objectContaining({ id: sent.id }) }),
    ]);
    await discord.waitFor(() => raw.length === 2);
    expect(raw).toEqual([sent.id, sent.id]);
    expect(discord.gatewayLog.some((f) => f.direction === "in" && f.op === 6)).toBe(true);
    expect(discord.gatewayLog.some((f) => f.direction === "out" && f.t === "RESUMED")).toBe(true);
    // discord.js drops a user message it already has in cache: messageCreate fired once. Adapters must still
    // deduplicate (cache eviction, restarts), see the next test.
    expect(created).toHaveLength(1);
  });

  it("re-delivers a user message by id; without a message cache discord.js emits it twice", async () => {
    const client = await startClient({ noMessageCache: true });
    const alice = discord.addUser({ username: "alice" });
    const created: string[] = [];
    client.on(Events.MessageCreate, (message) => {
      created.push(message.id);
    });
    const sent = await discord.sendMessage({
      userId: alice.id,
      channelId: discord.defaultChannelId,
      content: "hi",
    });
    await discord.sendMessage({
      userId: alice.id,
      channelId: discord.defaultChannelId,
      content: "hi",
      id: sent.id,
    });

    await discord.waitFor(() => created.length === 2);
    expect(created).toEqual([sent.id, sent.id]);
    expect(discord.message(sent.id)?.deliveries).toBe(2);
    expect(discord.messagesIn(discord.defaultChannelId)).toHaveLength(1);
  });
});

describe("Discord emulator: interactions", () => {
  it("delivers /interview start with typed options and an attachment; records deferReply and editReply", async () => {
    const client = await startClient();
    const alice = discord.addUser({ username: "alice" });
    await client.application.commands.set(
      [
        {
          name: "interview",
          description: "Mock interview",
          options: [
            {
              type: 1,
              name: "start",
              description: "Start one",
              options: [
                { type: 3, name: "role", description: "Role" },
                { type: 10, name: "minutes", description: "Length" },
                { type: 4, name: "questions", description: "How many" },
                { type: 5, name: "voice", description: "Voice answers" },
                { type: 11, name: "cv", description: "Your CV" },
              ],
            },
          ],
        },
      ],
      discord.guildId,
    );
    const cv = discord.hostFile(new TextEncoder().encode("%PDF-1.4 cv"), "cv.pdf", "application/pdf");
    const seen: Record<string, unknown> = {};
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      Object.assign(seen, {
        subcommand: interaction.options.getSubcommand(),
        role: interaction.options.getString("role"),
        minutes: interaction.options.getNumber("minutes"),
        questions: interaction.options.getInteger("questions"),
        voice: interaction.options.getBoolean("voice"),
        cvUrl: interaction.options.getAttachment("cv")?.url,
        channelId: interaction.channelId,
        userId: interaction.user.id,
      });
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply({ content: "Starting your backend interview." });
    });

    const record = await discord.runSlashCommand({
      userId: alice.id,
      channelId: discord.defaultChannelId,
      name: "interview",
      subcommand: "start",
      options: { role: "backend", minutes: 30, questions: 3, voice: false },
      attachments: { cv },
    });
    await discord.waitFor(() => discord.interactionResponses(record.id).length === 2);

    expect(record.deliveredTo).toBe(1);
    expect(seen).toEqual({
      subcommand: "start",
      role: "backend",
      minutes: 30,
      questions: 3,
      voice: false,
      cvUrl: cv.url,
      channelId: discord.defaultChannelId,
      userId: alice.id,
    });
    // The registered type (NUMBER 10) wins over the inferred INTEGER for 30.
    const data = record.payload.data as { options: [{ options: { name: string; type: number }[] }] };
    expect(data.options[0].options.map((o) => [o.name, o.type])).toEqual([
      ["role", 3],
      ["minutes", 10],
      ["questions", 4],
      ["voice", 5],
      ["cv", 11],
    ]);
    const [defer, edit] = discord.interactionResponses(record.id);
    expect(defer).toMatchObject({
      kind: "callback",
      callbackType: 5,
      body: { type: 5, data: { flags: 64 } },
    });
    expect(edit).toMatchObject({
      kind: "original-edit",
      body: { content: "Starting your backend interview." },
    });
    const callback = discord.requests.find((r) => r.route.endsWith("/callback"));
    expect(callback).toMatchObject({ auth: null, query: { with_response: "false" }, status: 204 });
    expect(discord.requests.find((r) => r.method === "PATCH")?.path).toMatch(/\/messages\/@original$/);
    const [reply] = discord.messagesIn(discord.defaultChannelId);
    expect(reply).toMatchObject({
      content: "Starting your backend interview.",
      flags: 64,
      source: "interaction",
    });

    const download = await fetch(seen.cvUrl as string);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode(await download.arrayBuffer())).toBe("%PDF-1.4 cv");
  });

  it("turns the first follow-up after a defer into the thinking message; later ones are new messages", async () => {
    const client = await startClient();
    const alice = discord.addUser({ username: "alice" });
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.followUp({ content: "Question 1" });
      await interaction.followUp({ content: "Question 2" });
    });
    const record = await discord.runSlashCommand({
      userId: alice.id,
      channelId: discord.defaultChannelId,
      name: "interview",
    });
    await discord.waitFor(() => discord.interactionResponses(record.id).length === 3);

    const messages = discord.messagesIn(discord.defaultChannelId);
    expect(messages.map((m) => [m.content, m.flags, m.type])).toEqual([
      ["Question 1", 0, 20],
      ["Question 2", 0, 0],
    ]);
  });

  it("refuses a first callback after the deadline with 404 10062 Unknown interaction", async () => {
    await useEmulator({ interactionDeadlineMs: 300 });
    const client = await startClient();
    const alice = discord.addUser({ username: "alice" });
    const failure = new Promise<DiscordAPIError>((resolve) => {
      onInteraction(client, async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        await new Promise((r) => setTimeout(r, 400));
        resolve(await apiError(interaction.reply({ content: "too late" })));
      });
    });
    const record = await discord.runSlashCommand({
      userId: alice.id,
      channelId: discord.defaultChannelId,
      name: "interview",
    });

    const error = await failure;
    expect(error.code).toBe(10062);
    expect(error.status).toBe(404);
    expect(discord.interactionResponses(record.id)).toEqual([]);
    expect(discord.rejected.at(-1)?.reason).toMatch(/deadline 300 ms/);
    expect(discord.messagesIn(discord.defaultChannelId)).toEqual([]);
  });

  it("expires interaction tokens with 404 10015 Unknown Webhook, leaving the bot token usable", async () => {
    await useEmulator({ webhookTokenTtlMs: 200 });
    const client = await startClient();
    const alice = discord.addUser({ username: "alice" });
    const failure = new Promise<DiscordAPIError>((resolve) => {
      onInteraction(client, async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        await interaction.deferReply();
        await new Promise((r) => setTimeout(r, 250));
        resolve(await apiError(interaction.editReply("Your feedback is ready.")));
      });
    });
    await discord.runSlashCommand({
      userId: alice.id,
      channelId: discord.defaultChannelId,
      name: "interview",
    });

    const error = await failure;
    expect([error.status, error.code]).toEqual([404, 10015]);
    // A 401 here would have made @discordjs/rest drop its token; bot-authenticated calls still work.
    await expect(textChannel(client).send("Feedback posted in the channel instead.")).resolves.toBeTruthy();
  });

  it("acknowledges one callback when two bot processes race; the other gets 400 40060", async () => {
    const alice = discord.addUser({ username: "alice" });
    const outcomes: string[] = [];
    for (const client of [await startClient(), await startClient()]) {
      onInteraction(client, async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        await interaction.reply({ content: "Starting" }).then(
          () => outcomes.push("ok"),
          (error: unknown) => outcomes.push(error instanceof DiscordAPIError ? String(error.code) : "other"),
        );
      });
    }
    const record = await discord.runSlashCommand({
      userId: alice.id,
      channelId: discord.defaultChannelId,
      name: "interview",
    });

    expect(record.deliveredTo).toBe(2);
    await discord.waitFor(() => outcomes.length === 2);
    expect(outcomes.sort()).toEqual(["40060", "ok"]);
    expect(discord.messagesIn(discord.defaultChannelId)).toHaveLength(1);
  });

  it("answers with_response=true callbacks with the interaction callback response", async () => {
    const client = await startClient();
    const alice = discord.addUser({ username: "alice" });
    const messageId = new Promise<string | undefined>((resolve) => {
      onInteraction(client, async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        const response = await interaction.reply({ content: "Hello", withResponse: true });
        resolve(response.resource?.message?.id);
      });
    });
    await discord.runSlashCommand({
      userId: alice.id,
      channelId: discord.defaultChannelId,
      name: "interview",
    });

    expect(await messageId).toBe(discord.messagesIn(discord.defaultChannelId)[0]?.id);
  });

  it("delivers a button click with its message, records the modal, and delivers the modal submit", async () => {
    const client = await startClient();
    const alice = discord.addUser({ username: "alice" });
    const answers: string[] = [];
    const clickedMessages: string[] = [];
    onInteraction(client, async (interaction) => {
      if (interaction.isButton()) {
        clickedMessages.push(interaction.message.content);
        await interaction.showModal(
          new ModalBuilder()
            .setCustomId("answer-modal")
            .setTitle("Your answer")
            .addLabelComponents(
              new LabelBuilder()
                .setLabel("Answer")
                .setTextInputComponent(
                  new TextInputBuilder().setCustomId("answer").setStyle(TextInputStyle.Paragraph),
                ),
            ),
        );
      } else if (interaction.isModalSubmit()) {
        answers.push(interaction.fields.getTextInputValue("answer"));
        // A modal shown from a button carries that message, so the submit may update it (type 7).
        if (interaction.isFromMessage())
          await interaction.update({ content: "Answer received.", components: [] });
      }
    });
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId("answer:q1").setLabel("Answer").setStyle(ButtonStyle.Primary),
    );
    const question = await textChannel(client).send({
      content: "Question 1: tell me about a conflict.",
      components: [row],
    });

    const click = await discord.clickButton({
      userId: alice.id,
      channelId: discord.defaultChannelId,
      messageId: question.id,
      customId: "answer:q1",
    });
    await discord.waitFor(() => discord.interactionResponses(click.id).length === 1);
    expect(clickedMessages).toEqual(["Question 1: tell me about a conflict."]);
    expect(discord.interactionResponses(click.id)[0]).toMatchObject({
      callbackType: 9,
      body: { data: { custom_id: "answer-modal", title: "Your answer" } },
    });

    const submit = await discord.submitModal({
      userId: alice.id,
      channelId: discord.defaultChannelId,
      customId: "answer-modal",
      fields: { answer: "I listened first." },
    });
    await discord.waitFor(() => discord.interactionResponses(submit.id).length === 1);
    expect(answers).toEqual(["I listened first."]);
    expect(discord.message(question.id)).toMatchObject({ content: "Answer received.", components: [] });
  });
});

describe("Discord emulator: threads and messages", () => {
  it("creates a private thread, adds a member, posts embeds and components, and dedupes by nonce", async () => {
    const client = await startClient();
    const alice = discord.addUser({ username: "alice" });
    const echoes: Message[] = [];
    client.on(Events.MessageCreate, (message) => {
      echoes.push(message);
    });

    const thread = await privateThread(client);
    await thread.members.add(alice.id);
    const payload = {
      content: "Question 1",
      embeds: [{ title: "Behavioural", description: "Tell me about a conflict." }],
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId("skip:q1").setLabel("Skip").setStyle(ButtonStyle.Secondary),
        ),
      ],
      nonce: "q1-7f3a",
      enforceNonce: true,
    };
    const first = await thread.send(payload);
    const again = await thread.send(payload);
    await thread.send({
      content: "No pings",
      allowedMentions: { parse: [] },
      flags: MessageFlags.SuppressEmbeds,
    });

    expect(thread.type).toBe(ChannelType.PrivateThread);
    expect(again.id).toBe(first.id);
    expect(discord.deduplicatedSends).toEqual([
      expect.objectContaining({ messageId: first.id, nonce: "q1-7f3a" }),
    ]);
    expect(discord.threads).toEqual([
      expect.objectContaining({
        id: thread.id,
        parentId: discord.defaultChannelId,
        type: 12,
        members: [discord.botUserId, alice.id],
        archived: false,
      }),
    ]);
    const [question, noPings] = discord.messagesIn(thread.id);
    expect(discord.messagesIn(thread.id)).toHaveLength(2);
    expect(question).toMatchObject({
      content: "Question 1",
      embeds: [{ title: "Behavioural" }],
      components: [{ type: 1, components: [{ type: 2, custom_id: "skip:q1" }] }],
      nonce: "q1-7f3a",
      enforceNonce: true,
      allowed_mentions: null,
      author: { id: discord.botUserId, bot: true },
    });
    expect(noPings).toMatchObject({ allowed_mentions: { parse: [] }, flags: 4 });
    // The gateway echo of the bot's own posts reaches the client as well.
    await discord.waitFor(() => echoes.length === 2);
    expect(echoes.map((m) => m.author.id)).toEqual([discord.botUserId, discord.botUserId]);
    expect(discord.gatewayLog.some((f) => f.t === "THREAD_CREATE")).toBe(true);
    expect(discord.requests.find((r) => r.method === "PUT")?.path).toBe(
      `/api/v10/channels/${thread.id}/thread-members/${alice.id}`,
    );
  });

  it("delivers a user's answer in the thread to messageCreate with its content", async () => {
    const client = await startClient();
    const alice = discord.addUser({ username: "alice" });
    const thread = await privateThread(client);
    await thread.members.add(alice.id);
    const received = once(client, Events.MessageCreate) as Promise<[Message]>;

    await discord.sendMessage({
      userId: alice.id,
      channelId: thread.id,
      content: "I would shard by tenant.",
    });

    const [message] = await received;
    expect(message.content).toBe("I would shard by tenant.");
    expect(message.author.id).toBe(alice.id);
    expect(message.channel.isThread()).toBe(true);
    expect(message.channelId).toBe(thread.id);
  });

  it("sends a link preview as MESSAGE_UPDATE with embeds added and content and edited_timestamp unchanged", async () => {
    const client = await startClient();
    const alice = discord.addUser({ username: "alice" });
    const thread = await privateThread(client);
    await thread.members.add(alice.id);
    const created = once(client, Events.MessageCreate) as Promise<[Message]>;
    const sent = await discord.sendMessage({
      userId: alice.id,
      channelId: thread.id,
      content: "My portfolio: https://example.com/work and <https://example.com/quiet>",
    });
    await created;
    const updated = once(client, Events.MessageUpdate) as Promise<[Message, Message]>;

    await discord.addLinkPreview({ channelId: thread.id, messageId: sent.id });

    const [before, after] = await updated;
    expect(before.embeds).toHaveLength(0);
    expect(after.embeds.map((embed) => embed.url)).toEqual(["https://example.com/work"]);
    expect(after.content).toBe(before.content);
    expect(after.editedTimestamp).toBeNull();
    const edited = once(client, Events.MessageUpdate) as Promise<[Message, Message]>;
    await discord.editMessage({ channelId: thread.id, messageId: sent.id, content: "Changed" });
    const [, afterEdit] = await edited;
    expect(afterEdit.editedTimestamp).toEqual(expect.any(Number));
    await expect(
      discord.addLinkPreview({ channelId: thread.id, messageId: sent.id, embeds: [] }),
    ).rejects.toThrow(/no link to preview/);
  });

  it("blanks message content for a session without the MESSAGE_CONTENT intent", async () => {
    const client = await startClient({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    });
    const alice = discord.addUser({ username: "alice" });
    const received = once(client, Events.MessageCreate) as Promise<[Message]>;
    await discord.sendMessage({
      userId: alice.id,
      channelId: discord.defaultChannelId,
      content: "secret answer",
    });
    const [message] = await received;
    expect(message.content).toBe("");
  });

  it("rejects messages over Discord's limits with 400 50035 (and empty ones with 50006)", async () => {
    const client = await startClient();
    const channel = textChannel(client);
    const button = (id: string, label = "Go") => ({ type: 2, style: 1, custom_id: id, label });
    const row = (count: number) => ({
      type: 1,
      components: Array.from({ length: count }, (_, i) => button(`b${i}`)),
    });
    const cases: [string, Parameters<TextChannel["send"]>[0], RegExp][] = [
      ["content", { content: "x".repeat(2001) }, /content/],
      ["embed count", { embeds: Array.from({ length: 11 }, () => ({ title: "t" })) }, /embeds/],
      ["title", { embeds: [{ title: "t".repeat(257) }] }, /embeds\.0\.title/],
      ["description", { embeds: [{ description: "d".repeat(4097) }] }, /embeds\.0\.description/],
      [
        "fields",
        { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: "n", value: "v" })) }] },
        /fields/,
      ],
      ["field value", { embeds: [{ fields: [{ name: "n", value: "v".repeat(1025) }] }] }, /fields\.0\.value/],
      ["footer", { embeds: [{ footer: { text: "f".repeat(2049) } }] }, /footer\.text/],
      ["author", { embeds: [{ author: { name: "a".repeat(257) } }] }, /author\.name/],
      [
        "6000 total",
        { embeds: Array.from({ length: 2 }, () => ({ description: "d".repeat(3001) })) },
        /6000/,
      ],
      ["rows", { components: Array.from({ length: 6 }, () => row(1)) as never }, /components/],
      ["buttons per row", { components: [row(6)] as never }, /components\.0\.components/],
      [
        "custom_id",
        { components: [{ type: 1, components: [button("c".repeat(101))] }] as never },
        /custom_id/,
      ],
      ["label", { components: [{ type: 1, components: [button("ok", "l".repeat(81))] }] as never }, /label/],
    ];
    for (const [name, payload, reason] of cases) {
      const error = await apiError(channel.send(payload));
      expect({ name, code: error.code, status: error.status }).toEqual({ name, code: 50035, status: 400 });
      expect(discord.rejected.at(-1)?.reason).toMatch(reason);
    }
    const tooLong = await apiError(channel.send({ content: "x".repeat(2001) }));
    expect(tooLong.rawError).toMatchObject({
      code: 50035,
      errors: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } },
    });
    const empty = await apiError(channel.send({ content: "", embeds: [] }));
    expect(empty.code).toBe(50006);
    expect(discord.messagesIn(discord.defaultChannelId)).toEqual([]);
  });

  it("records multipart uploads (files[n] + payload_json) and serves them from the CDN", async () => {
    const client = await startClient();
    const pdf = Buffer.from("%PDF-1.4 feedback report");
    const message = await textChannel(client).send({
      content: "Your report",
      files: [{ attachment: pdf, name: "report.pdf" }],
    });

    const upload = discord.requests.find((r) => r.method === "POST" && r.multipart);
    expect(upload?.files).toEqual([
      expect.objectContaining({ field: "files[0]", filename: "report.pdf", size: pdf.length }),
    ]);
    expect(upload?.body).toMatchObject({ content: "Your report", attachments: [{ id: "0" }] });
    const attachment = message.attachments.first();
    expect(attachment?.name).toBe("report.pdf");
    const download = await fetch(attachment?.url ?? "");
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
  });

  it("refuses posts in archived (50083), locked (50013) and deleted (10003) threads, and denied permissions", async () => {
    const client = await startClient();
    const thread = await privateThread(client);

    discord.archiveThread(thread.id);
    await discord.waitFor(() => thread.archived);
    expect((await apiError(thread.send("hello"))).code).toBe(50083);

    discord.unarchiveThread(thread.id);
    discord.lockThread(thread.id);
    await discord.waitFor(() => thread.locked && !thread.archived);
    expect((await apiError(thread.send("hello"))).code).toBe(50013);

    discord.deleteChannel(thread.id);
    await discord.waitFor(() => !client.channels.cache.has(thread.id));
    expect(
      (await apiError(client.rest.post(`/channels/${thread.id}/messages`, { body: { content: "hi" } }))).code,
    ).toBe(10003);

    discord.denyPermission(discord.defaultChannelId, "CREATE_PRIVATE_THREADS");
    const denied = await apiError(privateThread(client, "second"));
    expect([denied.status, denied.code]).toEqual([403, 50013]);
    expect(discord.rejected.map((r) => r.code)).toEqual([50083, 50013, 10003, 50013]);
    // discord.js saw the overwrite through CHANNEL_UPDATE.
    await discord.waitFor(() => textChannel(client).permissionOverwrites.cache.has(discord.botUserId));
  });

  it("sends THREAD_MEMBERS_UPDATE when a member is removed (GUILD_MEMBERS intent)", async () => {
    const client = await startClient({ intents: [...DEFAULT_INTENTS, GatewayIntentBits.GuildMembers] });
    const alice = discord.addUser({ username: "alice" });
    const thread = await privateThread(client);
    await thread.members.add(alice.id);
    const update = once(client, Events.ThreadMembersUpdate) as Promise<
      [unknown, Map<string, unknown>, ThreadChannel]
    >;

    discord.removeThreadMember(thread.id, alice.id);

    const [, removed, updated] = await update;
    expect([...removed.keys()]).toEqual([alice.id]);
    expect(updated.id).toBe(thread.id);
    expect(discord.threads[0]?.members).toEqual([discord.botUserId]);
  });

  it("lets discord.js wait out a scripted 429 and retry", async () => {
    const client = await startClient();
    discord.failNext({
      method: "POST",
      pathPattern: /\/channels\/\d+\/messages$/,
      status: 429,
      retryAfter: 0.2,
    });
    const started = Date.now();

    const message = await textChannel(client).send("after the limit");

    expect(message.content).toBe("after the limit");
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    const posts = discord.requests.filter((r) => r.method === "POST" && r.route.endsWith("/messages"));
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(posts[0]?.headers["user-agent"]).toMatch(/discord\.js/);
    expect(discord.rejected.at(-1)).toMatchObject({ status: 429, reason: "scripted fault 429" });
  });

  it("surfaces a 429 as RateLimitError when rejectOnRateLimit is set", async () => {
    const rest = new REST({ api: discord.apiUrl, retries: 0, rejectOnRateLimit: () => true }).setToken(
      discord.botToken,
    );
    discord.failNext({ pathPattern: /\/messages$/, status: 429, retryAfter: 2, global: true });

    const error = await rest
      .post(Routes.channelMessages(discord.defaultChannelId), { body: { content: "hi" } })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfter: 2050, global: true, method: "POST" });
    expect(discord.messagesIn(discord.defaultChannelId)).toEqual([]);
  });
});
