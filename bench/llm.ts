import { parseArgs } from "node:util";
import { findStoryFacts } from "../src/coach/language/story-facts.ts";
import { looksAddressedToGrader } from "../src/coach/rubric/index.ts";
import { loadConfig } from "../src/config.ts";
import { InterviewEngine } from "../src/core/engine/interview-engine.ts";
import type { ConversationKey } from "../src/core/model/conversation.ts";
import { InterviewOptionsSchema } from "../src/core/model/interview-options.ts";
import type { OutboundMessage } from "../src/core/model/reply.ts";
import { createInterviewEngine } from "../src/engine-factory.ts";
import { CHAT_AI_BACKGROUND_TASKS, createDurableJobQueue, createRuntime } from "../src/runtime.ts";
import { RedisSessionStore } from "../src/store/redis-session-store.ts";
import { countTokens, type OpenAIEmulator, startOpenAIEmulator } from "../test/emulators/openai/index.ts";
import type { ChatRequestBody } from "../test/emulators/openai/types.ts";
import { startThrowawayRedis } from "../test/support/throwaway-redis.ts";
import { benchEvent, SAMPLE_ANSWER } from "./bench-interview.ts";
import { FAULTS, formatFaultRow, measureFault, seedFor } from "./llm-faults.ts";
import { offlineCoachCostPerAnswer } from "./offline-coach-cost.ts";
import { percentile } from "./redis-metrics.ts";
import { JOB_DESCRIPTION, simulatedModel, TWO_PAGE_CV } from "./simulated-model.ts";

/**
 * The AI coach against a local OpenAI-compatible server (real HTTP, real `openai` client, token
 * counts from the o200k tokenizer) with a fixed simulated latency: tokens per interview, the share
 * of input tokens in the cacheable prefix, time from the last answer to the report (with the
 * terminal's in-process job queue, and with serve's wiring: durable BullMQ jobs on Redis and the
 * default job settings), and turn latency; the time from submit to a stored evaluation under
 * provider faults of each kind, with the circuit breaker's figures; the offline coach's CPU cost
 * per answer. Prints figures; asserts nothing (machines here are shared and noisy).
 */
const { values } = parseArgs({
  options: {
    "model-ms": { type: "string", default: "700" },
    "think-ms": { type: "string", default: "1500" },
    "latency-interviews": { type: "string", default: "20" },
    "fault-interviews": { type: "string", default: "12" },
    "fault-rate": { type: "string", default: "0.2" },
  },
});
const modelMs = Number(values["model-ms"]);
const thinkMs = Number(values["think-ms"]);

const redis = process.env.REDIS_URL
  ? { url: process.env.REDIS_URL, stop: async () => {} }
  : await startThrowawayRedis();
