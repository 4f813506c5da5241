// Proves the Slack emulator with the real clients: inbound requests are judged by Bolt's own signature check and
// routing, and the fake Web API is driven by Bolt's WebClient (@slack/web-api 8), so wire shapes, error mapping
// and retries are the clients' and not our assumptions. Everything runs on 127.0.0.1.
import { type App, type SlackEventMiddlewareArgs, webApi } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  appUninstalledEvent,
  type BoltHarness,
  blockActions,
  botMessageEvent,
  eventCallback,
  fileInputValue,
  fileShareMessageEvent,
  mentionsIn,
  messageChangedEvent,
  messageDeletedEvent,
  messageEvent,
  plainTextInputValue,
  recordingLogger,
  type SlackWebApiEmulator,
  sendToApp,
  signSlackRequest,
  slackDefaults,
  slashCommand,
  sslCheck,
  startBoltApp,
  startSlackWebApiEmulator,
  tokensRevokedEvent,
  urlVerification,
  viewSubmission,
} from "./slack/index.ts";

const signingSecret = "emulated-signing-secret";
const { botToken, channelId, userId } = slackDefaults;

let emulator: SlackWebApiEmulator;
/** The emulator's clock: fixed unless a test moves it, so trigger expiry needs no sleeping. */
let clock: number;
let harness: BoltHarness | undefined;

beforeEach(async () => {
  clock = Date.now();
  emulator = await startSlackWebApiEmulator({ now: () => clock });
});

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await emulator.close();
});

async function boltApp(register: (app: App) => void): Promise<BoltHarness> {
  harness = await startBoltApp({ emulator, signingSecret, register });
  return harness;
}

function webClient(options: { token?: string; retries?: number; rejectRateLimitedCalls?: boolean } = {}) {
  return new webApi.WebClient(options.token ?? botToken, {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries: options.retries ?? 0, minTimeout: 0, maxTimeout: 0 },
    rejectRateLimitedCalls: options.rejectRateLimitedCalls ?? false,
    timeout: 2000,
    logger: recordingLogger(),
  });
}

const modal = (title = "Mock interview") => ({
  type: "modal" as const,
  callback_id: "answer_modal",
  title: { type: "plain_text" as const, text: title },
  submit: { type: "plain_text" as const, text: "Send" },
  private_metadata: JSON.stringify({ session: "s-1" }),
  blocks: [
    {
      type: "input" as const,
      block_id: "answer",
      label: { type: "plain_text" as const, text: "Your answer" },
      element: { type: "plain_text_input" as const, action_id: "text" },
    },
  ],
});

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

