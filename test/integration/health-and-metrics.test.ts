// `secondround serve` as a child process on Discord (the emulator) and a real redis-server, with its health and
// metrics endpoints on a port of their own: a whole interview is counted on /metrics, and stopping Redis turns
// /readyz unready while the candidate is told their answers are safe, until Redis is back and the interview goes on.
import getPort from "get-port";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import { CHILD_PROCESS_MS, type CliProcess, childProcessTestTimeout } from "../support/cli-process.ts";
import { type CrashableRedis, startCrashableRedis } from "../support/crashable-redis.ts";
import { botText, buttonOn, latestPrompt, serveDiscord, startByCommand } from "../support/discord-stack.ts";
import { eventually } from "../support/eventually.ts";
import { hasSample, sampleSum } from "../support/prometheus-text.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";

const ANSWER =
  "In my last role at Northwind I owned the monthly revenue report, which took the finance team three days to build. " +
  "I was asked to cut that time before the audit. I mapped every manual step, wrote SQL views for the four slowest joins " +
  "and automated the export with a scheduled dbt job. As a result the report now takes four hours instead of three days, " +
  "and errors fell from about six a month to zero.";

const CV = new TextEncoder().encode(
  "Ada Lovelace\nExperience\nData Analyst, Northwind Traders, 2021 - present\nProjects\nRevenue reporting automation\nSkills\nSQL, Python, dbt\n",
);

let discord: DiscordEmulator;
let serve: CliProcess | undefined;
let redis: CrashableRedis | undefined;

beforeEach(async () => {
  discord = new DiscordEmulator();
  await discord.start();
});

afterEach(async () => {
  serve?.child.kill("SIGKILL");
  await serve?.exited;
  serve = undefined;
  await redis?.stop();
  redis = undefined;
  await discord.stop();
});

/** Starts `serve` with its health endpoints on a free port; resolves once it says it is ready. */
async function startServe(env: Record<string, string> = {}) {
  const healthPort = await getPort();
  serve = serveDiscord(discord, uniquePrefix("health"), { HEALTH_PORT: String(healthPort), ...env });
  const endpoint = (path: string) => fetch(`http://127.0.0.1:${healthPort}${path}`);
  await eventually(
    async () => (await endpoint("/readyz").catch(() => null))?.status === 200,
    CHILD_PROCESS_MS,
    "serve to be ready",
  );
  return endpoint;
}

function reportPosted(threadId: string): boolean {
  return discord.messagesIn(threadId).some((message) => message.author.bot && message.embeds.length > 0);
}

/** Sends the answer to the prompt shown now and presses its Submit button; waits for what comes next. */
async function answerCurrentPrompt(userId: string, threadId: string, text = ANSWER) {
  const prompt = latestPrompt(discord, threadId);
  const submit = prompt && buttonOn(prompt, "Submit answer");
  if (!prompt || !submit) throw new Error("no prompt with a Submit button");
  await discord.sendMessage({ userId, channelId: threadId, content: text });
  await discord.clickButton({ userId, channelId: threadId, messageId: prompt.id, customId: submit });
  await discord.waitFor(
    () => latestPrompt(discord, threadId)?.id !== prompt.id || reportPosted(threadId),
    CHILD_PROCESS_MS,
    "the next prompt",
  );
}

/** Answers every prompt until the report is posted; returns how many answers were submitted. */
async function finishInterview(userId: string, threadId: string): Promise<number> {
  let submitted = 0;
  for (; submitted < 20 && !reportPosted(threadId); submitted += 1)
    await answerCurrentPrompt(userId, threadId);
  await discord.waitFor(() => reportPosted(threadId), CHILD_PROCESS_MS, "the report");
  return submitted;
}

