// The Slack bot in Socket Mode (SLACK_APP_TOKEN set, no signing secret): Bolt's SocketModeReceiver and the real
// @slack/socket-mode client against a fake Socket Mode endpoint, the fake Web API and a real Redis. The same
// payload builders as the HTTP tests, delivered as envelopes and acknowledged over the WebSocket.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackBot, type SlackBotOptions } from "../../adapters/slack/index.ts";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import { InProcessJobQueue } from "../../src/core/engine/in-process-job-queue.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import type { Session } from "../../src/core/model/session.ts";
import { createDocumentReader } from "../../src/documents/index.ts";
import { createChatServices } from "../../src/serve/chat-services.ts";
import { RedisCandidateDirectory } from "../../src/store/redis-candidate-directory.ts";
import { RedisSecretStore } from "../../src/store/redis-secret-store.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import {
  type SlackWebApiEmulator,
  SocketModeServer,
  type StoredView,
  slackDefaults,
  startSlackWebApiEmulator,
} from "../emulators/slack/index.ts";
import { eventually } from "../support/eventually.ts";
import { redisUrl, uniquePrefix } from "../support/redis-test-client.ts";
import {
  buttonPress,
  CASEY,
  conversationOf,
  interviewCommand,
  latestTurnId,
  parentMessage,
  startSubmission,
  threadReply,
  threadTexts,
} from "../support/slack-candidate.ts";
import { STAR_ANSWER_PARTS } from "../support/slack-fixtures.ts";
import { recordingCoreLogger } from "../support/slack-stack.ts";

const APP_TOKEN = "xapp-test";

/** The production wiring of test/support/slack-stack.ts, with an app token instead of a signing secret. */
async function startSocketModeStack(socket: SocketModeServer) {
  const keyPrefix = uniquePrefix("slack-socket-mode");
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: 2 });
  const logger = recordingCoreLogger();
  const store = new RedisSessionStore({ client: redis, keyPrefix });
  const jobs = new InProcessJobQueue();
  const { engine, router, services } = createChatServices({
    store,
    directory: new RedisCandidateDirectory({ client: redis, keyPrefix }),
    coach: createOfflineCoach(),
    jobs,
    documents: createDocumentReader(),
    logger,
  });
  const secrets = new RedisSecretStore({
    client: redis,
    keyPrefix,
    encryptionKey: randomBytes(32).toString("base64"),
    logger,
  });
  const options: SlackBotOptions = {
    appToken: APP_TOKEN,
    botToken: slackDefaults.botToken,
    // The socket server answers apps.connections.open and forwards every other method to the fake Web API.
    apiUrl: socket.apiUrl,
    port: 0,
    retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 },
    requestTimeoutMs: 2_000,
  };
  const bot = new SlackBot(options, services, { secrets });
  router.register(bot);
  await bot.start();
  let stopped = false;
  return {
    bot,
    logger,
    async settle(): Promise<void> {
      for (let round = 0; round < 3; round += 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        await bot.idle();
        await engine.idle();
      }
    },
    async session(conversation: ConversationKey): Promise<Session | null> {
      return (await store.load(conversation))?.session ?? null;
    },
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      await bot.stop();
      await engine.idle();
      await jobs.close();
      await redis.quit();
    },
  };
}

let emulator: SlackWebApiEmulator;
let socket: SocketModeServer;
let stack: Awaited<ReturnType<typeof startSocketModeStack>>;

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  socket = await new SocketModeServer({ appToken: APP_TOKEN, webApiUrl: emulator.apiUrl }).start();
  stack = await startSocketModeStack(socket);
});

afterAll(async () => {
  await stack?.stop();
  await socket?.close();
  await emulator?.close();
});

