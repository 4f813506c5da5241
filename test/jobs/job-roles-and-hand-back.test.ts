import { afterEach, describe, expect, it } from "vitest";
import type { EngineJob } from "../../src/core/ports/engine-jobs.ts";
import { BullmqJobQueue, type HandedOffResult } from "../../src/jobs/bullmq-job-queue.ts";
import { eventually } from "../support/eventually.ts";
import { redisUrl, uniquePrefix } from "../support/redis-test-client.ts";

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const open: BullmqJobQueue[] = [];

/** A lock far longer than the test: a job reaching another worker did not get there through the stalled-job check. */
const LONG_LOCK_MS = 600_000;

function makeQueue(keyPrefix: string, work?: { coachTasks: boolean; transports: boolean }) {
  const queue = new BullmqJobQueue({
    redis: { topology: "standalone", url: redisUrl() },
    keyPrefix,
    provider: "127.0.0.1:8080",
    coachRateLimit: { max: 100, durationMs: 1_000 },
    coachConcurrency: 4,
    concurrency: 4,
    lockDurationMs: LONG_LOCK_MS,
    logger: silent,
    ...(work ? { work } : {}),
  });
  open.push(queue);
  return queue;
}

const evaluation: EngineJob = {
  kind: "coach-task",
  conversation: "discord:guild:thread",
  sessionId: "session-1",
  task: "evaluate-answer",
  questionId: "q1",
};

afterEach(async () => {
  await Promise.all(open.splice(0).map((queue) => queue.shutDown(Date.now())));
});

describe("BullmqJobQueue: roles and graceful shutdown", () => {
  it("a job still running at the shutdown deadline goes back to the queue and another process takes it at once", async () => {
    const keyPrefix = uniquePrefix("hand-back");
    const leaving = makeQueue(keyPrefix);
    let started = 0;
    leaving.process(async () => {
      started += 1;
      await new Promise(() => {});
    });
    await leaving.enqueue(evaluation);
    await eventually(() => started === 1, 30_000, "the first worker to take the job");

    await leaving.shutDown(Date.now() + 200);
    const staying = makeQueue(keyPrefix);
    const ran: EngineJob[] = [];
    staying.process(async (job) => {
      ran.push(job);
    });
    // Within seconds, although the first worker's lock would have held the job for ten minutes.
    await eventually(() => ran.length === 1, 30_000, "the job to reach the other worker");
    expect(ran[0]).toEqual(evaluation);
    expect(started).toBe(1);
  });

  it("a job that finishes before the deadline is completed, not handed back", async () => {
    const keyPrefix = uniquePrefix("drain");
    const queue = makeQueue(keyPrefix);
    let finished = 0;
    let release: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = 0;
    queue.process(async () => {
      started += 1;
      await running;
      finished += 1;
    });
    await queue.enqueue(evaluation);
    await eventually(() => started === 1, 30_000, "the job to start");
    const stopping = queue.shutDown(Date.now() + 60_000);
    setTimeout(release, 100);
    await stopping;
    expect(finished).toBe(1);
  });

  it("a worker-only queue runs coach tasks and hands results to a transport-only queue, which commits them", async () => {
    const keyPrefix = uniquePrefix("roles");
    const worker = makeQueue(keyPrefix, { coachTasks: true, transports: false });
    const transport = makeQueue(keyPrefix, { coachTasks: false, transports: true });
    const event = { type: "coach-failed", task: "evaluate-answer", questionId: "q1", at: 1 } as const;
    const coachTasksRun: string[] = [];
    worker.process(async (job) => {
      coachTasksRun.push("worker");
      await worker.handOff(job, event);
    });
    transport.process(async () => {
      coachTasksRun.push("transport");
    });
    // Results go to the transport-only queue alone, even though the worker also listens for them.
    worker.processResults(async () => {
      throw new Error("a worker-only process must not commit results");
    });
    const applied: HandedOffResult[] = [];
    transport.processResults(async (result) => {
      applied.push(result);
    });
    await transport.enqueue(evaluation);
    await eventually(() => applied.length === 1, 30_000, "the result to be committed by the transport");
    expect(applied[0]).toEqual({ job: evaluation, event });
    expect(coachTasksRun).toEqual(["worker"]);
  });
});
