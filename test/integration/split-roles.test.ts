// A deployment split by role on one Redis: two `secondround serve --no-worker` processes (the chat transports) and
// one `secondround worker` (the coach jobs). One Slack interview's events alternate between the two transport
// processes (each has its own Request URL, so the test says which process gets each event); the worker plans the
// questions, evaluates the answers and writes the report's summary, and hands each result to a transport process,
// which commits it and posts what it says. Every post is counted by its idempotency key: nothing lost or doubled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import { type OpenAIEmulator, startOpenAIEmulator } from "../emulators/openai/index.ts";
import type { ChatRequestBody } from "../emulators/openai/types.ts";
import { type SlackWebApiEmulator, startSlackWebApiEmulator } from "../emulators/slack/index.ts";
import { CHILD_PROCESS_MS, CliProcess, childProcessTestTimeout } from "../support/cli-process.ts";
import { eventually } from "../support/eventually.ts";
import { playModel } from "../support/play-model.ts";
import { redisUrl, uniquePrefix } from "../support/redis-test-client.ts";
import { countDelivery, ServedBots, slackInterview } from "../support/served-interviews.ts";

const KEY_PREFIX = uniquePrefix("split-roles");
/** The transports and the worker authenticate differently, so the model's log says who asked for what. */
const TRANSPORT_KEY = "transport-process-key";
const WORKER_KEY = "worker-process-key";

let discord: DiscordEmulator;
let slack: SlackWebApiEmulator;
let model: OpenAIEmulator;
let store: RedisSessionStore;
const served: ServedBots[] = [];
let worker: CliProcess | undefined;

beforeAll(async () => {
  discord = new DiscordEmulator();
  await discord.start();
  slack = await startSlackWebApiEmulator();
  model = await startOpenAIEmulator();
  model.script(...Array.from({ length: 60 }, () => (body: ChatRequestBody) => playModel(body)));
  store = new RedisSessionStore({
    redis: { topology: "standalone", url: redisUrl() },
    keyPrefix: KEY_PREFIX,
  });
});

afterAll(async () => {
  for (const bots of served) bots.cli.child.kill("SIGKILL");
  worker?.child.kill("SIGKILL");
  await store?.close();
  await discord?.stop();
  await slack?.close();
  await model?.close();
});

function ai(apiKey: string) {
  return {
    OPENAI_BASE_URL: `${model.url}/v1`,
    OPENAI_API_KEY: apiKey,
    OPENAI_MAX_RETRIES: "0",
    OPENAI_TIMEOUT_MS: "120000",
    OPENAI_CALL_DEADLINE_MS: "300000",
  };
}

/** Which process asked the model for which task, by the key it sent. */
function modelCalls(apiKey: string): string[] {
  return model.requests
    .filter((request) => request.headers.authorization === `Bearer ${apiKey}`)
    .map((request) => (request.body as ChatRequestBody).response_format?.json_schema?.name ?? "?");
}

/** The idempotency keys (and parts) of the bot's posts in the thread, one entry per post. */
function postedKeys(channel: string, threadTs: string): string[] {
  return slack.messagesIn(channel, threadTs).flatMap((message) => {
    const key = (message.metadata as { event_payload?: { key?: unknown } } | undefined)?.event_payload?.key;
    return typeof key === "string" ? [key] : [];
  });
}

describe("two transport processes and one worker on one Redis", () => {
  it("run one interview whose events alternate between the transports, to its report, nothing lost or doubled", {
    timeout: childProcessTestTimeout(6),
  }, async () => {
    worker = new CliProcess(["worker"], {
      REDIS_URL: redisUrl(),
      SECONDROUND_KEY_PREFIX: KEY_PREFIX,
      ...ai(WORKER_KEY),
    });
    for (const discordApiUrl of [discord.apiUrl, discord.apiUrl.replace("127.0.0.1", "[::ffff:127.0.0.1]")])
      served.push(
        await ServedBots.start({
          redisUrl: redisUrl(),
          keyPrefix: KEY_PREFIX,
          discord,
          slack,
          discordApiUrl,
          env: { ...ai(TRANSPORT_KEY), SECONDROUND_ROLE: "serve" },
        }),
      );
    await worker.waitFor(/worker is running/);
    const [first, second] = served as [ServedBots, ServedBots];
    let via = first;
    const interview = await slackInterview(slack, () => via, "U0ADA", "ada", 2);
    const conversation: ConversationKey = interview.conversation;
    const threadTs = conversation.split(":").at(-1) ?? "";
    const channel = conversation.split(":")[2] ?? "";
    const session = async () => (await store.load(conversation))?.session ?? null;

    // Each answer's message goes to one transport and its Submit to the other, the other way round next time.
    const answers = [
      "I rebuilt our reporting pipeline in 6 weeks and cut the monthly close from 5 days to 2.",
      "I want to join Acme's data team because 3 of my projects used your open data.",
      "What would success look like in the first 90 days, and how is it measured?",
    ];
    for (const [index, answer] of answers.entries()) {
      const [saying, submitting] = index % 2 === 0 ? [first, second] : [second, first];
      via = saying;
      await interview.say(answer);
      await eventually(
        async () => (await session())?.turn?.draft.some((message) => message.text === answer),
        CHILD_PROCESS_MS,
        `answer ${index + 1} to be stored`,
      );
      via = submitting;
      await interview.submit();
      await eventually(
        async () => countDelivery(interview).lost === 0 || (await session())?.phase === "finished",
        CHILD_PROCESS_MS,
        `what answer ${index + 1} is owed`,
      );
    }

    const headers = () =>
      slack
        .messagesIn(channel, threadTs)
        .flatMap((message) => (message.blocks ?? []) as { type?: string; text?: { text?: string } }[])
        .filter((block) => block.type === "header")
        .map((block) => block.text?.text);
    const finished = await eventually(
      async () => {
        const current = await session();
        return current?.phase === "finished" && headers().includes("Your interview feedback")
          ? current
          : null;
      },
      CHILD_PROCESS_MS,
      "the interview to finish and its report to be posted",
    );
    expect(finished.answers.filter((answer) => answer.status === "answered")).toHaveLength(3);
    for (const answer of finished.answers.filter((candidate) => candidate.evaluation !== null))
      expect(answer.evaluation?.coach).toBe("llm");
    expect(finished.summary?.fallbackReason).toBeUndefined();

    // Every post once: one per key, and the report among them.
    const keys = postedKeys(channel, threadTs);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.length).toBe(new Set(keys).size);
    // Three prompts (two questions and the closing one), an acknowledgement for each answer, no post twice.
    const posts = interview.posts();
    expect(new Set(posts.flatMap((post) => (post.turnId ? [post.turnId] : []))).size).toBe(3);
    expect(posts.filter((post) => post.isAck)).toHaveLength(3);
    expect(countDelivery(interview).duplicates).toBe(0);
    expect(headers().filter((header) => header === "Your interview feedback")).toHaveLength(1);

    // The coach jobs ran on the worker, each once; the transports asked the model at most the quick inline
    // "probe or move on" (the rubric found nothing missing in these answers, so not even that).
    expect(modelCalls(WORKER_KEY).sort()).toEqual(
      [
        "plan_questions",
        "evaluate_answer",
        "evaluate_answer",
        "assess_candidate_questions",
        "summarise",
      ].sort(),
    );
    expect(modelCalls(TRANSPORT_KEY).filter((task) => task !== "decide_follow_up")).toEqual([]);

    for (const bots of served) expect(await bots.stop("SIGTERM")).toBe(0);
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
  });
});
