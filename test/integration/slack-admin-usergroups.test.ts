// `/interview admin` for the members of a configured Slack user group (SLACK_ADMIN_USERGROUP_IDS), through the real
// Bolt app against the Slack emulator's usergroups.users.list: a member who is not a workspace admin changes
// settings, anyone else changes nothing, membership is read once a minute however many commands arrive, and every
// Slack failure (missing scope, rate limit, outage) refuses with "could not check" rather than guessing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_CHECK_FAILED } from "../../adapters/slack/slack-copy.ts";
import { NOT_AN_ADMIN_TEXT } from "../../src/core/interview/community-copy.ts";
import type { SlackWebApiEmulator } from "../emulators/slack/index.ts";
import { slackDefaults, startSlackWebApiEmulator } from "../emulators/slack/index.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import {
  CASEY,
  commandReply,
  interviewCommand,
  type SlackPerson,
  slackPerson,
} from "../support/slack-candidate.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";

const CAREERS = "S0CAREERS";
const MENTORS = "S0MENTORS";
const SCOPE = `slack:${CASEY.teamId}`;

/** Real time, moved on by hand to pass the user group cache's minute. */
function movableClock() {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms: number) => (offset += ms) };
}

async function run(emulator: SlackWebApiEmulator, stack: SlackStack, who: SlackPerson, text: string) {
  const { request, responseUrl } = interviewCommand(emulator, who, text);
  expect((await stack.send(request)).status).toBe(200);
  return commandReply(emulator, responseUrl);
}

