// Every request to the bot's URL is judged by Bolt's HTTPReceiver before any handler runs. The matrix
// covers Slack's signing scheme case by case; a rejected request must leave no trace: a 401, no engine
// or desk call, no Web API call.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackBot } from "../../adapters/slack/index.ts";
import { ConfigError } from "../../src/core/model/errors.ts";
import {
  blockActions,
  eventCallback,
  type InboundRequest,
  messageEvent,
  type SlackWebApiEmulator,
  sendToApp,
  signSlackRequest,
  slackSignature,
  sslCheck,
  startSlackWebApiEmulator,
  urlVerification,
} from "../emulators/slack/index.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import { CASEY, interviewCommand } from "../support/slack-candidate.ts";
import { countingServices } from "../support/slack-counting-services.ts";
import { SIGNING_SECRET, type SlackStack, startSlackStack } from "../support/slack-stack.ts";

let emulator: SlackWebApiEmulator;
let stack: SlackStack;
let counter: ReturnType<typeof countingServices>;

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  stack = await startSlackStack(emulator, {
    keyPrefix: uniquePrefix("slack-signatures"),
    wrapServices: (services) => {
      counter = countingServices(services);
      return counter.services;
    },
  });
});

afterAll(async () => {
  await stack?.stop();
  await emulator?.close();
});

const now = () => Math.floor(Date.now() / 1000);
const command = () => interviewCommand(emulator, CASEY, "status").request;
const threadMessage = () =>
  eventCallback(messageEvent({ text: "an answer", threadTs: "1700000000.000100", user: CASEY.userId }));
const signed = (request: InboundRequest, timestamp = now(), secret = SIGNING_SECRET) =>
  signSlackRequest(request, { signingSecret: secret, timestamp });
const withHeader = (request: InboundRequest, name: string, value: string): InboundRequest => ({
  ...request,
  headers: { ...request.headers, [name]: value },
});

/** Each case builds a fully formed request as it would arrive on the wire. */
const forgeries: Record<string, () => InboundRequest> = {
  "timestamp 301 s old": () => signed(command(), now() - 301),
  "timestamp 10 minutes old": () => signed(threadMessage(), now() - 600),
  "signed with the wrong secret": () => signed(command(), now(), "not-the-signing-secret"),
  "body changed by one byte after signing": () => {
    const request = signed(command());
    return { ...request, body: request.body.replace("text=status", "text=statuS") };
  },
  "JSON body re-serialised after signing": () => {
    const request = signed(threadMessage());
    return { ...request, body: JSON.stringify(JSON.parse(request.body), null, 2) };
  },
  "no signature header": () =>
    signSlackRequest(command(), { signingSecret: SIGNING_SECRET, omitHeaders: ["x-slack-signature"] }),
  "no timestamp header": () =>
    signSlackRequest(command(), {
      signingSecret: SIGNING_SECRET,
      omitHeaders: ["x-slack-request-timestamp"],
    }),
  "non-numeric timestamp": () => withHeader(signed(command()), "x-slack-request-timestamp", "yesterday"),
  "timestamp header changed after signing": () =>
    withHeader(signed(command()), "x-slack-request-timestamp", String(now() - 5)),
  "version prefix v1=": () => signSlackRequest(command(), { signingSecret: SIGNING_SECRET, version: "v1" }),
  "empty signature": () => withHeader(signed(command()), "x-slack-signature", ""),
  "signature v0= without a digest": () => withHeader(signed(command()), "x-slack-signature", "v0="),
  "digest in upper case": () => {
    const request = signed(command());
    const signature = request.headers["x-slack-signature"] ?? "";
    return withHeader(request, "x-slack-signature", `v0=${signature.slice(3).toUpperCase()}`);
  },
  "a valid signature of another request": () => {
    const other = signed(command());
    return withHeader(signed(threadMessage()), "x-slack-signature", other.headers["x-slack-signature"] ?? "");
  },
  "two signatures in one header": () => {
    const request = signed(command());
    const forged = slackSignature("not-the-signing-secret", now(), request.body);
    return withHeader(request, "x-slack-signature", `${forged}, ${request.headers["x-slack-signature"]}`);
  },
  "url_verification with a bad signature": () => signed(urlVerification("challenge-1"), now(), "wrong"),
  "button press signed with the wrong secret": () =>
    signed(blockActions({ actions: { actionId: "sr_submit", value: "t" } }), now(), "wrong"),
};

