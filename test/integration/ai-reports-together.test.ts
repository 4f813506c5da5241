import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import type { InboundEvent } from "../../src/core/model/inbound-event.ts";
import type { OutboundMessage } from "../../src/core/model/reply.ts";
import type { Session } from "../../src/core/model/session.ts";
import { createInterviewEngine } from "../../src/engine-factory.ts";
import type { BullmqJobQueue } from "../../src/jobs/bullmq-job-queue.ts";
import { CHAT_AI_BACKGROUND_TASKS, createDurableJobQueue, createRuntime } from "../../src/runtime.ts";
import type { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { type OpenAIEmulator, startOpenAIEmulator } from "../emulators/openai/index.ts";
import type { ChatReply, ChatRequestBody } from "../emulators/openai/types.ts";
import { eventually } from "../support/eventually.ts";
import { playModel } from "../support/play-model.ts";
import { redisUrl, uniquePrefix } from "../support/redis-test-client.ts";

/**
 * The chat bots' wiring as `serve` builds it with the AI coach (durable BullMQ jobs on Redis, the
 * default job settings): each report needs two model calls at the same moment, the summary and
 * the assessment of the candidate's own questions. When many interviews end together, all of
 * those calls must be in flight at once. A per-process limit on coach jobs sized for CPU work (8,
 * as it was) queued one interview's report behind other interviews' calls, one model call's time
 * per wave: with 20 interviews ending together and a 700 ms model the report came p50 2.0 s, p95
 * 2.2 s after the last answer instead of 0.75 s. The model holds every reply until the test
 * releases them, so nothing here depends on how fast this machine is.
 */

const INTERVIEWS = 20;
const CLOSING_QUESTION = "What would success look like in the first 90 days, and how is it measured?";
const ANSWER = "I rebuilt our reporting pipeline in 6 weeks and cut the monthly close from 5 days to 2.";

let model: OpenAIEmulator;
let release: () => void = () => {};
let holding = false;
const held: string[] = [];
const cleanups: (() => Promise<void>)[] = [];

beforeEach(async () => {
  model = await startOpenAIEmulator();
  holding = false;
  held.length = 0;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const reply = (body: ChatRequestBody): ChatReply => {
    if (!holding) return playModel(body);
    held.push(body.response_format?.json_schema?.name ?? "?");
    return { kind: "held", released, reply: playModel(body) };
  };
  model.script(...Array.from({ length: 20 * INTERVIEWS }, () => reply));
});

afterEach(async () => {
  release();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await model.close();
});

/** The engine, store and job queue as `serve` builds them, on this file's own key prefix. */
function productionWiring() {
  const config = loadConfig({
    OPENAI_BASE_URL: `${model.url}/v1`,
    OPENAI_API_KEY: "test",
    REDIS_URL: redisUrl(),
    SECONDROUND_KEY_PREFIX: uniquePrefix("ai-reports"),
    LOG_LEVEL: "silent",
    // Held calls wait on the test, not on the model: no attempt may time out meanwhile on a busy machine.
    OPENAI_TIMEOUT_MS: "120000",
    OPENAI_CALL_DEADLINE_MS: "300000",
    // The interviews here take seconds, not the usual minutes: the deployment-wide per-minute
    // limit (its own test is in test/jobs) is not what is checked.
    OPENAI_TASKS_PER_MINUTE: "100000",
  });
  const runtime = createRuntime(config);
  if (runtime.storage.kind !== "redis") throw new Error("expected the Redis store");
  const store: RedisSessionStore = runtime.storage.store;
  const jobs: BullmqJobQueue = createDurableJobQueue(runtime);
  const reports = new Set<string>();
  const sender = {
    async send(message: OutboundMessage) {
      if (message.replies.some((reply) => reply.kind === "report")) reports.add(message.conversation);
    },
  };
  const engine = createInterviewEngine({
    store,
    coach: runtime.coach,
    standInCoach: runtime.offlineCoach,
    sender,
    logger: runtime.logger,
    jobs,
    backgroundTasks: CHAT_AI_BACKGROUND_TASKS,
  });
  cleanups.push(async () => {
    await jobs.close();
    await store.close();
  });
  return { engine, store, reports };
}

let events = 0;
function inbound(conversation: ConversationKey, body: Record<string, unknown>): InboundEvent {
  events += 1;
  return {
    eventId: `together-${events}`,
    conversation,
    author: { id: "candidate", name: "Ada" },
    receivedAt: Date.now(),
    ...body,
  } as InboundEvent;
}

describe("AI coach reports when many interviews end together (serve's wiring)", () => {
  it("runs every report's model calls at once, so no report waits for another interview's", {
    timeout: 120_000,
  }, async () => {
    const { engine, store, reports } = productionWiring();
    const load = async (conversation: ConversationKey): Promise<Session | null> =>
      (await store.load(conversation))?.session ?? null;
    const conversations = Array.from(
      { length: INTERVIEWS },
      (_, index): ConversationKey => `discord:guild:together-${index}`,
    );

    // Every interview up to its closing question, with all its answers evaluated.
    await Promise.all(
      conversations.map(async (conversation) => {
        await engine.handle(
          inbound(conversation, {
            type: "start",
            options: { role: "Data Analyst", company: "Acme", questionCount: 2 },
          }),
        );
        for (let question = 0; question < 2; question += 1) {
          await eventually(async () => {
            const session = await load(conversation);
            return session?.phase === "interviewing" && session.currentIndex === question;
          });
          await engine.handle(inbound(conversation, { type: "message", text: ANSWER }));
          await engine.handle(inbound(conversation, { type: "action", action: "submit" }));
        }
        await eventually(async () => {
          const session = await load(conversation);
          return (
            session?.answers.length === 2 && session.answers.every((answer) => answer.evaluation !== null)
          );
        });
      }),
    );

    // All of them answer the closing question together, and the model holds every call.
    holding = true;
    await Promise.all(
      conversations.map(async (conversation) => {
        await engine.handle(inbound(conversation, { type: "message", text: CLOSING_QUESTION }));
        await engine.handle(inbound(conversation, { type: "action", action: "submit" }));
      }),
    );
    await eventually(
      () => held.length === 2 * INTERVIEWS,
      30_000,
      `all ${2 * INTERVIEWS} report calls in flight at once (a per-process limit on coach jobs holds the rest back)`,
    );
    expect(held.filter((name) => name === "summarise")).toHaveLength(INTERVIEWS);
    expect(held.filter((name) => name === "assess_candidate_questions")).toHaveLength(INTERVIEWS);
    expect(reports.size).toBe(0);

    release();
    await eventually(() => reports.size === INTERVIEWS);
    for (const conversation of conversations) {
      const session = await load(conversation);
      expect(session?.phase).toBe("finished");
      expect(session?.summary?.fallbackReason).toBeUndefined();
    }
    // Nothing else was asked of the model: one summary and one assessment per interview.
    expect(held).toHaveLength(2 * INTERVIEWS);
  });
});