describe("inbound requests, judged by Bolt's HTTPReceiver", () => {
  it("delivers a signed slash command to app.command; ack() is the HTTP response; auth.test ran once", async () => {
    const seen: Record<string, unknown>[] = [];
    const app = await boltApp((bolt) => {
      bolt.command("/interview", async ({ command, ack, context }) => {
        seen.push({ ...command, botUserId: context.botUserId, botToken: context.botToken });
        await ack({ response_type: "ephemeral", text: "Starting your mock interview." });
      });
    });
    const triggerId = emulator.issueTriggerId();

    const response = await app.send(slashCommand({ text: "backend senior", triggerId }));

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ response_type: "ephemeral", text: "Starting your mock interview." });
    expect(seen).toEqual([
      expect.objectContaining({
        command: "/interview",
        text: "backend senior",
        user_id: userId,
        channel_id: channelId,
        team_id: slackDefaults.teamId,
        trigger_id: triggerId,
        is_enterprise_install: "false",
        botUserId: slackDefaults.botUserId,
        botToken,
      }),
    ]);
    await app.send(slashCommand());
    // Called by the App constructor and cached: not once per request.
    expect(emulator.callsTo("auth.test")).toHaveLength(1);
    expect(emulator.callsTo("auth.test")[0]?.token).toBe(botToken);
  });

  it("answers 401 to every forgery before any listener runs, and accepts future timestamps", async () => {
    let handled = 0;
    const app = await boltApp((bolt) => {
      bolt.command("/interview", async ({ ack }) => {
        handled += 1;
        await ack();
      });
    });
    const now = Math.floor(Date.now() / 1000);
    const forgeries = {
      "wrong secret": { signingSecret: "not-the-secret" },
      "stale timestamp": { timestamp: now - 5 * 60 - 5 },
      "body changed after signing": { mutateBody: (body: string) => body.replace("text=hi", "text=pwned") },
      "no signature header": { omitHeaders: ["x-slack-signature"] as const },
      "no timestamp header": { omitHeaders: ["x-slack-request-timestamp"] as const },
      "unknown version prefix": { version: "v1" },
    };
    for (const [name, tamper] of Object.entries(forgeries)) {
      const response = await app.send(slashCommand({ text: "hi" }), tamper);
      expect(response.status, name).toBe(401);
    }
    expect(handled).toBe(0);

    // Bolt checks staleness only; a clock ahead of Slack's is not rejected.
    const future = await app.send(slashCommand({ text: "hi" }), { timestamp: now + 10 * 60 });
    expect(future.status).toBe(200);
    expect(handled).toBe(1);
  });

  it("answers url_verification with the challenge and ssl_check without a signature", async () => {
    const app = await boltApp(() => {});

    const verification = await app.send(
      urlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"),
    );
    expect(verification.status).toBe(200);
    expect(verification.json).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });

    const probe = await sendToApp(app.url, sslCheck());
    expect(probe.status).toBe(200);
    expect(probe.body).toBe("");
  });

  it("answers 400 to a form body whose content type carries a charset", async () => {
    let handled = false;
    const app = await boltApp((bolt) => {
      bolt.command("/interview", async ({ ack }) => {
        handled = true;
        await ack();
      });
    });
    const signed = signSlackRequest(slashCommand(), { signingSecret });
    signed.headers["content-type"] = "application/x-www-form-urlencoded; charset=utf-8";

    const response = await sendToApp(app.url, signed);

    expect(response.status).toBe(400);
    expect(handled).toBe(false);
  });

  it("lets respond() post to an emulator-issued response_url", async () => {
    const app = await boltApp((bolt) => {
      bolt.command("/interview", async ({ ack, respond }) => {
        await ack();
        await respond({ response_type: "ephemeral", text: "Question 1 of 5" });
      });
    });
    const responseUrl = emulator.issueResponseUrl();

    await app.send(slashCommand({ responseUrl }));

    const post = await emulator.waitFor(() => emulator.responseUrlPosts[0]);
    expect(post).toMatchObject({
      url: responseUrl,
      body: { response_type: "ephemeral", text: "Question 1 of 5" },
    });
  });
});

