// Multi-workspace installs: Bolt's /slack/install and /slack/oauth_redirect with the state cookie, the
// bot token stored encrypted through the SecretStore, events of the new workspace served with it, and
// app_uninstalled erasing every key of the workspace.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BullmqJobQueue } from "../../src/jobs/bullmq-job-queue.ts";
import { timersDueKey } from "../../src/store/store-keys.ts";
import {
  appUninstalledEvent,
  eventCallback,
  type SlackWebApiEmulator,
  startSlackWebApiEmulator,
  tokensRevokedEvent,
} from "../emulators/slack/index.ts";
import { countKeys, redisUrl, uniquePrefix } from "../support/redis-test-client.ts";
import {
  buttonPress,
  commandReply,
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
const NOT_INSTALLED =
  "SecondRound isn't set up in this workspace any more (its installation is missing or can't be read), so I can't do anything here. Please ask a workspace admin to install the app again.";

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
async function install(teamId: string, via: SlackStack = stack): Promise<{ status: number; body: string }> {
  const start = await fetch(`${via.url}/slack/install`, { redirect: "manual" });
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get("location") ?? "");
  expect(authorize.origin + authorize.pathname).toBe("https://slack.com/oauth/v2/authorize");
  expect(authorize.searchParams.get("scope")?.split(",").sort()).toEqual([
    "channels:history",
    "channels:read",
    "chat:write",
    "commands",
    "files:read",
    "files:write",
    "groups:history",
    "groups:read",
    "im:history",
    "im:read",
    "im:write",
    "usergroups:read",
    "users:read",
  ]);
  const state = authorize.searchParams.get("state") ?? "";
  const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  expect(cookie).toBe(`slack-app-oauth-state=${state}`);

  const code = emulator.issueOAuthCode({ teamId, teamName: "Careers Service", userId: "U0ADMIN" });
  const callback = await fetch(
    `${via.url}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`,
    { headers: { cookie }, redirect: "manual" },
  );
  return { status: callback.status, body: await callback.text() };
}