async function deliver(request: InboundRequest) {
  return sendToApp(`${stack.url}/slack/events`, request);
}

describe("Slack request signatures", () => {
  it.each(Object.keys(forgeries))("rejects %s with a 401 before any handler runs", async (name) => {
    const handled = counter.total();
    const calls = emulator.calls.length;

    const response = await deliver(forgeries[name]?.() ?? command());
    await stack.settle();

    expect(response.status).toBe(401);
    expect(counter.total()).toBe(handled);
    expect(emulator.calls.length).toBe(calls);
  });

  it("accepts a validly signed command and event, and a timestamp 299 s old", async () => {
    const before = counter.total();

    expect((await deliver(signed(command()))).status).toBe(200);
    expect((await deliver(signed(threadMessage()))).status).toBe(200);
    expect((await deliver(signed(command(), now() - 299))).status).toBe(200);
    await stack.settle();

    // status asks the desk; a thread message asks the engine whether the thread holds an interview.
    expect(counter.calls.get("desk.activeInterview")).toBe(2);
    expect(counter.calls.get("engine.current")).toBe(1);
    expect(counter.total()).toBe(before + 3);
  });

  it("accepts a timestamp in the future: Bolt checks staleness only (documented in docs/slack.md)", async () => {
    const before = counter.total();

    const response = await deliver(signed(command(), now() + 600));
    await stack.settle();

    expect(response.status).toBe(200);
    expect(counter.total()).toBe(before + 1);
  });

  it("answers url_verification with its challenge and runs nothing", async () => {
    const before = counter.total();

    const response = await deliver(
      signed(urlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")),
    );

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
    expect(counter.total()).toBe(before);
  });

  it("answers ssl_check without a signature, and ignores anything smuggled with it", async () => {
    const before = counter.total();
    const smuggled: InboundRequest = {
      ...sslCheck(),
      body: `${sslCheck().body}&command=%2Finterview&text=status&user_id=${CASEY.userId}&team_id=${CASEY.teamId}`,
    };

    const probe = await deliver(sslCheck());
    const withPayload = await deliver(smuggled);
    await stack.settle();

    expect([probe.status, withPayload.status]).toEqual([200, 200]);
    expect(counter.total()).toBe(before);
  });

  it("refuses a signed form body whose content type carries a charset (Bolt answers 400)", async () => {
    const before = counter.total();
    const request = withHeader(
      signed(command()),
      "content-type",
      "application/x-www-form-urlencoded; charset=utf-8",
    );

    const response = await deliver(request);
    await stack.settle();

    expect(response.status).toBe(400);
    expect(counter.total()).toBe(before);
  });

  it("will not start with a bot token Slack rejects", async () => {
    const bot = createSlackBot(
      {
        signingSecret: SIGNING_SECRET,
        botToken: "xoxb-revoked-or-mistyped",
        apiUrl: emulator.apiUrl,
        port: 0,
        host: "127.0.0.1",
      },
      stack.services,
      { secrets: stack.secrets },
    );

    await expect(bot.start()).rejects.toThrow(/Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)/);
    await expect(bot.stop()).resolves.toBeUndefined();
  });

  it("needs no signing secret in Socket Mode (constructed only: Socket Mode is not exercised here)", () => {
    const bot = createSlackBot({ appToken: "xapp-1-test", botToken: "xoxb-1", port: 0 }, stack.services, {
      secrets: stack.secrets,
    });
    expect(bot.platform).toBe("slack");
    expect(bot.port).toBeNull();
  });

  it("will not run over HTTP without a signing secret", () => {
    expect(() =>
      createSlackBot({ botToken: "xoxb-1", port: 0 }, stack.services, { secrets: stack.secrets }),
    ).toThrow(ConfigError);
    expect(() =>
      createSlackBot({ signingSecret: "s", port: 0 }, stack.services, { secrets: stack.secrets }),
    ).toThrow(ConfigError);
  });
});
