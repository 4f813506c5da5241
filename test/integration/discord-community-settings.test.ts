// `/interview admin` end to end on the Discord emulator: an admin imports a question set from a
// YAML file, limits interviews per day and sets a token budget; a member meets each limit (the
// AI coach runs against the OpenAI emulator, so the metered tokens are its real counts); a member
// who is not an admin changes nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SETTINGS_FILE_NAME } from "../../adapters/discord/admin-command.ts";
import { FallbackCoach } from "../../src/coach/fallback-coach.ts";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import { NOT_AN_ADMIN_TEXT } from "../../src/core/interview/community-copy.ts";
import { DiscordEmulator, type InteractionRecord } from "../emulators/discord/index.ts";
import { botText, silentLogger, startByCommand, startDiscordStack } from "../support/discord-stack.ts";
import { emulatorOpenAICoach } from "../support/emulator-openai-coach.ts";
import { playModel } from "../support/play-model.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import { useOpenAIEmulator } from "../support/use-openai-emulator.ts";

const openai = useOpenAIEmulator();
let discord: DiscordEmulator;
let stack: Awaited<ReturnType<typeof startDiscordStack>>;
let adminRole: string;

const QUESTION_SET = `# Our society's questions
extraQuestions:
  - id: society-event-rescue
    text: "Tell me about a time a society event you ran nearly went wrong."
    kind: behavioural
    competency: pressure
    stages: [first, second]
    hint: "Situation: the event. Action: what you did when it went wrong. Result: how it ended."
    topicWords: [society, event, plan, volunteer, deadline]
  - id: why-our-scheme
    text: "Why do you want to join a graduate scheme at {company}?"
    kind: motivation
    stages: [first, second, final]
    staple: true
    hint: "Reasons linked to what you have done, and what you know about {company}."
    topicWords: [graduate, scheme, reason, learn, career]
`;

beforeEach(async () => {
  discord = new DiscordEmulator();
  await discord.start();
  adminRole = discord.addRole("Careers team");
  stack = await startDiscordStack(discord, {
    keyPrefix: uniquePrefix("discord-settings"),
    coach: new FallbackCoach(emulatorOpenAICoach(openai().url), createOfflineCoach(), silentLogger),
    adminRoleIds: [adminRole],
  });
});

afterEach(async () => {
  await stack.stop();
  await discord.stop();
});

async function replyTo(record: InteractionRecord) {
  const edit = await discord.waitFor(
    () => discord.interactionResponses(record.id).find((response) => response.kind === "original-edit"),
    20_000,
    "command reply",
  );
  return { content: (edit.body as { content: string }).content, files: edit.files };
}

function command(
  userId: string,
  subcommand: string,
  options: Record<string, string | number | boolean> = {},
  file?: { text: string; name: string },
) {
  return discord
    .runSlashCommand({
      userId,
      channelId: discord.defaultChannelId,
      name: "interview",
      subcommand,
      options,
      attachments: file
        ? { file: discord.hostFile(new TextEncoder().encode(file.text), file.name, "application/yaml") }
        : {},
    })
    .then(replyTo);
}

const scope = () => `discord:${discord.guildId}`;

