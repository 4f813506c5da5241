import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { createOfflineCoach } from "../src/coach/offline-coach.ts";
import { looksAddressedToGrader } from "../src/coach/rubric/index.ts";
import { InterviewEngine } from "../src/core/engine/interview-engine.ts";
import type { ConversationKey } from "../src/core/model/conversation.ts";
import type { SessionStore } from "../src/core/ports/ports.ts";
import { RedisSessionStore } from "../src/store/redis-session-store.ts";
import { startThrowawayRedis } from "../test/support/throwaway-redis.ts";
import { answerCurrentPrompt, startInterview } from "./bench-interview.ts";
import { percentile, redisCommandCalls, redisUsedMemory } from "./redis-metrics.ts";
import { TimedStore } from "./timed-store.ts";

/**
 * N concurrent simulated interviews through the engine and RedisSessionStore on a throwaway
 * redis-server. Prints figures against the targets; asserts nothing (machines here are noisy).
 */
const { values } = parseArgs({
  options: {
    interviews: { type: "string", default: "1000" },
    questions: { type: "string", default: "6" },
    "latency-interviews": { type: "string", default: "200" },
  },
});
const interviews = Number(values.interviews);
const questions = Number(values.questions);
const latencyInterviews = Number(values["latency-interviews"]);

const redis = process.env.REDIS_URL
  ? { url: process.env.REDIS_URL, stop: async () => {} }
  : await startThrowawayRedis();
const admin = new Redis(redis.url);
const client = new Redis(redis.url);
const keyPrefix = `srbench-${Date.now().toString(36)}`;
const coach = createOfflineCoach();
const sender = { send: async () => {} };
const logger = { debug() {}, info() {}, warn() {}, error() {} };
const makeEngine = (store: SessionStore) =>
  new InterviewEngine({
    store,
    coach,
    standInCoach: coach,
    isInstruction: looksAddressedToGrader,
    sender,
    clock: { now: () => Date.now() },
    logger,
    newSessionId: () => crypto.randomUUID(),
  });

// Phase 1: throughput, round trips and memory with N interviews in flight at once.
const engine = makeEngine(new RedisSessionStore({ client, keyPrefix }));
const conversations = Array.from(
  { length: interviews },
  (_, index): ConversationKey => `terminal:bench-${index}`,
);
const memoryBefore = await redisUsedMemory(admin);
const callsBefore = await redisCommandCalls(admin);
const started = performance.now();
let turns = 0;
await Promise.all(conversations.map((conversation) => startInterview(engine, conversation, questions)));
const runTurns = async (count: number) =>
  Promise.all(
    conversations.map(async (conversation) => {
      for (let index = 0; index < count; index += 1)
        if (await answerCurrentPrompt(engine, conversation)) turns += 1;
    }),
  );
await runTurns(Math.floor(questions / 2));
const memoryActive = await redisUsedMemory(admin);
await runTurns(questions * 3);
const elapsedSeconds = (performance.now() - started) / 1000;
const callsAfter = await redisCommandCalls(admin);
const memoryFinished = await redisUsedMemory(admin);
const roundTrips = ["evalsha", "eval", "hgetall", "script|load"].reduce(
  (sum, command) => sum + ((callsAfter.get(command) ?? 0) - (callsBefore.get(command) ?? 0)),
  0,
);
const allCommands = [...callsAfter].reduce(
  (sum, [command, calls]) => sum + calls - (callsBefore.get(command) ?? 0),
  0,
);

// Phase 2: engine overhead per turn, one interview at a time so no queueing hides in the figure.
const timed = new TimedStore(new RedisSessionStore({ client, keyPrefix: `${keyPrefix}-latency` }));
const latencyEngine = makeEngine(timed);
const overheadMs: number[] = [];
for (let index = 0; index < latencyInterviews; index += 1) {
  const conversation: ConversationKey = `terminal:latency-${index}`;
  await startInterview(latencyEngine, conversation, questions);
  for (;;) {
    timed.reset();
    const turnStart = performance.now();
    if (!(await answerCurrentPrompt(latencyEngine, conversation))) break;
    overheadMs.push(performance.now() - turnStart - timed.elapsedMs);
  }
}

const format = (value: number, digits = 2) => value.toFixed(digits);
const activeBytes = (memoryActive - memoryBefore) / interviews;
const finishedBytes = (memoryFinished - memoryBefore) / interviews;
console.log(
  `SecondRound engine benchmark (${interviews} concurrent interviews, ${questions} questions each, offline coach)`,
);
console.log(
  "A turn = one prompt answered: the answer message and its submit (follow-up probes and the closing question count).",
);
console.log(`turns completed                 ${turns}`);
console.log(`turns/s                         ${format(turns / elapsedSeconds, 0)}`);
console.log(
  `engine overhead per turn p50    ${format(percentile(overheadMs, 50))} ms   (${overheadMs.length} sequential turns)`,
);
console.log(`engine overhead per turn p99    ${format(percentile(overheadMs, 99))} ms   target <= 2 ms`);
console.log(
  `Redis round trips per turn      ${format(roundTrips / turns)}      target <= 3 (all commands incl. inside scripts: ${format(allCommands / turns)})`,
);
console.log(
  `Redis memory per active session ${format(activeBytes / 1024)} KB   target <= 8 KB (mid-interview)`,
);
console.log(`Redis memory per finished one   ${format(finishedBytes / 1024)} KB   (with its full report)`);
console.log(`process RSS                     ${format(process.memoryUsage().rss / 1024 / 1024, 0)} MB`);

await Promise.all([admin.quit(), client.quit()]);
await redis.stop();