describe("Events API", () => {
  it("delivers a file_share message to app.message; url_private needs the bot token", async () => {
    const pdf = Buffer.from("%PDF-1.7\nfake resume\n%%EOF");
    const file = emulator.hostFile({ name: "resume.pdf", mimetype: "application/pdf", bytes: pdf });
    const downloads: {
      withToken: Buffer;
      withTokenType: string | null;
      withoutToken: string;
      type: string | null;
    }[] = [];
    const app = await boltApp((bolt) => {
      bolt.message(async ({ message, context }) => {
        if (message.subtype !== "file_share") return;
        const url = message.files?.[0]?.url_private ?? "";
        const authorized = await fetch(url, { headers: { authorization: `Bearer ${context.botToken}` } });
        const anonymous = await fetch(url);
        downloads.push({
          withToken: Buffer.from(await authorized.arrayBuffer()),
          withTokenType: authorized.headers.get("content-type"),
          withoutToken: await anonymous.text(),
          type: anonymous.headers.get("content-type"),
        });
      });
    });

    const response = await app.send(
      eventCallback(fileShareMessageEvent({ text: "my resume", files: [file] })),
    );

    // Bolt acknowledges Events API requests itself, before the listener runs.
    expect(response.status).toBe(200);
    expect(response.body).toBe("");
    const download = await emulator.waitFor(() => downloads[0]);
    expect(download.withToken.equals(pdf)).toBe(true);
    expect(download.withTokenType).toBe("application/pdf");
    expect(download.type).toMatch(/^text\/html/);
    expect(download.withoutToken).toContain("Sign in");
    expect(emulator.fileDownloads.map((entry) => entry.authorized)).toEqual([true, false]);
    expect(file).toMatchObject({ name: "resume.pdf", filetype: "pdf", size: pdf.length });
    expect(file.url_private_download).toMatch(/\/download\/resume\.pdf$/);
  });

  it("passes retry headers to the context, and say() with thread_ts lands in the thread", async () => {
    const contexts: { retryNum?: number; retryReason?: string }[] = [];
    const app = await boltApp((bolt) => {
      bolt.message(async ({ message, say, context }) => {
        if (message.subtype !== undefined) return;
        contexts.push({ retryNum: context.retryNum, retryReason: context.retryReason });
        await say({ text: "Thanks, next question.", thread_ts: message.thread_ts ?? message.ts });
      });
    });
    const root = emulator.addUserMessage({ text: "/interview started" });

    await app.send(
      eventCallback(messageEvent({ text: "My answer", threadTs: root.ts, parentUserId: userId }), {
        eventId: "Ev0RETRIED",
        retry: { num: 1, reason: "http_timeout" },
      }),
    );

    const reply = await emulator.waitFor(() => emulator.messagesIn(channelId, root.ts)[0]);
    expect(reply).toMatchObject({
      text: "Thanks, next question.",
      thread_ts: root.ts,
      user: slackDefaults.botUserId,
    });
    expect(contexts).toEqual([{ retryNum: 1, retryReason: "http_timeout" }]);
    expect(emulator.messagesIn(channelId)).toEqual([
      expect.objectContaining({ ts: root.ts, reply_count: 1 }),
    ]);
    // Bolt adds the team id to every call it makes on an event's behalf.
    expect(emulator.callsTo("chat.postMessage")[0]?.args).toMatchObject({ team_id: slackDefaults.teamId });
  });

  it("delivers edits, deletions and other bots' messages to app.message but drops the app's own bot_message", async () => {
    const subtypes: string[] = [];
    const app = await boltApp((bolt) => {
      bolt.message(async ({ message }) => {
        subtypes.push(message.subtype ?? "plain");
      });
    });

    await app.send(eventCallback(botMessageEvent({ botId: slackDefaults.botId, text: "echo of ourselves" })));
    await app.send(
      eventCallback(messageChangedEvent({ ts: "1700000000.000100", previousText: "a", text: "b" })),
    );
    await app.send(eventCallback(messageDeletedEvent({ ts: "1700000000.000100", previousText: "b" })));
    await app.send(eventCallback(botMessageEvent({ text: "another integration" })));

    await emulator.waitFor(() => subtypes.length === 3);
    expect(subtypes.sort()).toEqual(["bot_message", "message_changed", "message_deleted"]);
  });

  it("delivers app_uninstalled and tokens_revoked to app.event", async () => {
    const events: string[] = [];
    const app = await boltApp((bolt) => {
      const record = async ({ event }: SlackEventMiddlewareArgs) => {
        events.push(event.type);
      };
      bolt.event("app_uninstalled", record);
      bolt.event("tokens_revoked", record);
    });

    await app.send(eventCallback(appUninstalledEvent()));
    await app.send(eventCallback(tokensRevokedEvent()));

    await emulator.waitFor(() => events.length === 2);
    expect(events.sort()).toEqual(["app_uninstalled", "tokens_revoked"]);
  });
});

describe("interactivity", () => {
  it("delivers block_actions to app.action, which opens a modal with the payload's trigger_id", async () => {
    const app = await boltApp((bolt) => {
      bolt.action("answer_button", async ({ ack, body, client, action }) => {
        await ack();
        if (body.type !== "block_actions" || action.type !== "button") return;
        await client.views.open({
          trigger_id: body.trigger_id,
          view: { ...modal(), private_metadata: action.value ?? "" },
        });
      });
    });

    const response = await app.send(
      blockActions({
        actions: { actionId: "answer_button", blockId: "question_1", value: "session-42" },
        triggerId: emulator.issueTriggerId(),
      }),
    );

    expect(response.status).toBe(200);
    const call = await emulator.waitFor(() => emulator.callsTo("views.open")[0]);
    expect(call?.response).toMatchObject({
      ok: true,
      view: { callback_id: "answer_modal", private_metadata: "session-42" },
    });
    const viewId = (call?.response?.view as { id?: string } | undefined)?.id ?? "";
    expect(emulator.view(viewId)?.blocks).toHaveLength(1);
  });

  it("delivers view_submission with a file_input to app.view; ack({response_action}) is the HTTP body", async () => {
    const opened = await webClient().views.open({ trigger_id: emulator.issueTriggerId(), view: modal() });
    const view = emulator.view(opened.view?.id ?? "");
    const recording = emulator.hostFile({
      name: "answer.m4a",
      mimetype: "audio/mp4",
      bytes: "not really audio",
    });
    const submissions: unknown[] = [];
    const app = await boltApp((bolt) => {
      bolt.view("answer_modal", async ({ ack, view: submitted }) => {
        submissions.push({ metadata: submitted.private_metadata, values: submitted.state.values });
        await ack({ response_action: "errors", errors: { answer: "Please keep it under two minutes." } });
      });
    });

    const response = await app.send(
      viewSubmission({
        view,
        values: {
          answer: { text: plainTextInputValue(null) },
          recording: { file: fileInputValue([recording]) },
        },
      }),
    );

    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      response_action: "errors",
      errors: { answer: "Please keep it under two minutes." },
    });
    expect(submissions).toEqual([
      {
        metadata: JSON.stringify({ session: "s-1" }),
        values: {
          answer: { text: { type: "plain_text_input", value: null } },
          recording: { file: { type: "file_input", files: [recording] } },
        },
      },
    ]);
  });
});