describe("serve's health and metrics endpoints", () => {
  it(
    "answers /healthz and /readyz, and counts a whole interview with a CV on /metrics",
    async () => {
      const endpoint = await startServe();
      expect((await endpoint("/healthz")).status).toBe(200);
      expect((await endpoint("/health")).status).toBe(200);
      expect((await endpoint("/no-such-page")).status).toBe(404);
      const ready = await endpoint("/ready");
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: "ready",
        checks: { redis: "ok", discord: "ok", "job-workers": "ok" },
      });

      const ada = discord.addUser({ username: "ada" });
      const { thread } = await startByCommand(
        discord,
        ada.id,
        { role: "Data Analyst", company: "Acme", questions: 2 },
        { cv: discord.hostFile(CV, "cv.txt", "text/plain") },
        CHILD_PROCESS_MS,
      );
      const submitted = await finishInterview(ada.id, thread.id);

      const metrics = await eventually(
        async () => {
          const text = await (await endpoint("/metrics")).text();
          return (
            sampleSum(text, "secondround_interviews_completed_total", { platform: "discord" }) === 1 && text
          );
        },
        CHILD_PROCESS_MS,
        "the finished interview on /metrics",
      );
      const discordOnly = { platform: "discord" };
      expect(sampleSum(metrics, "secondround_interviews_started_total", discordOnly)).toBe(1);
      expect(sampleSum(metrics, "secondround_interviews_abandoned_total", discordOnly)).toBe(0);
      // The candidate sent the start, then each answer's message and its Submit. Each is one turn, except that
      // a message and a Submit handled at the same moment may be committed together (the inbox), as one turn.
      const turns = sampleSum(metrics, "secondround_turn_duration_seconds_count", discordOnly);
      expect(turns).toBeGreaterThanOrEqual(1 + submitted);
      expect(turns).toBeLessThanOrEqual(1 + 2 * submitted);
      expect(
        sampleSum(metrics, "secondround_turn_duration_seconds_bucket", { ...discordOnly, le: "+Inf" }),
      ).toBe(turns);
      const offline = { coach: "offline" };
      expect(
        sampleSum(metrics, "secondround_coach_call_duration_seconds_count", {
          ...offline,
          task: "plan-questions",
        }),
      ).toBe(1);
      expect(
        sampleSum(metrics, "secondround_coach_call_duration_seconds_count", {
          ...offline,
          task: "evaluate-answer",
        }),
      ).toBeGreaterThanOrEqual(2);
      expect(sampleSum(metrics, "secondround_coach_call_errors_total")).toBe(0);
      expect(sampleSum(metrics, "secondround_documents_parsed_total")).toBe(1);
      expect(sampleSum(metrics, "secondround_documents_refused_total")).toBe(0);
      expect(hasSample(metrics, "secondround_job_queue_depth")).toBe(true);
      expect(sampleSum(metrics, "secondround_job_queue_depth", { queue: "timers", state: "failed" })).toBe(0);
      expect(hasSample(metrics, "secondround_process_cpu_seconds_total")).toBe(true);
      expect(hasSample(metrics, "secondround_nodejs_eventloop_lag_seconds")).toBe(true);
    },
    childProcessTestTimeout(2),
  );

  it(
    "while Redis is down: unready, the candidate hears their answers are safe, nothing crashes; then it goes on",
    async () => {
      redis = await startCrashableRedis("always");
      const endpoint = await startServe({ REDIS_URL: redis.url });
      const ada = discord.addUser({ username: "ada" });
      const { thread } = await startByCommand(
        discord,
        ada.id,
        { role: "Data Analyst", company: "Acme", questions: 2 },
        {},
        CHILD_PROCESS_MS,
      );
      await answerCurrentPrompt(ada.id, thread.id);
      const promptBefore = latestPrompt(discord, thread.id);

      await redis.kill();
      const unready = await eventually(
        async () => {
          const response = await endpoint("/readyz");
          return response.status === 503 && ((await response.json()) as { checks: Record<string, string> });
        },
        CHILD_PROCESS_MS,
        "/readyz to turn unready",
      );
      expect(unready.checks.redis).toMatch(/^failed/);
      expect((await endpoint("/healthz")).status).toBe(200);

      await discord.sendMessage({
        userId: ada.id,
        channelId: thread.id,
        content: "My second answer starts here.",
      });
      const notice = await discord.waitFor(
        () =>
          discord
            .messagesIn(thread.id)
            .find(
              (message) => message.author.bot && message.content.includes("your answers so far are safe"),
            ),
        CHILD_PROCESS_MS,
        "the notice that the answers so far are safe",
      );
      expect(notice.content).toMatch(/temporarily unavailable/);
      expect(notice.content).toMatch(/send it again in a minute/);
      expect(serve?.child.exitCode).toBeNull();

      await redis.restart();
      await eventually(
        async () => (await endpoint("/readyz")).status === 200,
        CHILD_PROCESS_MS,
        "/readyz to be ready again",
      );
      expect(latestPrompt(discord, thread.id)?.id).toBe(promptBefore?.id);
      await finishInterview(ada.id, thread.id);
      // The answer given before Redis went away is in the report: nothing was lost.
      expect(botText(discord, thread.id)).toContain("four hours instead of three days");
      expect(serve?.child.exitCode).toBeNull();
    },
    childProcessTestTimeout(3),
  );
});