/** A key's whole value as text, whatever its type, to search it for a workspace's ids. */
async function readableValue(redis: SlackStack["redis"], key: string): Promise<string> {
  switch (await redis.type(key)) {
    case "string":
      return (await redis.getBuffer(key))?.toString("latin1") ?? "";
    case "hash":
      return JSON.stringify(await redis.hgetall(key));
    case "list":
      return JSON.stringify(await redis.lrange(key, 0, -1));
    case "set":
      return JSON.stringify(await redis.smembers(key));
    case "zset":
      return JSON.stringify(await redis.zrange(key, "0", "-1"));
    case "stream":
      return JSON.stringify(await redis.xrange(key, "-", "+"));
    default:
      return "";
  }
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
    // The workspace's settings and token meter go with it.
    await stack.communitySettings.put(`slack:${teamId}`, { version: 1, interviewsPerMemberPerDay: 3 });
    await stack.communitySettings.addTokens(`slack:${teamId}`, "2026-12", 500);

    const uninstalled = await stack.send(eventCallback(appUninstalledEvent(), { teamId }));
    expect(uninstalled.status).toBe(200);
    await stack.settle();

    expect(await countKeys(stack.redis, `*slack:${teamId}*`)).toBe(0);
    // One audit line: which community, why and when.
    const audit = stack.logger.lines.filter((line) => line.fields?.audit === "erasure");
    expect(audit).toEqual([
      {
        level: "warn",
        message: "community data erased",
        fields: expect.objectContaining({
          subject: "community",
          scope: `slack:${teamId}`,
          requestedBy: "workspace-uninstall",
          at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        }),
      },
    ]);
    // Nothing is served for the workspace any more: Bolt finds no installation, no handler runs, and
    // the person is told so through the command's response_url. No token ever reached a log line.
    expect(JSON.stringify(stack.logger.lines)).not.toMatch(/xox[a-z]-/);
    const calls = emulator.calls.length;
    const { request, responseUrl } = interviewCommand(emulator, jo, "help");
    const late = await stack.send(request);
    expect(late.json).toBeUndefined();
    expect(await commandReply(emulator, responseUrl)).toBe(NOT_INSTALLED);
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

  it("answers a command from a workspace without a readable install, and logs it once", async () => {
    // Slack knows the workspace; SecondRound was never installed there.
    const stranger: SlackPerson = {
      userId: "U0NOWHERE",
      userName: "nowhere",
      teamId: newTeamId(),
      channelId: "C0NOWHERE",
    };
    const lines = stack.logger.lines.length;
    for (const subcommand of ["start", "history"]) {
      const never = interviewCommand(emulator, stranger, subcommand);
      expect((await stack.send(never.request)).status).toBe(200);
      expect(await commandReply(emulator, never.responseUrl)).toBe(NOT_INSTALLED);
    }
    await stack.settle();
    const logged = stack.logger.lines.slice(lines).filter((line) => line.level !== "debug");
    expect(logged).toEqual([
      expect.objectContaining({
        level: "warn",
        message: "slack workspace not installed or unreadable",
        fields: expect.objectContaining({ teamId: stranger.teamId }),
      }),
    ]);

    // Installed, but with another encryption key than this process has: nothing can be read either.
    const teamId = newTeamId();
    expect((await install(teamId)).status).toBe(200);
    const otherKey = await startSlackStack(emulator, { keyPrefix, mode: "oauth" });
    try {
      const jo = member(teamId, "C0CAREERS", "U0JO");
      const before = otherKey.logger.lines.length;
      for (const subcommand of ["status", "start"]) {
        const unreadable = interviewCommand(emulator, jo, subcommand);
        expect((await otherKey.send(unreadable.request)).status).toBe(200);
        expect(await commandReply(emulator, unreadable.responseUrl)).toBe(NOT_INSTALLED);
      }
      await otherKey.settle();
      // The cause (the stored token does not decrypt) and the workspace it stops, each said once.
      const logged = otherKey.logger.lines.slice(before).filter((line) => line.level !== "debug");
      expect(logged.map((line) => line.message)).toEqual([
        "stored secret cannot be decrypted; treating it as missing",
        "slack workspace not installed or unreadable",
      ]);
      expect(JSON.stringify(logged)).toContain(teamId);
    } finally {
      await otherKey.stop();
    }
  });

  it("leaves nothing of an uninstalled workspace without a TTL, background job records included", async () => {
    const jobsPrefix = uniquePrefix("slack-oauth-jobs");
    const jobs = new BullmqJobQueue({
      redis: { topology: "standalone", url: redisUrl() },
      keyPrefix: jobsPrefix,
      provider: "offline",
      coachRateLimit: { max: 1_000, durationMs: 60_000 },
      coachConcurrency: 2,
      concurrency: 2,
      lockDurationMs: 30_000,
      logger: stack.logger,
    });
    const durable = await startSlackStack(emulator, { keyPrefix: jobsPrefix, mode: "oauth", jobs });
    const armed = async (threadTs: string) =>
      (await durable.redis.zrange(timersDueKey(jobsPrefix), "0", "-1")).filter((member) =>
        member.includes(threadTs),
      );
    try {
      const teamId = newTeamId();
      expect((await install(teamId, durable)).status).toBe(200);
      const jo = member(teamId, "C0CAREERS", "U0JO");
      const { threadTs, conversation } = await startInterview(durable, emulator, jo, { questions: "1" });
      const interviewId = (await durable.session(conversation))?.id ?? "";
      // An answer arms the quiet-period timer: a member of the deployment's timer set naming the thread.
      await durable.send(threadReply(jo, threadTs, STAR_ANSWER_PARTS[0] ?? ""));
      await durable.settle();
      expect(await armed(threadTs)).toHaveLength(1);

      await durable.send(eventCallback(appUninstalledEvent(), { teamId }));
      await durable.settle();
      // Erasing the workspace takes its timer out of the set shared by the deployment.
      expect(await armed(threadTs)).toEqual([]);

      // Every key of the deployment, interviews' and jobs' alike: whatever still names the workspace,
      // its thread or its interview (in its name or its value) must expire.
      const untimed: string[] = [];
      for (const pattern of [`${jobsPrefix}:*`, `{${jobsPrefix}-jobs}:*`]) {
        for await (const keys of durable.redis.scanStream({ match: pattern, count: 500 }) as AsyncIterable<
          string[]
        >) {
          for (const key of keys) {
            const text = `${key} ${await readableValue(durable.redis, key)}`;
            const names = [teamId, threadTs, interviewId].some((mark) => text.includes(mark));
            if (names && (await durable.redis.pttl(key)) < 0) untimed.push(key);
          }
        }
      }
      expect(untimed).toEqual([]);
    } finally {
      await durable.stop();
    }
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