describe("admins by user group", () => {
  let emulator: SlackWebApiEmulator;
  let stack: SlackStack;
  const clock = movableClock();
  let ines: SlackPerson;
  let mallory: SlackPerson;

  beforeAll(async () => {
    emulator = await startSlackWebApiEmulator();
    stack = await startSlackStack(emulator, {
      keyPrefix: uniquePrefix("slack-admin-groups"),
      adminUsergroupIds: [CAREERS, MENTORS],
      clock,
    });
    ines = slackPerson(emulator, "U0INES", "ines");
    mallory = slackPerson(emulator, "U0MALLORY", "mallory");
    emulator.addUsergroup({ id: CAREERS, handle: "careers-team", users: ["U0OTHER", ines.userId] });
    emulator.addUsergroup({ id: MENTORS, handle: "mentors", users: [] });
  });

  afterAll(async () => {
    await stack?.stop();
    await emulator?.close();
  });

  afterEach(async () => {
    // Every test starts from a cold cache and a full token.
    clock.advance(61_000);
    emulator.addWorkspace({ teamId: slackDefaults.teamId, botToken: slackDefaults.botToken });
    await stack.communitySettings.put(SCOPE, { version: 1 });
  });

  it("lets a member of the group (not a workspace admin) change settings, and refuses everyone else", async () => {
    expect(await run(emulator, stack, ines, "admin limit 2")).toMatch(
      /^Saved: changed interviewsPerMemberPerDay\.\n\n\*SecondRound settings/,
    );
    expect(await stack.communitySettings.get(SCOPE)).toEqual({ version: 1, interviewsPerMemberPerDay: 2 });
    // Asked with the bot token, one call per configured group.
    const asked = emulator.callsTo("usergroups.users.list");
    expect(asked.map((call) => call.args.usergroup).sort()).toEqual([CAREERS, MENTORS]);
    expect(asked.every((call) => call.token === slackDefaults.botToken)).toBe(true);

    expect(await run(emulator, stack, mallory, "admin limit 9")).toBe(NOT_AN_ADMIN_TEXT);
    expect(await run(emulator, stack, mallory, "admin ai off")).toBe(NOT_AN_ADMIN_TEXT);
    expect(await stack.communitySettings.get(SCOPE)).toEqual({ version: 1, interviewsPerMemberPerDay: 2 });
    const refusals = stack.logger.lines.filter((line) => line.fields?.audit === "settings-refused");
    expect(refusals.at(-1)?.fields).toMatchObject({ scope: SCOPE, actor: mallory.userId });
  });

  it("reads the groups once a minute however many commands arrive, and notices a removal after the minute", async () => {
    const before = emulator.callsTo("usergroups.users.list").length;
    // A burst: 25 refusals and 5 changes at once, more than Slack's 20 lookups a minute.
    const replies = await Promise.all([
      ...Array.from({ length: 25 }, () => run(emulator, stack, mallory, "admin budget 1000")),
      ...Array.from({ length: 5 }, () => run(emulator, stack, ines, "admin budget 250000")),
    ]);
    expect(replies.filter((reply) => reply === NOT_AN_ADMIN_TEXT)).toHaveLength(25);
    expect(replies.filter((reply) => reply.includes("Monthly AI token budget: 250,000"))).toHaveLength(5);
    expect(emulator.callsTo("usergroups.users.list").length - before).toBe(2);
    expect(emulator.callsTo("usergroups.users.list").every((call) => call.status === 200)).toBe(true);

    // Removed from the group in Slack: still trusted for the rest of the minute, refused after it.
    emulator.setUsergroupMembers(CAREERS, ["U0OTHER"]);
    expect(await run(emulator, stack, ines, "admin limit 3")).toMatch(
      /^Saved: changed interviewsPerMemberPerDay/,
    );
    clock.advance(61_000);
    expect(await run(emulator, stack, ines, "admin limit 4")).toBe(NOT_AN_ADMIN_TEXT);
    expect((await stack.communitySettings.get(SCOPE)).interviewsPerMemberPerDay).toBe(3);
    expect(emulator.callsTo("usergroups.users.list").length - before).toBe(4);
    emulator.setUsergroupMembers(CAREERS, ["U0OTHER", ines.userId]);
  });

  it("fails closed when the token lacks usergroups:read, and logs the code without anyone's id", async () => {
    emulator.addWorkspace({
      teamId: slackDefaults.teamId,
      botToken: slackDefaults.botToken,
      scopes: "commands,chat:write,users:read",
    });
    expect(await run(emulator, stack, ines, "admin limit 5")).toBe(ADMIN_CHECK_FAILED);
    expect(await run(emulator, stack, mallory, "admin")).toBe(ADMIN_CHECK_FAILED);
    expect(await stack.communitySettings.get(SCOPE)).toEqual({ version: 1 });
    const warnings = stack.logger.lines.filter((line) =>
      line.message.startsWith("slack user group members not read"),
    );
    expect(warnings.at(-1)?.fields).toEqual({
      teamId: CASEY.teamId,
      usergroup: expect.any(String),
      error: "missing_scope",
    });
    expect(JSON.stringify(warnings)).not.toMatch(/U0INES|U0MALLORY|U0OTHER/);
    // A workspace admin needs no group: users.info alone says yes.
    const owner = { ...CASEY, userId: "U0OWNER", userName: "olu" };
    emulator.addUser({ id: owner.userId, name: owner.userName, isOwner: true });
    expect(await run(emulator, stack, owner, "admin limit 5")).toMatch(
      /^Saved: changed interviewsPerMemberPerDay/,
    );
  });

  it("fails closed when Slack errors or times out, but a group that says yes is enough", async () => {
    // users.info fails: a group member is still an admin; anyone else could not be checked.
    emulator.failNext("users.info", "fatal_error", { times: 2 });
    expect(await run(emulator, stack, ines, "admin ai off")).toMatch(/^Saved: changed aiCoach/);
    expect(await run(emulator, stack, mallory, "admin ai on")).toBe(ADMIN_CHECK_FAILED);
    expect((await stack.communitySettings.get(SCOPE)).aiCoach).toBe(false);

    // The group lookups fail (Slack's outage: 503 to each of the two groups' three attempts): could not check.
    clock.advance(61_000);
    const before = emulator.callsTo("usergroups.users.list").length;
    emulator.failNext("usergroups.users.list", "service_unavailable", { status: 503, times: 6 });
    expect(await run(emulator, stack, ines, "admin ai on")).toBe(ADMIN_CHECK_FAILED);
    expect(
      emulator
        .callsTo("usergroups.users.list")
        .slice(before)
        .map((call) => call.status),
    ).toEqual(Array(6).fill(503));
    expect((await stack.communitySettings.get(SCOPE)).aiCoach).toBe(false);
  });

  it("treats a group this workspace does not have as granting nothing, and says so in the log", async () => {
    const elsewhere = await startSlackStack(emulator, {
      keyPrefix: uniquePrefix("slack-admin-typo"),
      adminUsergroupIds: ["S0TYPO", CAREERS],
    });
    try {
      const { request, responseUrl } = interviewCommand(emulator, mallory, "admin limit 1");
      await elsewhere.send(request);
      expect(await commandReply(emulator, responseUrl)).toBe(NOT_AN_ADMIN_TEXT);
      const { request: allowed, responseUrl: allowedUrl } = interviewCommand(emulator, ines, "admin limit 1");
      await elsewhere.send(allowed);
      expect(await commandReply(emulator, allowedUrl)).toMatch(/^Saved: changed interviewsPerMemberPerDay/);
      expect(elsewhere.logger.lines.map((line) => line.message)).toContain(
        "slack admin user group not in this workspace; it grants nothing here",
      );
    } finally {
      await elsewhere.stop();
    }
  });
});