const store = new RedisSessionStore({ url: redis.url, keyPrefix: `srbench-llm-${Date.now().toString(36)}` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const inbound = benchEvent;

/**
 * An engine on the AI coach, pointed at an emulator that answers after `latencyMs`. "in-process":
 * coach jobs run in this process as they are asked for (the terminal's queue). "serve": the chat
 * bots' wiring, as serve builds it: BullMQ jobs on Redis with the default job settings.
 */
async function aiEngine(latencyMs: number, wiring: "in-process" | "serve" = "in-process") {
  const model = await startOpenAIEmulator();
  model.script(
    ...Array.from({ length: 5_000 }, () => (body: ChatRequestBody) => ({
      kind: "slow" as const,
      delayMs: latencyMs,
      reply: simulatedModel(body),
    })),
  );
  const runtime = createRuntime(
    loadConfig({
      OPENAI_BASE_URL: `${model.url}/v1`,
      OPENAI_API_KEY: "bench",
      // Serve's wiring keeps its jobs on Redis: the same server as the sessions.
      REDIS_URL: redis.url,
      SECONDROUND_KEY_PREFIX: `srbench-llm-jobs-${Date.now().toString(36)}`,
      // These interviews last seconds instead of the usual minutes, so a per-minute limit sized
      // for real ones would be what is measured; it is set out of the way (its test is in test/jobs).
      OPENAI_TASKS_PER_MINUTE: "100000",
    }),
  );
  const reports = new Map<string, number>();
  const sender = {
    async send(message: OutboundMessage) {
      if (message.replies.some((reply) => reply.kind === "report"))
        reports.set(message.conversation, performance.now());
    },
  };
  if (wiring === "serve") {
    const jobs = createDurableJobQueue(runtime);
    const engine = createInterviewEngine({
      store,
      coach: runtime.coach,
      standInCoach: runtime.offlineCoach,
      sender,
      logger: runtime.logger,
      jobs,
      backgroundTasks: CHAT_AI_BACKGROUND_TASKS,
    });
    return { model, engine, reports, runtime, close: () => jobs.close() };
  }
  const engine = new InterviewEngine({
    store,
    coach: runtime.coach,
    standInCoach: runtime.offlineCoach,
    isInstruction: looksAddressedToGrader,
    findFacts: findStoryFacts,
    sender,
    clock: { now: () => Date.now() },
    logger: runtime.logger,
    newSessionId: () => crypto.randomUUID(),
    backgroundTasks: CHAT_AI_BACKGROUND_TASKS,
  });
  return { model, engine, reports, runtime, close: async () => {} };
}

/** One candidate from start to report; returns ms from the last answer to the report, and each turn's ms. */
async function interview(
  setup: Awaited<ReturnType<typeof aiEngine>>,
  conversation: ConversationKey,
  questions: number,
  pauseMs: number,
) {
  const { engine, reports } = setup;
  await engine.handle(
    inbound(conversation, {
      type: "start",
      options: { role: "Senior Data Analyst", company: "Acme", stage: "second", questionCount: questions },
      documents: { cv: TWO_PAGE_CV, jobDescription: JOB_DESCRIPTION },
    }),
  );
  while ((await engine.current(conversation))?.phase === "planning") await sleep(5);
  const turnMs: number[] = [];
  for (;;) {
    const session = await engine.current(conversation);
    if (session?.phase !== "interviewing" || !session.turn) throw new Error(`${conversation} stopped early`);
    const closing = session.currentIndex === session.questions.length - 1;
    const text = closing
      ? "What would success look like in the first 90 days, and how does the team measure it?"
      : SAMPLE_ANSWER;
    await engine.handle(inbound(conversation, { type: "message", text }));
    const submittedAt = performance.now();
    await engine.handle(inbound(conversation, { type: "action", action: "submit" }));
    turnMs.push(performance.now() - submittedAt);
    if (closing) {
      while (!reports.has(conversation)) await sleep(5);
      return { reportMs: (reports.get(conversation) ?? submittedAt) - submittedAt, turnMs };
    }
    await sleep(pauseMs);
  }
}

/** Input tokens spent on system prompts: the byte-stable prefix a provider's prompt cache reuses. */
function prefixTokens(model: OpenAIEmulator, from: number): { prefix: number; input: number } {
  let prefix = 0;
  let input = 0;
  for (const request of model.requests.slice(from)) {
    const messages = (request.body as ChatRequestBody | undefined)?.messages ?? [];
    for (const message of messages) {
      const tokens = countTokens(String(message.content ?? ""));
      input += tokens;
      if (message.role === "system") prefix += tokens;
    }
  }
  return { prefix, input };
}

// 1. Tokens per interview (a 2-page CV and a job description; latency irrelevant here).
const tokens = await aiEngine(0);
console.log("SecondRound AI coach benchmark (local OpenAI-compatible server, o200k token counts)");
console.log("Tokens per interview, with a 2-page CV and a job description:");
console.log("  questions  input tokens  output tokens  calls  input/question  cacheable prefix");
for (const questions of [4, 8, 12]) {
  const conversation: ConversationKey = `terminal:tokens-${questions}`;
  const from = tokens.model.requests.length;
  await interview(tokens, conversation, questions, 0);
  await tokens.engine.idle();
  const usage = (await tokens.engine.current(conversation))?.tokenUsage;
  const share = prefixTokens(tokens.model, from);
  console.log(
    `  ${String(questions).padStart(9)}  ${String(usage?.inputTokens).padStart(12)}  ${String(usage?.outputTokens).padStart(13)}  ${String(usage?.calls).padStart(5)}  ${String(Math.round((usage?.inputTokens ?? 0) / questions)).padStart(14)}  ${((share.prefix / Math.max(1, share.input)) * 100).toFixed(0).padStart(15)} %`,
  );
}
console.log(
  "  Targets (8 questions): <= 25,000 input, <= 6,000 output tokens; >= 60 % of input in the stable prefix.",
);
// Practice mode's "Show a stronger version" is on demand, never part of an interview's run above.
const stronger = { input: 0, output: 0, calls: 0 };
await tokens.runtime.coach.rewriteStory({
  question: {
    id: "bench-story",
    text: "Tell me about a time you made a process more reliable.",
    kind: "behavioural",
    competency: "initiative",
    hint: "STAR",
    topicWords: ["process", "reliable"],
  },
  answerText: SAMPLE_ANSWER,
  options: InterviewOptionsSchema.parse({ role: "Senior Data Analyst", company: "Acme" }),
  onUsage: (spent) => {
    stronger.input += spent.inputTokens;
    stronger.output += spent.outputTokens;
    stronger.calls += spent.calls;
  },
});
console.log(
  `Stronger version (practice mode, on demand), per request for a ${SAMPLE_ANSWER.split(/\s+/).length}-word answer: ${stronger.input} input, ${stronger.output} output tokens in ${stronger.calls} call.`,
);
await tokens.model.close();

// 2. Time from the last answer to the report, evaluations running while the candidate thinks:
// `interviews` in parallel on each wiring, and one alone on serve's for comparison.
const interviews = Number(values["latency-interviews"]);
async function reportLatency(wiring: "in-process" | "serve", count: number) {
  const setup = await aiEngine(modelMs, wiring);
  const results = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      interview(setup, `terminal:latency-${wiring}-${count}-${index}`, 4, thinkMs),
    ),
  );
  await setup.engine.idle();
  await setup.close();
  await setup.model.close();
  return results;
}
const results = await reportLatency("in-process", interviews);
const served = await reportLatency("serve", interviews);
const servedAlone = await reportLatency("serve", 1);
const turnMs = results.flatMap((result) => result.turnMs);
console.log(
  `Report after the last answer (model ${modelMs} ms per call, ${thinkMs} ms thinking between answers; the report needs the summary and the assessment of the candidate's questions, two calls at once):`,
);
for (const [label, runs] of [
  [`${interviews} in parallel, in-process jobs (terminal)`, results],
  [`${interviews} in parallel, serve's wiring (BullMQ)`, served],
  ["1 alone, serve's wiring (BullMQ)", servedAlone],
] as const) {
  const reportMs = runs.map((result) => result.reportMs);
  console.log(
    `  ${label.padEnd(44)}  p50 ${percentile(reportMs, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(reportMs, 95).toFixed(0).padStart(5)} ms`,
  );
}
console.log("  Target: p95 <= 1,500 ms with 20 interviews ending together on serve's wiring.");
console.log(
  `Submit → next question shown (one inline "probe or move on" call of ${modelMs} ms, in-process jobs):`,
);
console.log(
  `  p50 ${percentile(turnMs, 50).toFixed(0)} ms   p99 ${percentile(turnMs, 99).toFixed(0)} ms   engine + client overhead p50 ≈ ${Math.max(0, percentile(turnMs, 50) - modelMs).toFixed(0)} ms`,
);

