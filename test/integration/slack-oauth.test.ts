// Multi-workspace installs: Bolt's /slack/install and /slack/oauth_redirect with the state cookie, the
// bot token stored encrypted through the SecretStore, events of the new workspace served with it, and
// app_uninstalled erasing every key of the workspace.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appUninstalledEvent,
  eventCallback,
  type SlackWebApiEmulator,
  startSlackWebApiEmulator,
  tokensRevokedEvent,
} from "../emulators/slack/index.ts";
import { countKeys, uniquePrefix } from "../support/redis-test-client.ts";
import {
  buttonPress,
  interviewCommand,
  latestTurnId,
  type SlackPerson,
  startInterview,
  threadReply,
} from "../support/slack-candidate.ts";
import { STAR_ANSWER_PARTS } from "../support/slack-fixtures.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";

let emulator: SlackWebApiEmulator;
let stack: SlackStack;
const keyPrefix = uniquePrefix("slack-oauth");

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  stack = await startSlackStack(emulator, { keyPrefix, mode: "oauth" });
});

afterAll(async () => {
  await stack?.stop();
  await emulator?.close();
});

/** A workspace id no other test (or earlier run) uses, so SCANs over the whole Redis see only ours. */
function newTeamId(): string {
  return `T0${randomBytes(5).toString("hex").toUpperCase()}`;
}

/**
 * The installer's browser: GET /slack/install (Bolt sets the state cookie and redirects to Slack),
 * Slack redirects back with a code and the same state, the browser sends the cookie along.
 */
async function install(teamId: string): Promise<{ status: number; body: string }> {
  const start = await fetch(`${stack.url}/slack/install`, { redirect: "manual" });
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get("location") ?? "");
  expect(authorize.origin + authorize.pathname).toBe("https://slack.com/oauth/v2/authorize");
  expect(authorize.searchParams.get("scope")?.split(",").sort()).toEqual([
    "channels:history",
    "chat:write",
    "commands",
    "files:read",
    "groups:history",
    "im:history",
  ]);
  const state = authorize.searchParams.get("state") ?? "";
  const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  expect(cookie).toBe(`slack-app-oauth-state=${state}`);

  const code = emulator.issueOAuthCode({ teamId, teamName: "Careers Service", userId: "U0ADMIN" });
  const callback = await fetch(
    `${stack.url}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`,
    { headers: { cookie }, redirect: "manual" },
  );
  return { status: callback.status, body: await callback.text() };
}

function member(teamId: string, channelId: string, userId: string): SlackPerson {
  emulator.addChannel({ id: channelId, name: "careers-practice", teamId });
  emulator.addUser({ id: userId, name: "jo", teamId });
  return { userId, userName: "jo", teamId, channelId, botUserId: emulator.workspace(teamId).botUserId };
}

describe("OAuth installs", () => {
  it("installs a workspace, serves it with its encrypted token, and erases it on app_uninstalled", async () => {
    const teamId = newTeamId();
    const installed = await install(teamId);
    expect(installed.status).toBe(200);
    const token = emulator.callsTo("oauth.v2.access").at(-1)?.response?.access_token as string;
    expect(token).toMatch(/^xoxb-/);

    // Stored under the workspace's hash tag, as ciphertext only.
    const installKey = `${keyPrefix}:v1:{slack:${teamId}}:secret:install`;
    const stored = await stack.redis.getBuffer(installKey);
    expect(stored).not.toBeNull();
    expect(stored?.includes(Buffer.from(token))).toBe(false);
    expect(stored?.includes(Buffer.from(teamId))).toBe(false);

    // The new workspace's events are authorised with that token, and so are the bot's own posts.
    const jo = member(teamId, "C0CAREERS", "U0JO");
    const { threadTs, conversation } = await startInterview(stack, emulator, jo, { questions: "1" });
    for (const part of STAR_ANSWER_PARTS) await stack.send(threadReply(jo, threadTs, part));
    await stack.settle();
    await stack.send(
      buttonPress(jo, threadTs, "submit", latestTurnId(emulator, jo.channelId, threadTs) ?? ""),
    );
    await stack.settle();
    expect((await stack.session(conversation))?.answers).toHaveLength(1);
    const posts = emulator.callsTo("chat.postMessage").filter((call) => call.args.channel === jo.channelId);
    expect(posts.length).toBeGreaterThan(3);
    expect(posts.every((call) => call.token === token)).toBe(true);
    expect(await countKeys(stack.redis, `*slack:${teamId}*`)).toBeGreaterThan(2);

    const uninstalled = await stack.send(eventCallback(appUninstalledEvent(), { teamId }));
    expect(uninstalled.status).toBe(200);
    await stack.settle();

    expect(await countKeys(stack.redis, `*slack:${teamId}*`)).toBe(0);
    // Nothing is served for the workspace any more: Bolt finds no installation, no handler runs.
    // No token ever reached a log line.
    expect(JSON.stringify(stack.logger.lines)).not.toMatch(/xox[a-z]-/);
    const calls = emulator.calls.length;
    const { request } = interviewCommand(emulator, jo, "help");
    const late = await stack.send(request);
    expect(late.json).toBeUndefined();
    expect(emulator.calls.length).toBe(calls);
  });

  it("erases a workspace whose bot token is revoked, and leaves other workspaces alone", async () => {
    const revoked = newTeamId();
    const kept = newTeamId();
    expect((await install(revoked)).status).toBe(200);
    expect((await install(kept)).status).toBe(200);

    // Only user tokens revoked: SecondRound holds none it acts with, so nothing changes.
    await stack.send(
      eventCallback(tokensRevokedEvent({ bot: [], oauth: ["U0SOMEONE"] }), { teamId: revoked }),
    );
    await stack.settle();
    expect(await countKeys(stack.redis, `*slack:${revoked}*`)).toBe(1);

    await stack.send(eventCallback(tokensRevokedEvent(), { teamId: revoked }));
    await stack.settle();

    expect(await countKeys(stack.redis, `*slack:${revoked}*`)).toBe(0);
    expect(await countKeys(stack.redis, `*slack:${kept}*`)).toBe(1);
  });

  it("refuses a callback whose state is not the browser's", async () => {
    const teamId = newTeamId();
    const code = emulator.issueOAuthCode({ teamId });
    const start = await fetch(`${stack.url}/slack/install`, { redirect: "manual" });
    const state = new URL(start.headers.get("location") ?? "").searchParams.get("state") ?? "";

    // The right state without the cookie: a link planted by someone else.
    const forged = await fetch(
      `${stack.url}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`,
    );

    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(emulator.callsTo("oauth.v2.access").filter((call) => call.args.code === code)).toEqual([]);
    expect(await countKeys(stack.redis, `*slack:${teamId}*`)).toBe(0);
  });
});