describe("the Slack bot in Socket Mode", () => {
  let view: StoredView;
  let threadTs: string;
  let conversation: ConversationKey;
  const draftIds = async () => (await stack.session(conversation))?.turn?.draft.map((message) => message.id);

  it("connects: auth.test with the bot token, apps.connections.open with the app token, then hello", () => {
    expect(emulator.callsTo("auth.test").map((call) => call.token)).toEqual([slackDefaults.botToken]);
    expect(socket.connectionsOpenCalls).toEqual([expect.objectContaining({ token: APP_TOKEN, ok: true })]);
    expect(socket.openConnections).toHaveLength(1);
    // No HTTP receiver: nothing listens for Slack.
    expect(stack.bot.port).toBeNull();
    // Readiness reads the socket itself.
    expect(stack.bot.connected).toBe(true);
  });

  it("acknowledges /interview start (slash_commands) and opens the form", async () => {
    const { request, triggerId } = interviewCommand(emulator, CASEY, "start");

    expect(await socket.deliver(request)).toEqual({});

    expect(socket.envelopes.at(-1)).toMatchObject({ type: "slash_commands", acceptsResponsePayload: true });
    const call = await emulator.waitFor(() =>
      emulator
        .callsTo("views.open")
        .find((entry) => entry.args.trigger_id === triggerId && entry.response?.ok),
    );
    expect(call.token).toBe(slackDefaults.botToken);
    expect(call.args.view).toMatchObject({ callback_id: "sr_start" });
    const opened = emulator.view((call.response?.view as { id?: string } | undefined)?.id ?? "");
    if (!opened) throw new Error("views.open stored no view");
    view = opened;
  });

  it("answers an invalid form (interactive) with inline errors in the ack's payload", async () => {
    const ack = await socket.deliver(startSubmission(view, CASEY, { role: "   " }));

    expect(socket.envelopes.at(-1)).toMatchObject({ type: "interactive", acceptsResponsePayload: true });
    expect(ack).toEqual({
      response_action: "errors",
      errors: { role: "Which role are you interviewing for?" },
    });
  });

  it("starts the interview from the submitted form (interactive view_submission)", async () => {
    expect(await socket.deliver(startSubmission(view, CASEY, { questions: "2" }))).toEqual({});

    const parent = await emulator.waitFor(() => parentMessage(emulator, CASEY), 10_000);
    expect(parent.text).toBe(
      `Mock interview: Graduate Data Analyst at Monzo for <@${CASEY.userId}>. Answer in this thread.`,
    );
    threadTs = parent.ts;
    conversation = conversationOf(CASEY, threadTs);
    await emulator.waitFor(() => latestTurnId(emulator, CASEY.channelId, threadTs), 5_000);
    expect((await stack.session(conversation))?.phase).toBe("interviewing");
  });

  it("records a thread reply (events_api) in the draft", async () => {
    const ts = "1790000000.000100";
    const ack = await socket.deliver(threadReply(CASEY, threadTs, STAR_ANSWER_PARTS[0] ?? "", { ts }));
    await stack.settle();

    expect(ack).toEqual({});
    expect(socket.envelopes.at(-1)).toMatchObject({
      type: "events_api",
      acceptsResponsePayload: false,
      retryAttempt: 0,
      retryReason: "",
    });
    expect(await draftIds()).toEqual([`${CASEY.channelId}:${ts}`]);
  });

  it("applies an events_api envelope delivered twice (retry_attempt 1) once", async () => {
    const ts = "1790000000.000200";
    await socket.deliver(threadReply(CASEY, threadTs, STAR_ANSWER_PARTS[1] ?? "", { ts }));
    const first = socket.envelopes.at(-1);
    if (!first) throw new Error("no envelope recorded");
    await stack.settle();

    const again = await socket.sendEnvelope("events_api", first.payload, {
      envelopeId: first.envelopeId,
      retryAttempt: 1,
      retryReason: "timeout",
    });
    await stack.settle();

    expect(again).toEqual({});
    expect(await draftIds()).toEqual([`${CASEY.channelId}:1790000000.000100`, `${CASEY.channelId}:${ts}`]);
  });

  it("submits the answer on a button press (interactive block_actions)", async () => {
    const turnId = latestTurnId(emulator, CASEY.channelId, threadTs) ?? "";
    const before = (await stack.session(conversation))?.answers.length ?? 0;

    expect(await socket.deliver(buttonPress(CASEY, threadTs, "submit", turnId))).toEqual({});
    await stack.settle();

    expect(socket.envelopes.at(-1)).toMatchObject({ type: "interactive", acceptsResponsePayload: false });
    await emulator.waitFor(() =>
      threadTexts(emulator, CASEY.channelId, threadTs).find((text) => text.startsWith("Answer recorded:")),
    );
    const session = await stack.session(conversation);
    expect(session?.answers.length).toBe(before + 1);
    expect(session?.answers.at(-1)?.status).toBe("answered");
    expect(session?.turn?.draft ?? []).toEqual([]);
  });

  it("reconnects after Slack asks it to (disconnect: refresh_requested) and keeps working", async () => {
    const old = socket.openConnections[0];

    const next = await socket.requestReconnect();

    // The client closed the old socket itself, fetched a fresh single-use URL and was greeted again.
    expect(old?.closedAt).not.toBeNull();
    expect(old?.closeCode).toBe(1000);
    expect(socket.connectionsOpenCalls).toHaveLength(2);
    expect(next.ticket).not.toBe(old?.ticket);
    expect(socket.openConnections).toEqual([next]);
    await eventually(() => stack.bot.connected, 10_000, "the bot to report its new connection");

    const ts = "1790000000.000300";
    const ack = await socket.deliver(threadReply(CASEY, threadTs, "On the new connection.", { ts }));
    await stack.settle();
    expect(ack).toEqual({});
    expect(socket.envelopes.at(-1)?.connectionId).toBe(next.id);
    expect(await draftIds()).toEqual([`${CASEY.channelId}:${ts}`]);
  });

  it("acknowledged every envelope once, on its own connection, and made no failed Web API call", () => {
    expect(socket.acks.map((ack) => ack.envelopeId)).toEqual(
      socket.envelopes.map((envelope) => envelope.envelopeId),
    );
    expect(socket.acks.every((ack) => ack.matched)).toBe(true);
    expect(socket.acks.map((ack) => ack.connectionId)).toEqual(
      socket.envelopes.map((envelope) => envelope.connectionId),
    );
    expect(emulator.calls.filter((call) => call.response?.ok === false)).toEqual([]);
    expect(stack.logger.lines.filter((line) => line.level === "warn" || line.level === "error")).toEqual([]);
  });

  it("closes its connection when stopped", async () => {
    const open = socket.openConnections[0];

    await stack.stop();

    await expect.poll(() => open?.closeCode, { timeout: 2_000 }).toBe(1000);
    expect(socket.openConnections).toEqual([]);
  });
});
