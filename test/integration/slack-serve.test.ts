import getPort from "get-port";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SlackWebApiEmulator } from "../emulators/slack/index.ts";
import {
  sendToApp,
  signSlackRequest,
  slackDefaults,
  startSlackWebApiEmulator,
} from "../emulators/slack/index.ts";
import { CHILD_PROCESS_MS, CliProcess, childProcessTestTimeout } from "../support/cli-process.ts";
import { redisUrl, uniquePrefix } from "../support/redis-test-client.ts";
import { CASEY, interviewCommand } from "../support/slack-candidate.ts";

const SIGNING_SECRET = "serve-test-signing-secret";
let emulator: SlackWebApiEmulator;
let serve: CliProcess | undefined;

beforeEach(async () => {
  emulator = await startSlackWebApiEmulator();
});

afterEach(async () => {
  serve?.child.kill("SIGTERM");
  await serve?.exited;
  await emulator.close();
});

describe("secondround serve on Slack", { timeout: childProcessTestTimeout(1) }, () => {
  it("wires the Slack app from the environment: a signed /interview start opens the form", async () => {
    const port = await getPort();
    serve = new CliProcess(["serve"], {
      REDIS_URL: redisUrl(),
      SECONDROUND_KEY_PREFIX: uniquePrefix("slack-serve"),
      SLACK_BOT_TOKEN: slackDefaults.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: emulator.apiUrl,
      PORT: String(port),
    });
    await serve.waitFor(/SecondRound is running on slack/);
    const { request } = interviewCommand(emulator, CASEY, "start");
    const response = await sendToApp(
      `http://127.0.0.1:${port}/slack/events`,
      signSlackRequest(request, { signingSecret: SIGNING_SECRET }),
      CHILD_PROCESS_MS,
    );
    expect(response.status).toBe(200);
    const opened = await emulator.waitFor(() => emulator.callsTo("views.open")[0], CHILD_PROCESS_MS);
    expect(opened.token).toBe(slackDefaults.botToken);

    const forged = await sendToApp(
      `http://127.0.0.1:${port}/slack/events`,
      signSlackRequest(interviewCommand(emulator, CASEY, "start").request, { signingSecret: "wrong" }),
      CHILD_PROCESS_MS,
    );
    expect(forged.status).toBe(401);
    expect(emulator.callsTo("views.open")).toHaveLength(1);

    serve.child.kill("SIGTERM");
    expect(await serve.exited).toBe(0);
    serve = undefined;
  });
});
