import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { createOfflineCoach } from "../src/coach/offline-coach.ts";
import type { ConversationKey } from "../src/core/model/conversation.ts";
import { CHAT_QUIET_PERIOD_MS } from "../src/core/model/interview-options.ts";
import { RedisSessionStore } from "../src/store/redis-session-store.ts";
import { startThrowawayRedis } from "../test/support/throwaway-redis.ts";
import { answerCurrentPrompt, chatWiredEngine, startInterview } from "./bench-interview.ts";
import { rssAfterMemoryReducingGc } from "./memory-reducing-gc.ts";
import { percentile, redisCommandCalls, redisUsedMemory } from "./redis-metrics.ts";
import { RoundTripCounter } from "./redis-round-trips.ts";

/**
 * N concurrent simulated interviews through the engine and RedisSessionStore on a throwaway
 * redis-server, then interviews one at a time. Every Redis command is counted (INFO commandstats,
 * commands inside scripts included) and every round trip (client-side, sequential phase); the
 * engine's CPU includes the store's encoding; memory is measured after 10 answers and after the
 * interviews finish, after a forced GC. Prints figures; asserts nothing (machines here are noisy).
 * Run with `node --expose-gc`.
 */
const { values } = parseArgs({
  options: {
    interviews: { type: "string", default: "1000" },
    answers: { type: "string", default: "10" },
    "latency-interviews": { type: "string", default: "200" },
  },
});
const interviews = Number(values.interviews);
const answers = Number(values.answers);
const latencyInterviews = Number(values["latency-interviews"]);
// Enough main questions that the interview is still running after `answers` answers.
const questions = Math.min(12, answers);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const redis = process.env.REDIS_URL
  ? { url: process.env.REDIS_URL, stop: async () => {} }
  : await startThrowawayRedis();
const admin = new Redis(redis.url);
const client = new Redis(redis.url);
const trips = new RoundTripCounter();
trips.instrument(client);
const keyPrefix = `srbench-${Date.now().toString(36)}`;
const coach = createOfflineCoach();
const store = new RedisSessionStore({ client, keyPrefix });
const engine = chatWiredEngine(store, coach);
const start = (conversation: ConversationKey) =>
  startInterview(engine, conversation, questions, CHAT_QUIET_PERIOD_MS);

const memory = () => {
  gc();
  const { rss, arrayBuffers, heapUsed } = process.memoryUsage();
  return { rss, arrayBuffers, heapUsed, reducedRss: rssAfterMemoryReducingGc() };
};

// Phase 1: throughput with N interviews in flight at once, then memory after 10 answers and after the end.
const conversations = Array.from(
  { length: interviews },
  (_, index): ConversationKey => `terminal:bench-${index}`,
);
const redisBefore = await redisUsedMemory(admin);
const processBefore = memory();
await Promise.all(conversations.map(start));
const callsBefore = await redisCommandCalls(admin);
const cpuBefore = process.cpuUsage();
const started = performance.now();
let given = 0;
await Promise.all(
  conversations.map(async (conversation) => {
    for (let index = 0; index < answers; index += 1)
      if (await answerCurrentPrompt(engine, conversation)) given += 1;
  }),
);
const elapsedSeconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
await engine.idle();
const callsAfter = await redisCommandCalls(admin);
const redisActive = await redisUsedMemory(admin);
const processActive = memory();
const cacheActive = engine.cacheSize;
for (const conversation of conversations) while (await answerCurrentPrompt(engine, conversation));
await engine.idle();
const redisFinished = await redisUsedMemory(admin);
const processFinished = memory();
const cacheFinished = engine.cacheSize;
const allCommands = [...callsAfter].reduce(
  (sum, [command, calls]) => sum + calls - (callsBefore.get(command) ?? 0),
  0,
);