describe("Web API emulator, driven by WebClient", () => {
  it("accepts an issued trigger_id once, within 3 s", async () => {
    const client = webClient();
    const trigger = emulator.issueTriggerId();

    await expect(
      client.views.open({ trigger_id: trigger, view: modal("x".repeat(25)) }),
    ).rejects.toMatchObject({
      code: webApi.ErrorCode.PlatformError,
      data: { ok: false, error: "invalid_arguments" },
    });
    // A rejected view does not use the trigger up.
    const opened = await client.views.open({ trigger_id: trigger, view: modal() });
    expect(opened.view).toMatchObject({
      type: "modal",
      callback_id: "answer_modal",
      team_id: slackDefaults.teamId,
    });
    await expect(client.views.open({ trigger_id: trigger, view: modal() })).rejects.toMatchObject({
      data: { error: "trigger_exchanged" },
    });
    await expect(client.views.open({ trigger_id: "1.2.unknown", view: modal() })).rejects.toMatchObject({
      data: { error: "invalid_trigger_id" },
    });
    const late = emulator.issueTriggerId();
    clock += 3001;
    await expect(client.views.open({ trigger_id: late, view: modal() })).rejects.toMatchObject({
      data: { error: "expired_trigger_id" },
    });

    const viewId = opened.view?.id ?? "";
    const staleHash = opened.view?.hash;
    const updated = await client.views.update({ view_id: viewId, hash: staleHash, view: modal("Round 2") });
    expect(updated.view?.title).toMatchObject({ text: "Round 2" });
    await expect(
      client.views.update({ view_id: viewId, hash: staleHash, view: modal() }),
    ).rejects.toMatchObject({
      data: { error: "hash_conflict" },
    });
  });

  it("enforces Block Kit and message limits with Slack's error codes", async () => {
    const client = webClient();
    const blocks = (count: number) => Array.from({ length: count }, (_, i) => section(`Block ${i}`));
    const platformError = (error: string) => ({
      code: webApi.ErrorCode.PlatformError,
      data: { ok: false, error },
    });

    await expect(
      client.chat.postMessage({ channel: channelId, text: "t", blocks: blocks(51) }),
    ).rejects.toMatchObject({
      ...platformError("invalid_blocks"),
      data: {
        response_metadata: { messages: ["[ERROR] no more than 50 items allowed [json-pointer:/blocks]"] },
      },
    });
    await expect(
      client.chat.postMessage({ channel: channelId, text: "t", blocks: blocks(50) }),
    ).resolves.toMatchObject({
      ok: true,
    });
    const invalid = [
      [section("x".repeat(3001))],
      [{ type: "header", text: { type: "plain_text", text: "x".repeat(151) } }],
      [{ type: "section", fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f" })) }],
      [{ type: "section", fields: [{ type: "mrkdwn", text: "x".repeat(2001) }] }],
    ];
    for (const bad of invalid)
      await expect(
        client.chat.postMessage({ channel: channelId, text: "t", blocks: bad }),
      ).rejects.toMatchObject(platformError("invalid_blocks"));
    await expect(client.chat.postMessage({ channel: channelId, text: "" })).rejects.toMatchObject(
      platformError("no_text"),
    );
    await expect(client.chat.postMessage({ channel: "C0NOSUCH", text: "t" })).rejects.toMatchObject(
      platformError("channel_not_found"),
    );
    await expect(
      client.chat.postMessage({ channel: slackDefaults.notJoinedChannelId, text: "t" }),
    ).rejects.toMatchObject(platformError("not_in_channel"));
    await expect(webClient({ token: "xoxb-unknown" }).auth.test()).rejects.toMatchObject(
      platformError("invalid_auth"),
    );
    const tooBigModal = { ...modal(), blocks: Array.from({ length: 101 }, () => section("q")) };
    await expect(
      client.views.open({ trigger_id: emulator.issueTriggerId(), view: tooBigModal }),
    ).rejects.toMatchObject(platformError("invalid_arguments"));
    await expect(
      client.views.open({
        trigger_id: emulator.issueTriggerId(),
        view: { ...modal(), private_metadata: "x".repeat(3001) },
      }),
    ).rejects.toMatchObject(platformError("invalid_arguments"));

    const long = await client.chat.postMessage({ channel: channelId, text: "x".repeat(40_001) });
    expect(long).toMatchObject({ ok: true, warning: "message_truncated" });
    expect(emulator.messagesIn(channelId).at(-1)?.text).toHaveLength(40_000);
  });

  it("stores messages by channel and thread with increasing ts, and records safety flags", async () => {
    const client = webClient();
    const root = await client.chat.postMessage({
      channel: channelId,
      text: "Question 1",
      blocks: [section("*Question 1*")],
      unfurl_links: false,
      unfurl_media: false,
    });
    const reply = await client.chat.postMessage({ channel: channelId, text: "Feedback", thread_ts: root.ts });
    await client.chat.update({ channel: channelId, ts: reply.ts ?? "", text: "Feedback (edited)" });
    await client.chat.postEphemeral({ channel: channelId, user: userId, text: "Only you can see this" });
    const doomed = await client.chat.postMessage({ channel: channelId, text: "temporary" });
    await client.chat.delete({ channel: channelId, ts: doomed.ts ?? "" });

    expect(root.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(reply.ts)).toBeGreaterThan(Number(root.ts));
    expect(emulator.messagesIn(channelId).map((message) => message.text)).toEqual(["Question 1"]);
    expect(emulator.messagesIn(channelId, root.ts)).toEqual([
      expect.objectContaining({ text: "Feedback (edited)", thread_ts: root.ts, edited: expect.any(Object) }),
    ]);
    expect(emulator.ephemeralsIn(channelId)).toEqual([expect.objectContaining({ recipient: userId })]);
    const thread = await client.conversations.replies({ channel: channelId, ts: root.ts ?? "" });
    expect(thread.messages?.map((message) => message.text)).toEqual(["Question 1", "Feedback (edited)"]);

    // web-api sends form fields with blocks as a JSON string; the record holds them parsed.
    expect(emulator.callsTo("chat.postMessage")[0]?.args.blocks).toEqual([section("*Question 1*")]);
    expect(emulator.sent[0]).toMatchObject({
      method: "chat.postMessage",
      hasText: true,
      unfurlLinks: false,
      unfurlMedia: false,
    });
    expect(emulator.sent[1]).toMatchObject({ threadTs: root.ts, unfurlLinks: undefined });
    expect(emulator.sent.map((sent) => sent.method)).toEqual([
      "chat.postMessage",
      "chat.postMessage",
      "chat.update",
      "chat.postEphemeral",
      "chat.postMessage",
    ]);
  });

  it("finds mention sequences in text and in every block text", () => {
    const blocks = [
      section("Score for <@U0CANDIDATE|casey>"),
      { type: "context", elements: [{ type: "mrkdwn", text: "see <#C0PRACTICE> and <!subteam^S0LEADS>" }] },
      {
        type: "rich_text",
        elements: [{ type: "rich_text_section", elements: [{ type: "broadcast", range: "here" }] }],
      },
    ];

    expect(mentionsIn({ text: "Hey <!channel> and <!everyone>", blocks })).toEqual([
      "<!channel>",
      "<!everyone>",
      "<@U0CANDIDATE|casey>",
      "<#C0PRACTICE>",
      "<!subteam^S0LEADS>",
      "<!here>",
    ]);
    expect(
      mentionsIn({ text: "Plain feedback: use &lt;!channel&gt; sparingly", blocks: [section("ok")] }),
    ).toEqual([]);
    expect(mentionsIn({ text: "ping @here", linkNames: true })).toEqual(["@here"]);
    expect(mentionsIn({ text: "ping @here" })).toEqual([]);
  });

  it("exchanges an OAuth code for a bot token that auth.test accepts", async () => {
    const code = emulator.issueOAuthCode({
      teamId: "T0NEWTEAM",
      teamName: "New Team",
      userId: "U0INSTALLER",
    });
    const { clientId, clientSecret } = emulator.oauthClient;
    const anonymous = new webApi.WebClient(undefined, {
      slackApiUrl: emulator.apiUrl,
      retryConfig: { retries: 0 },
      logger: recordingLogger(),
    });

    await expect(
      anonymous.oauth.v2.access({ client_id: clientId, client_secret: "wrong", code }),
    ).rejects.toMatchObject({ data: { error: "bad_client_secret" } });
    const granted = await anonymous.oauth.v2.access({
      client_id: clientId,
      client_secret: clientSecret,
      code,
    });
    expect(granted).toMatchObject({
      ok: true,
      token_type: "bot",
      team: { id: "T0NEWTEAM", name: "New Team" },
      enterprise: null,
      authed_user: { id: "U0INSTALLER" },
    });
    expect(granted.access_token).toMatch(/^xoxb-/);
    await expect(
      anonymous.oauth.v2.access({ client_id: clientId, client_secret: clientSecret, code }),
    ).rejects.toMatchObject({ data: { error: "invalid_code" } });

    const installed = webClient({ token: granted.access_token });
    await expect(installed.auth.test()).resolves.toMatchObject({
      ok: true,
      team_id: "T0NEWTEAM",
      user_id: granted.bot_user_id,
    });
    // Tokens are scoped to their team: the default workspace's channel is unknown to the new one.
    await expect(installed.chat.postMessage({ channel: channelId, text: "hi" })).rejects.toMatchObject({
      data: { error: "channel_not_found" },
    });
    await installed.apps.uninstall({ client_id: clientId, client_secret: clientSecret });
    await expect(installed.auth.test()).rejects.toMatchObject({ data: { error: "token_revoked" } });
  });

  it("plays scripted faults: a 429 with Retry-After is retried, platform errors throw", async () => {
    emulator.failNext("chat.postMessage", "ratelimited", { status: 429, retryAfter: 0 });
    await expect(
      webClient({ retries: 1 }).chat.postMessage({ channel: channelId, text: "hi" }),
    ).resolves.toMatchObject({ ok: true });
    expect(emulator.callsTo("chat.postMessage").map((call) => call.status)).toEqual([429, 200]);

    emulator.failNext("chat.postMessage", "ratelimited", { status: 429, retryAfter: 7 });
    await expect(
      webClient({ rejectRateLimitedCalls: true }).chat.postMessage({ channel: channelId, text: "hi" }),
    ).rejects.toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 7 });

    emulator.failNext("users.info", "fatal_error");
    await expect(webClient().users.info({ user: userId })).rejects.toMatchObject({
      data: { error: "fatal_error" },
    });
    await expect(webClient().users.info({ user: userId })).resolves.toMatchObject({
      user: { id: userId, name: slackDefaults.userName, is_bot: false },
    });
  });

  it("lists a user group's members, per team, with usergroups:read, within Slack's Tier 2 rate limit", async () => {
    emulator.addUser({ id: "U0INES", name: "ines" });
    emulator.addUsergroup({ id: "S0CAREERS", handle: "careers-team", users: ["U0INES"] });
    const client = webClient({ rejectRateLimitedCalls: true });
    await expect(client.usergroups.users.list({ usergroup: "S0CAREERS" })).resolves.toMatchObject({
      ok: true,
      users: ["U0INES"],
    });
    emulator.setUsergroupMembers("S0CAREERS", [userId]);
    await expect(client.usergroups.users.list({ usergroup: "S0CAREERS" })).resolves.toMatchObject({
      users: [userId],
    });
    // Another team's group is no group at all to this token.
    emulator.addWorkspace({ teamId: "T0OTHER", botToken: "xoxb-other" });
    emulator.addUsergroup({ id: "S0ELSEWHERE", handle: "elsewhere", teamId: "T0OTHER", users: [] });
    for (const usergroup of ["S0ELSEWHERE", "S0NOSUCH"])
      await expect(client.usergroups.users.list({ usergroup })).rejects.toMatchObject({
        data: { error: "no_such_subteam" },
      });
    emulator.addWorkspace({ teamId: slackDefaults.teamId, botToken: "xoxb-no-groups", scopes: "users:read" });
    await expect(
      webClient({ token: "xoxb-no-groups" }).usergroups.users.list({ usergroup: "S0CAREERS" }),
    ).rejects.toMatchObject({
      data: { error: "missing_scope", needed: "usergroups:read", provided: "users:read" },
    });

    // 20 per minute per workspace (the calls above counted too); the next is refused with Retry-After
    // and not counted, another workspace is not affected, and a minute later it answers again.
    const answered = emulator.callsTo("usergroups.users.list").filter((call) => call.status === 200).length;
    for (let call = answered; call < 20; call += 1)
      await client.usergroups.users.list({ usergroup: "S0CAREERS" }).catch(() => undefined);
    await expect(client.usergroups.users.list({ usergroup: "S0CAREERS" })).rejects.toMatchObject({
      code: webApi.ErrorCode.RateLimitedError,
      retryAfter: 60,
    });
    expect(emulator.callsTo("usergroups.users.list").at(-1)).toMatchObject({
      status: 429,
      response: { ok: false, error: "ratelimited" },
    });
    await expect(
      webClient({ token: "xoxb-other" }).usergroups.users.list({ usergroup: "S0ELSEWHERE" }),
    ).resolves.toMatchObject({ users: [] });
    clock += 60_000;
    await expect(client.usergroups.users.list({ usergroup: "S0CAREERS" })).resolves.toMatchObject({
      users: [userId],
    });
  });

  it("answers lookups and reads JSON bodies with a Bearer token too", async () => {
    const client = webClient();
    const file = emulator.hostFile({ name: "notes.txt", mimetype: "text/plain", bytes: "STAR answers" });

    await expect(client.files.info({ file: file.id })).resolves.toMatchObject({
      file: { id: file.id, size: 12 },
    });
    await expect(client.files.info({ file: "F0MISSING" })).rejects.toMatchObject({
      data: { error: "file_not_found" },
    });
    await expect(client.conversations.info({ channel: channelId })).resolves.toMatchObject({
      channel: { id: channelId, name: slackDefaults.channelName, is_member: true },
    });
    await expect(
      client.conversations.info({ channel: slackDefaults.notJoinedChannelId }),
    ).resolves.toMatchObject({ channel: { is_member: false, is_private: false } });
    // A private channel the app is not in, or a DM between other people, is invisible to its token.
    emulator.addChannel({ id: "G0HIDDEN", name: "hidden", isPrivate: true, isMember: false });
    for (const hidden of ["G0HIDDEN", "D0OTHERS"])
      await expect(client.conversations.info({ channel: hidden })).rejects.toMatchObject({
        data: { error: "channel_not_found" },
      });
    await expect(client.conversations.info({ channel: userId })).resolves.toMatchObject({
      channel: { id: `D${userId.slice(1)}`, is_im: true },
    });
    // Each conversation type needs its read scope.
    emulator.addWorkspace({ teamId: slackDefaults.teamId, botToken: "xoxb-no-read", scopes: "chat:write" });
    await expect(
      webClient({ token: "xoxb-no-read" }).conversations.info({ channel: channelId }),
    ).rejects.toMatchObject({
      data: { error: "missing_scope", needed: "channels:read", provided: "chat:write" },
    });
    await expect(client.users.info({ user: "U0NOBODY" })).rejects.toMatchObject({
      data: { error: "user_not_found" },
    });

    const response = await fetch(`${emulator.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${botToken}`, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ channel: userId, text: "Direct message", blocks: [section("DM")] }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: `D${userId.slice(1)}` });
    expect(emulator.callsTo("chat.postMessage")[0]).toMatchObject({
      token: botToken,
      args: { blocks: [section("DM")] },
    });
    await expect(client.apiCall("no.such.method")).rejects.toMatchObject({
      data: { error: "unknown_method" },
    });
  });
});
