import { randomBytes } from "node:crypto";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import { InterviewDesk } from "../../src/core/engine/interview-desk.ts";
import { createInterviewEngine } from "../../src/engine-factory.ts";
import { BullmqJobQueue } from "../../src/jobs/bullmq-job-queue.ts";
import type { RedisConfig } from "../../src/redis-config.ts";
import { CHAT_AI_BACKGROUND_TASKS } from "../../src/runtime.ts";
import { RedisCandidateDirectory } from "../../src/store/redis-candidate-directory.ts";
import { RedisSecretStore } from "../../src/store/redis-secret-store.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { ManualClock, silentLogger } from "./engine-harness.ts";
import { RecordingSender } from "./recording-sender.ts";

/**
 * The chat bots' wiring on any Redis topology, opened from its configuration as `serve` opens it:
 * the session store, the candidate directory and secrets on the store's connection, and BullMQ
 * running every coach task as a durable job (as with the AI coach; the offline coach answers, so
 * no model is needed). Time is a manual clock, so the quiet-period timers and the delivery sweep
 * run when the test says.
 */
export function topologyWiring(redis: RedisConfig, keyPrefix: string, deliveryGraceMs: number) {
  const clock = new ManualClock();
  const logger = silentLogger();
  const store = new RedisSessionStore({ redis, keyPrefix });
  const directory = new RedisCandidateDirectory({ client: store.client, keyPrefix });
  const secrets = new RedisSecretStore({
    client: store.client,
    keyPrefix,
    encryptionKey: randomBytes(32).toString("base64"),
  });
  const jobs = new BullmqJobQueue({
    redis,
    keyPrefix,
    provider: "offline",
    coachRateLimit: { max: 100_000, durationMs: 60_000 },
    coachConcurrency: 8,
    concurrency: 2,
    lockDurationMs: 10_000,
    logger,
  });
  const sender = new RecordingSender();
  const engine = createInterviewEngine({
    store,
    coach: createOfflineCoach(),
    sender,
    logger,
    clock,
    jobs,
    backgroundTasks: CHAT_AI_BACKGROUND_TASKS,
    deliveryGraceMs,
    deliveryMarkDelayMs: 100,
  });
  const desk = new InterviewDesk({ engine, store, directory });
  return {
    clock,
    store,
    secrets,
    sender,
    engine,
    desk,
    async close() {
      await engine.idle();
      await engine.flushDeliveryMarks();
      await jobs.close();
      await store.close();
    },
  };
}