// Phase 2: one interview at a time: latency, CPU and round trips per answer, by answer number.
const latencyMs: number[] = [];
const cpuByAnswer: number[][] = Array.from({ length: answers }, () => []);
trips.reset();
let sequentialAnswers = 0;
for (let index = 0; index < latencyInterviews; index += 1) {
  const conversation: ConversationKey = `terminal:latency-${index}`;
  await start(conversation);
  for (let answer = 0; answer < answers; answer += 1) {
    const cpuStart = process.cpuUsage();
    const turnStart = performance.now();
    if (!(await answerCurrentPrompt(engine, conversation))) break;
    latencyMs.push(performance.now() - turnStart);
    const used = process.cpuUsage(cpuStart);
    cpuByAnswer[answer]?.push((used.user + used.system) / 1000);
    sequentialAnswers += 1;
  }
}
const sequentialTrips = trips.trips;
// The start of each interview is counted in the trips above; take it out with a second pass.
trips.reset();
for (let index = 0; index < 20; index += 1) await start(`terminal:start-only-${index}`);
const tripsPerStart = trips.trips / 20;

const format = (value: number, digits = 2) => value.toFixed(digits);
const kb = (bytes: number) => `${format(bytes / 1024, 1)} KB`;
const median = (list: number[]) => percentile(list, 50);
const first = median(cpuByAnswer[0] ?? []);
const last = median(cpuByAnswer[answers - 1] ?? []);
console.log(
  `SecondRound engine benchmark: ${interviews} interviews in flight, ${answers} answers each, offline coach, wired as the chat bots (delivery records, rate limit, quiet-period timers)`,
);
console.log(
  "An answer = one message with the answer and its submit (probes and the closing question count as answers).",
);
console.log(`answers given (in flight)          ${given}`);
console.log(`answers/s, ${interviews} in flight          ${format(given / elapsedSeconds, 0)}`);
console.log(`Node CPU per answer, in flight     ${format((cpu.user + cpu.system) / given / 1000, 3)} ms`);
console.log(
  `latency per answer p50 / p99       ${format(percentile(latencyMs, 50), 3)} / ${format(percentile(latencyMs, 99), 3)} ms (one at a time, ${latencyMs.length} answers)`,
);
console.log(`Node CPU per answer, answer 1      ${format(first, 3)} ms`);
console.log(
  `Node CPU per answer, answer ${answers}     ${format(last, 3)} ms (${format((last / first - 1) * 100, 0)} % vs answer 1; target within 20 %)`,
);
console.log(
  `Redis round trips per answer       ${format((sequentialTrips - tripsPerStart * latencyInterviews) / sequentialAnswers)} (sequential; target <= 2)`,
);
console.log(
  `Redis commands per answer          ${format(allCommands / given)} (INFO commandstats, inside scripts included)`,
);
console.log(
  `Redis bytes per session            ${kb((redisActive - redisBefore) / interviews)} after ${answers} answers (target <= 8 KB); ${kb((redisFinished - redisBefore) / interviews)} finished, report included`,
);
console.log(
  `RSS per session after GC           ${kb((processActive.rss - processBefore.rss) / interviews)} in flight; ${kb((processFinished.rss - processBefore.rss) / interviews)} finished`,
);
console.log(
  `heap per session after GC          ${kb((processActive.heapUsed - processBefore.heapUsed) / interviews)} in flight; ${kb((processFinished.heapUsed - processBefore.heapUsed) / interviews)} finished`,
);
console.log(
  `ArrayBuffers per session after GC  ${kb((processActive.arrayBuffers - processBefore.arrayBuffers) / interviews)} in flight; ${kb((processFinished.arrayBuffers - processBefore.arrayBuffers) / interviews)} finished`,
);
console.log(
  `session cache                      ${cacheActive.sessions} sessions, ${kb(cacheActive.bytes / Math.max(1, cacheActive.sessions))} each as estimated, in flight; ${cacheFinished.sessions} once they finished`,
);
console.log(
  `process RSS after GC               ${format(processActive.rss / 1024 / 1024, 0)} MB in flight, ${format(processFinished.rss / 1024 / 1024, 0)} MB finished, peak ${format(process.resourceUsage().maxRSS / 1024, 0)} MB`,
);
console.log(
  `  after a memory-reducing GC       ${format(processActive.reducedRss / 1024 / 1024, 0)} MB in flight (target <= 300), ${format(processFinished.reducedRss / 1024 / 1024, 0)} MB finished (target <= 150)`,
);

await Promise.all([admin.quit(), client.quit()]);
await redis.stop();