describe("/interview admin on Discord", () => {
  it("refuses a member without Manage Server or an admin role, and changes nothing", async () => {
    const mallory = discord.addUser({ username: "mallory" });
    const changed = await command(mallory.id, "admin", { daily_limit: 1, ai_coach: false });
    expect(changed.content).toBe(NOT_AN_ADMIN_TEXT);
    const imported = await command(mallory.id, "admin", {}, { text: QUESTION_SET, name: "set.yaml" });
    expect(imported.content).toBe(NOT_AN_ADMIN_TEXT);
    const exported = await command(mallory.id, "admin", { export: true });
    expect(exported).toEqual({ content: NOT_AN_ADMIN_TEXT, files: [] });
    expect(await stack.communitySettings.get(scope())).toEqual({ version: 1 });
  });

  it("an admin imports a question set, limits interviews per day and sets a budget; a member meets each limit", async () => {
    openai().script(...Array.from({ length: 30 }, () => playModel));
    const owner = discord.ownerId;
    const imported = await command(owner, "admin", {}, { text: QUESTION_SET, name: "society.yaml" });
    expect(imported.content).toMatch(/^Imported society\.yaml: changed extraQuestions\.\n\n/);
    expect(imported.content).toContain("Extra questions: 2 (society-event-rescue, why-our-scheme)");
    const limited = await command(owner, "admin", { daily_limit: 2, token_budget: 1 });
    expect(limited.content).toMatch(/^Saved: changed interviewsPerMemberPerDay, monthlyTokenBudget\./);
    expect(limited.content).toContain("Interviews per member per day: 2");

    // First interview: the AI coach plans it (the meter was at 0, under the budget) and its tokens are counted.
    const ada = discord.addUser({ username: "ada" });
    const first = await startByCommand(discord, ada.id, {
      role: "Data Analyst",
      company: "Acme",
      questions: 1,
    });
    expect(botText(discord, first.thread.id)).toContain("volunteer rota app");
    const month = new Date().toISOString().slice(0, 7);
    const afterPlan = await stack.communitySettings.tokensUsed(scope(), month);
    const planRequest = openai().requests.find((request) => request.path === "/v1/chat/completions");
    expect(planRequest).toBeDefined();
    expect(afterPlan).toBeGreaterThan(100);
    // The budget is used: the rest of this interview is the offline coach's, and says so.
    expect((await command(ada.id, "end")).content).toMatch(/^Ending your interview/);
    const budgetText =
      /This community's monthly AI budget is used up; the offline coach is assessing until 1 \w+ \d{4}\./;
    await discord.waitFor(
      () => budgetText.test(botText(discord, first.thread.id)),
      20_000,
      "the labelled report",
    );
    const aiCalls = openai().requests.length;

    // Second interview: planned by the offline coach from the community's questions, labelled.
    const second = await command(ada.id, "start", { role: "Data Analyst", company: "Acme", questions: 2 });
    expect(second.content).toMatch(/^Your interview is ready in <#(\d+)>/);
    const secondThread = /<#(\d+)>/.exec(second.content)?.[1] ?? "";
    await discord.waitFor(
      () => botText(discord, secondThread).includes("Question 1 of 2"),
      20_000,
      "first question",
    );
    const secondText = botText(discord, secondThread);
    expect(secondText).toMatch(budgetText);
    expect(secondText).toContain("Why do you want to join a graduate scheme at Acme?");
    expect(openai().requests.length).toBe(aiCalls);
    await command(ada.id, "end");

    // Third start the same day: refused with the limit and when it resets; no thread is opened.
    const threads = discord.threads.length;
    const third = await command(ada.id, "start", { role: "Data Analyst", company: "Acme" });
    expect(third.content).toMatch(
      /^This community allows 2 interviews per member per day, and you have started them all today\. You can start another from 00:00 UTC on \d+ \w+ \d{4}\.$/,
    );
    expect(discord.threads.length).toBe(threads);

    // The admin sees the meter: real token counts against the budget.
    const shown = await command(owner, "admin");
    const used = await stack.communitySettings.tokensUsed(scope(), month);
    expect(used).toBe(afterPlan);
    expect(shown.content).toContain(
      `AI coach tokens this month (${month}): ${used.toLocaleString("en-GB")} of 1 (100%); budget used up, the offline coach is assessing;`,
    );
  });

  it("lets a member with the configured admin role export, lists a broken file's problems by line and changes nothing", async () => {
    const grace = discord.addUser({ username: "grace" });
    discord.giveRole(grace.id, adminRole);
    await command(grace.id, "admin", { ai_coach: false });
    expect(await stack.communitySettings.get(scope())).toEqual({ version: 1, aiCoach: false });

    const broken = QUESTION_SET.replace("competency: pressure", "competency: bravery").replace(
      "stages: [first, second, final]",
      "stages: [first, first]",
    );
    const refused = await command(grace.id, "admin", {}, { text: broken, name: "broken.yaml" });
    expect(refused.content).toMatch(/^Nothing was changed\. Fix these and try again:\n/);
    expect(refused.content).toMatch(/• line 6, extraQuestions\[0\]\.competency: Invalid option/);
    expect(refused.content).toMatch(/• line 13, extraQuestions\[1\]\.stages: stages must not repeat/);
    expect(await stack.communitySettings.get(scope())).toEqual({ version: 1, aiCoach: false });

    const exported = await command(grace.id, "admin", { export: true });
    expect(exported.content).toContain("AI coach: off");
    const [file] = exported.files;
    expect(file?.filename).toBe(SETTINGS_FILE_NAME);
    expect(new TextDecoder().decode(file?.bytes)).toBe("version: 1\naiCoach: false\n");
  });

  it("opens interview threads public or private as the server's admins choose", async () => {
    const owner = discord.ownerId;
    const ada = discord.addUser({ username: "ada" });
    const bo = discord.addUser({ username: "bo" });
    const set = await command(owner, "admin", { threads: "public" });
    expect(set.content).toMatch(/threads/);
    expect(await stack.communitySettings.get(scope())).toEqual({ version: 1, threads: "public" });
    const shown = await command(owner, "admin");
    expect(shown.content).toContain("Interview threads (Discord): public");
    // The stack's own default is private: the server's choice wins.
    const { thread } = await startByCommand(discord, ada.id, { role: "Data Analyst", company: "Acme" });
    expect(thread.type).toBe(11);
    await command(owner, "admin", { threads: "private" });
    const second = await startByCommand(discord, bo.id, { role: "Data Analyst", company: "Acme" });
    expect(second.thread.type).toBe(12);
  });

  it("keeps members' data no longer than the server's retention period, refusing one longer than a year", async () => {
    const owner = discord.ownerId;
    const ada = discord.addUser({ username: "ada" });
    const tooLong = await command(owner, "admin", { retention_days: 400 });
    expect(tooLong.content).toContain("Nothing was changed");
    expect(tooLong.content).toContain("retentionDays can be at most 365 days");
    const set = await command(owner, "admin", { retention_days: 90 });
    expect(set.content).toContain("Saved: changed retentionDays.");
    expect(set.content).toContain("Members' data kept: at most 90 days after its last change");
    expect(await stack.communitySettings.get(scope())).toEqual({ version: 1, retentionDays: 90 });
    // Members see the server's figure where it is shorter than the deployment's (a year for logs).
    const privacy = await command(ada.id, "privacy");
    expect(privacy.content).toContain("Your round-1 logs (`/interview log`). Kept 90 days");
    expect(privacy.content).toContain("Kept 30 days after an interview's last change");
    await command(owner, "admin", { retention_days: 0 });
    expect(await stack.communitySettings.get(scope())).toEqual({ version: 1 });
  });
});
