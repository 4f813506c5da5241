import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import type { ConversationKey } from "../src/core/conversation.ts";
import { InterviewEngine } from "../src/core/interview-engine.ts";
import type { OutboundMessage } from "../src/core/reply.ts";
import { CHAT_AI_BACKGROUND_TASKS, createRuntime } from "../src/runtime.ts";
import { RedisSessionStore } from "../src/store/redis-session-store.ts";
import { startOpenAIEmulator } from "../test/emulators/openai/index.ts";
import { playModel } from "../test/support/play-model.ts";
import { startThrowawayRedis } from "../test/support/throwaway-redis.ts";
import { answerCurrentPrompt, startInterview } from "./bench-interview.ts";
import { percentile } from "./redis-metrics.ts";

/**
 * How soon the report appears after the candidate's last answer, with the AI coach on a local
 * OpenAI-compatible server that takes `--model-ms` per call, evaluations running as background
 * jobs while the candidate thinks (`--think-ms` between answers). Prints figures; asserts nothing.
 */
const { values } = parseArgs({
  options: {
    interviews: { type: "string", default: "20" },
    questions: { type: "string", default: "4" },
    "model-ms": { type: "string", default: "700" },
    "think-ms": { type: "string", default: "1500" },
  },
});
const interviews = Number(values.interviews);
const modelMs = Number(values["model-ms"]);
const thinkMs = Number(values["think-ms"]);

const emulator = await startOpenAIEmulator();
emulator.script(
  ...Array.from({ length: interviews * 40 }, () => (body: Parameters<typeof playModel>[0]) => ({
    kind: "slow" as const,
    delayMs: modelMs,
    reply: playModel(body),
  })),
);
const redis = process.env.REDIS_URL
  ? { url: process.env.REDIS_URL, stop: async () => {} }
  : await startThrowawayRedis();
const runtime = createRuntime(loadConfig({ OPENAI_BASE_URL: `${emulator.url}/v1`, OPENAI_API_KEY: "bench" }));
const reportAt = new Map<string, number>();
const sender = {
  async send(message: OutboundMessage) {
    if (message.replies.some((reply) => reply.kind === "report"))
      reportAt.set(message.conversation, performance.now());
  },
};
const engine = new InterviewEngine({
  store: new RedisSessionStore({ url: redis.url, keyPrefix: `srbench-report-${Date.now().toString(36)}` }),
  coach: runtime.coach,
  sender,
  clock: { now: () => Date.now() },
  logger: runtime.logger,
  newSessionId: () => crypto.randomUUID(),
  backgroundTasks: CHAT_AI_BACKGROUND_TASKS,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const waitUntil = async (check: () => Promise<boolean>) => {
  while (!(await check())) await sleep(10);
};

/** One candidate: answers every question with a pause to think, then the closing question. */
async function candidate(conversation: ConversationKey): Promise<number> {
  await startInterview(engine, conversation, Number(values.questions));
  await waitUntil(async () => (await engine.current(conversation))?.phase === "interviewing");
  for (;;) {
    const session = await engine.current(conversation);
    if (!session || session.phase !== "interviewing") break;
    const last = session.currentIndex === session.questions.length - 1;
    if (last) {
      const answeredAt = performance.now();
      await answerCurrentPrompt(engine, conversation);
      await waitUntil(async () => reportAt.has(conversation));
      return (reportAt.get(conversation) ?? answeredAt) - answeredAt;
    }
    await answerCurrentPrompt(engine, conversation);
    await sleep(thinkMs);
  }
  throw new Error(`${conversation} finished without a closing answer`);
}

const started = performance.now();
const latencies = await Promise.all(
  Array.from({ length: interviews }, (_, index) => candidate(`terminal:report-${index}`)),
);
const calls = emulator.requests.length;
latencies.sort((a, b) => a - b);
console.log(
  `Report latency after the last answer (${interviews} interviews × ${values.questions} questions, AI coach)`,
);
console.log(`  model latency per call        ${modelMs} ms; candidate thinking time ${thinkMs} ms`);
console.log(`  p50                           ${percentile(latencies, 50).toFixed(0)} ms`);
console.log(`  p95                           ${percentile(latencies, 95).toFixed(0)} ms`);
console.log(`  max                           ${(latencies.at(-1) ?? 0).toFixed(0)} ms`);
console.log(`  model calls                   ${calls} (${(calls / interviews).toFixed(1)} per interview)`);
console.log(`  wall time                     ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log("Target: report visible within about 2 s of the last answer once evaluations are done.");
await engine.idle();
await emulator.close();
await redis.stop();
process.exit(0);