describe("admins by user group under Slack's rate limit", () => {
  let emulator: SlackWebApiEmulator;
  let stack: SlackStack;
  let emulatorNow = Date.now();
  const clock = movableClock();

  beforeAll(async () => {
    // One lookup a minute, so the second one meets Slack's 429 and its Retry-After.
    emulator = await startSlackWebApiEmulator({
      now: () => emulatorNow,
      rateLimits: { "usergroups.users.list": 1 },
    });
    stack = await startSlackStack(emulator, {
      keyPrefix: uniquePrefix("slack-admin-ratelimit"),
      adminUsergroupIds: [CAREERS],
      clock,
    });
    emulator.addUser({ id: "U0INES", name: "ines" });
    emulator.addUsergroup({ id: CAREERS, handle: "careers-team", users: ["U0INES"] });
  });

  afterAll(async () => {
    await stack?.stop();
    await emulator?.close();
  });

  it("refuses as 'could not check' and asks Slack nothing more until its Retry-After has passed", async () => {
    const ines = { ...CASEY, userId: "U0INES", userName: "ines" };
    expect(await run(emulator, stack, ines, "admin limit 2")).toMatch(/^Saved/);
    clock.advance(61_000);
    emulatorNow += 30_000;
    expect(await run(emulator, stack, ines, "admin limit 3")).toBe(ADMIN_CHECK_FAILED);
    const limited = emulator.callsTo("usergroups.users.list").at(-1);
    expect(limited).toMatchObject({ status: 429, response: { error: "ratelimited" } });
    // Retry-After was 30 s: the next checks within it make no call at all.
    clock.advance(20_000);
    expect(await run(emulator, stack, ines, "admin limit 3")).toBe(ADMIN_CHECK_FAILED);
    expect(emulator.callsTo("usergroups.users.list")).toHaveLength(2);
    expect((await stack.communitySettings.get(SCOPE)).interviewsPerMemberPerDay).toBe(2);
    expect(stack.logger.lines.some((line) => line.fields?.error === "ratelimited (retry after 30 s)")).toBe(
      true,
    );

    clock.advance(11_000);
    emulatorNow += 31_000;
    expect(await run(emulator, stack, ines, "admin limit 3")).toMatch(
      /^Saved: changed interviewsPerMemberPerDay/,
    );
    expect(emulator.callsTo("usergroups.users.list")).toHaveLength(3);
  });
});
