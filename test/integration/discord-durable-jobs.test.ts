import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import { type OpenAIEmulator, startOpenAIEmulator } from "../emulators/openai/index.ts";
import type { ChatReply, ChatRequestBody } from "../emulators/openai/types.ts";
import { CHILD_PROCESS_MS, type CliProcess, childProcessTestTimeout } from "../support/cli-process.ts";
import { buttonOn, serveDiscord, startByCommand } from "../support/discord-stack.ts";
import { eventually } from "../support/eventually.ts";
import { playModel } from "../support/play-model.ts";
import { redisUrl, uniquePrefix } from "../support/redis-test-client.ts";

let discord: DiscordEmulator;
let model: OpenAIEmulator;
const processes: CliProcess[] = [];

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

function serve(keyPrefix: string): CliProcess {
  const cli = serveDiscord(discord, keyPrefix, {
    OPENAI_BASE_URL: `${model.url}/v1`,
    OPENAI_API_KEY: "test",
    OPENAI_MAX_RETRIES: "0",
    OPENAI_TIMEOUT_MS: "20000",
    // A crashed process's job is taken over after one second instead of thirty.
    SECONDROUND_JOB_LOCK_MS: "1000",
  });
  processes.push(cli);
  return cli;
}

describe("durable AI coach jobs on Discord", () => {
  it("an evaluation running when its process is SIGKILLed is finished by the restarted bot", {
    timeout: childProcessTestTimeout(2),
  }, async () => {
    let evaluations = 0;
    const reply = (body: ChatRequestBody): ChatReply => {
      if (body.response_format?.json_schema?.name !== "evaluate_answer") return playModel(body);
      evaluations += 1;
      // The first evaluation hangs until its process is killed (the emulator gives up when it hangs up); the
      // retry answers at once.
      return evaluations === 1 ? { kind: "slow", delayMs: 600_000, reply: playModel(body) } : playModel(body);
    };
    model.script(...Array.from({ length: 40 }, () => reply));
    const keyPrefix = uniquePrefix("discord-jobs");
    const store = new RedisSessionStore({ url: redisUrl(), keyPrefix });
    const first = serve(keyPrefix);
    await first.waitFor(/SecondRound is running on discord/);
    const ada = discord.addUser({ username: "ada" });
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
    );
    await discord.clickButton({
      userId: ada.id,
      channelId: thread.id,
      messageId: prompt.id,
      customId: buttonOn(prompt, "Submit answer") ?? "",
    });
    await eventually(() => evaluations === 1, CHILD_PROCESS_MS, "the evaluation to start");

    first.child.kill("SIGKILL");
    await first.exited;
    const second = serve(keyPrefix);
    await second.waitFor(/SecondRound is running on discord/);

    const evaluation = await eventually(
      async () => (await store.load(conversation))?.session.answers[0]?.evaluation,
      CHILD_PROCESS_MS,
      "the evaluation to be finished by the new process",
    );
    expect(evaluation.coach).toBe("llm");
    expect(evaluation.fallbackReason ?? null).toBeNull();
    expect(evaluations).toBe(2);
    await store.close();
  });
});
