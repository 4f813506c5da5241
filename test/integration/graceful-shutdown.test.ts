// `secondround serve` and `secondround worker` stopped by SIGTERM: during start-up, with Redis unreachable, and
// with a coach job's model call in flight, which another worker process then finishes.
import getPort from "get-port";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import { type OpenAIEmulator, startOpenAIEmulator } from "../emulators/openai/index.ts";
import type { ChatReply, ChatRequestBody } from "../emulators/openai/types.ts";
import { CHILD_PROCESS_MS, CliProcess, childProcessTestTimeout } from "../support/cli-process.ts";
import { buttonOn, serveDiscord, startByCommand } from "../support/discord-stack.ts";
import { eventually } from "../support/eventually.ts";
import { playModel } from "../support/play-model.ts";
import { redisUrl, uniquePrefix } from "../support/redis-test-client.ts";

const processes: CliProcess[] = [];

afterEach(() => {
  for (const cli of processes.splice(0)) cli.child.kill("SIGKILL");
});

function start(args: string[], env: Record<string, string>): CliProcess {
  const cli = new CliProcess(args, env);
  processes.push(cli);
  return cli;
}

/** Everything the process wrote to stderr, log lines included. */
function everythingOnStderr(cli: CliProcess): string {
  const logs = (cli as unknown as { logs?: string[] }).logs ?? [];
  return `${cli.stderr}\n${logs.join("\n")}`;
}

/** Sends SIGTERM and resolves with the exit code and how long the exit took. */
async function terminate(cli: CliProcess): Promise<{ code: number | null; ms: number }> {
  const signalled = Date.now();
  cli.child.kill("SIGTERM");
  const code = await cli.exited;
  return { code, ms: Date.now() - signalled };
}

describe("SIGTERM during start-up", { timeout: childProcessTestTimeout(2) }, () => {
  it.each([
    ["serve", ["serve"]],
    ["worker", ["worker"]],
  ])("%s with Redis unreachable exits with status 0 within 5 s of the signal", async (_, args) => {
    // Nobody listens on this port: start-up waits on Redis for as long as it takes.
    const unreachable = `redis://127.0.0.1:${await getPort()}`;
    const cli = start(args, {
      REDIS_URL: unreachable,
      DISCORD_BOT_TOKEN: "graceful-shutdown-test-token-that-is-not-real",
      LOG_LEVEL: "warn",
    });
    // Start-up has reached Redis (and is stuck there) once the first connection error is logged.
    await eventually(
      () => /redis connection error/.test(everythingOnStderr(cli)),
      CHILD_PROCESS_MS,
      "the process to try Redis",
    );
    const { code, ms } = await terminate(cli);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5_000);
  });
});

describe("SIGTERM while a coach job's model call is in flight", () => {
  let discord: DiscordEmulator;
  let model: OpenAIEmulator;

  beforeEach(async () => {
    discord = new DiscordEmulator();
    await discord.start();
    model = await startOpenAIEmulator();
  });

  afterEach(async () => {
    for (const cli of processes.splice(0)) cli.child.kill("SIGKILL");
    await discord.stop();
    await model.close();
  });

  it("the worker exits within its grace period and the other worker finishes the job, once", {
    timeout: childProcessTestTimeout(4),
  }, async () => {
    let evaluations = 0;
    const reply = (body: ChatRequestBody): ChatReply => {
      if (body.response_format?.json_schema?.name !== "evaluate_answer") return playModel(body);
      evaluations += 1;
      // The first evaluation does not answer while its worker lives; the one after the hand-back answers at once.
      return evaluations === 1 ? { kind: "slow", delayMs: 600_000, reply: playModel(body) } : playModel(body);
    };
    model.script(...Array.from({ length: 40 }, () => reply));
    const keyPrefix = uniquePrefix("shutdown-ai");
    const ai = {
      REDIS_URL: redisUrl(),
      SECONDROUND_KEY_PREFIX: keyPrefix,
      OPENAI_BASE_URL: `${model.url}/v1`,
      OPENAI_API_KEY: "test",
      OPENAI_MAX_RETRIES: "0",
      // A held call waits on the test, not on the model: no attempt may time out meanwhile on a busy machine.
      OPENAI_TIMEOUT_MS: "120000",
      OPENAI_CALL_DEADLINE_MS: "300000",
      // Far longer than the test: a job that reaches the other worker was handed back, not found stalled.
      SECONDROUND_JOB_LOCK_MS: "300000",
      SECONDROUND_SHUTDOWN_GRACE_MS: "1500",
    };
    const store = new RedisSessionStore({ redis: { topology: "standalone", url: redisUrl() }, keyPrefix });
    const bots = serveDiscord(discord, keyPrefix, { ...ai, SECONDROUND_ROLE: "serve" });
    processes.push(bots);
    const leaving = start(["worker"], ai);
    await bots.waitFor(/SecondRound is running on discord/);
    await leaving.waitFor(/worker is running/);

    const ada = discord.addUser({ username: "ada" });
    // The question plan is a coach job too: planned by the worker, committed and posted by the bots.
    const { thread, conversation, prompt } = await startByCommand(
      discord,
      ada.id,
      { role: "Data Analyst", company: "Acme", questions: 2 },
      {},
      CHILD_PROCESS_MS,
    );
    await discord.sendMessage({
      userId: ada.id,
      channelId: thread.id,
      content: "I rebuilt our reporting pipeline in 6 weeks and cut the monthly close from 5 days to 2.",
    });
    await eventually(
      async () => (await store.load(conversation))?.session.turn?.draft.length === 1,
      CHILD_PROCESS_MS,
      "the answer to be stored",
    );
    await discord.clickButton({
      userId: ada.id,
      channelId: thread.id,
      messageId: prompt.id,
      customId: buttonOn(prompt, "Submit answer") ?? "",
    });
    await eventually(() => evaluations === 1, CHILD_PROCESS_MS, "the evaluation's model call to start");

    const staying = start(["worker"], ai);
    await staying.waitFor(/worker is running/);
    const { code, ms } = await terminate(leaving);
    expect(code).toBe(0);
    // The grace period (1.5 s), then handing the job back and closing: well inside Docker's 10 s.
    expect(ms).toBeLessThan(8_000);

    const evaluation = await eventually(
      async () => (await store.load(conversation))?.session.answers[0]?.evaluation,
      CHILD_PROCESS_MS,
      "the evaluation, finished by the other worker",
    );
    expect(evaluation.coach).toBe("llm");
    expect(evaluation.fallbackReason ?? null).toBeNull();
    // One abandoned call and the one that finished: the job ran once more, not once per process.
    expect(evaluations).toBe(2);
    expect((await terminate(staying)).code).toBe(0);
    expect((await terminate(bots)).code).toBe(0);
    await store.close();
  });
});