// 3. Submit → evaluation stored, under faults of each kind, with the default bounds and breaker.
const faultRate = Number(values["fault-rate"]);
const faultRun = { rate: faultRate, interviews: Number(values["fault-interviews"]), questions: 4, modelMs };
const bounds = loadConfig({ OPENAI_API_KEY: "bench" }).openai;
console.log(
  `Submit → evaluation stored, ${faultRun.interviews} interviews × ${faultRun.questions} answers in parallel, ${Math.round(faultRate * 100)} % of model requests failing; default bounds: ${bounds?.timeoutMs} ms per attempt, ${bounds?.maxRetries} retry, ${bounds?.callDeadlineMs} ms per call, breaker opens after ${bounds?.breaker.failureThreshold} failures for ${bounds?.breaker.coolDownMs} ms:`,
);
console.log(
  "  fault                  evals       p50       p99       max  fallbacks  requests  breaker opens",
);
for (const [name, fault] of Object.entries(FAULTS)) {
  console.log(formatFaultRow(name, await measureFault(fault, { ...faultRun, seed: seedFor(name) })));
}
const down = await measureFault(FAULTS["HTTP 500"] ?? null, { ...faultRun, rate: 1, seed: seedFor("down") });
console.log(formatFaultRow("provider down (100 %)", down));
console.log(
  "  Target: p99 <= 10 s under 20 % faults of each kind. With the provider down, the breaker stops the requests and the offline coach answers at once.",
);

// 4. The offline coach's CPU cost per answer (evaluateAnswer + decideFollowUp).
const cost = offlineCoachCostPerAnswer();
console.log(
  `Offline coach CPU per answer (evaluate + follow-up decision, ${cost.samples} runs over varied answers): p50 ${cost.p50.toFixed(2)} ms   p99 ${cost.p99.toFixed(2)} ms`,
);
await store.close();
await redis.stop();
process.exit(0);
