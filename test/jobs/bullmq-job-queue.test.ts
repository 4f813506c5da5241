import { spawn } from "node:child_process";
import { once } from "node:events";
import { Queue } from "bullmq";
import { afterEach, describe, expect, it } from "vitest";
import type { EngineJob } from "../../src/core/ports/engine-jobs.ts";
import { BullmqJobQueue } from "../../src/jobs/bullmq-job-queue.ts";
import { CHILD_PROCESS_MS, childProcessTestTimeout } from "../support/cli-process.ts";
import { redisUrl, testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const client = testRedisClient();
const open: BullmqJobQueue[] = [];

function makeQueue(
  keyPrefix: string,
  overrides: Partial<ConstructorParameters<typeof BullmqJobQueue>[0]> = {},
) {
  const queue = new BullmqJobQueue({
    redis: { topology: "standalone", url: redisUrl() },
    keyPrefix,
    provider: "127.0.0.1:8080",
    coachRateLimit: { max: 100, durationMs: 1_000 },
    coachConcurrency: 4,
    concurrency: 4,
    lockDurationMs: 5_000,
    logger: silent,
    ...overrides,
  });
  open.push(queue);
  return queue;
}

function evaluation(questionId: string): EngineJob {
  return {
    kind: "coach-task",
    conversation: "discord:guild:thread",
    sessionId: "session-1",
    task: "evaluate-answer",
    questionId,
  };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((queue) => queue.close()));
});

describe("BullmqJobQueue on a real Redis", () => {
  it("runs a job enqueued twice (a redelivered request) once", async () => {
    const queue = makeQueue(uniquePrefix("jobs-dedupe"));
    await queue.enqueue(evaluation("q1"));
    await queue.enqueue(evaluation("q1"));
    const ran: string[] = [];
    queue.process(async (job) => {
      if (job.kind === "coach-task") ran.push(job.questionId ?? "");
    });
    await until(() => ran.length >= 1);
    await queue.idle();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ran).toEqual(["q1"]);
  });

  it("a job enqueued by a process that then stopped is run by another process", async () => {
    const keyPrefix = uniquePrefix("jobs-handover");
    const first = makeQueue(keyPrefix);
    await first.enqueue(evaluation("q1"));
    await first.close();
    open.splice(open.indexOf(first), 1);
    const ran: EngineJob[] = [];
    const second = makeQueue(keyPrefix);
    second.process(async (job) => {
      ran.push(job);
    });
    await until(() => ran.length === 1);
    expect(ran[0]).toEqual(evaluation("q1"));
  });

  it("a job held by a worker that is killed mid-job is retried by another worker", {
    timeout: childProcessTestTimeout(2),
  }, async () => {
    const keyPrefix = uniquePrefix("jobs-crash");
    const child = spawn(
      process.execPath,
      [new URL("./hanging-worker.ts", import.meta.url).pathname, redisUrl(), keyPrefix, "800"],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    await until(() => output.includes("ready"), CHILD_PROCESS_MS);
    const producer = makeQueue(keyPrefix, { lockDurationMs: 800, provider: "test" });
    await producer.enqueue(evaluation("q1"));
    await until(() => output.includes("started coach-task"), CHILD_PROCESS_MS);
    child.kill("SIGKILL");
    await once(child, "exit");

    const ran: EngineJob[] = [];
    producer.process(async (job) => {
      ran.push(job);
    });
    await until(() => ran.length === 1, 15_000);
    expect(ran[0]).toEqual(evaluation("q1"));
  });

  it("shares one provider's rate limit between processes", async () => {
    const keyPrefix = uniquePrefix("jobs-limit");
    const limit = { max: 2, durationMs: 1_000 };
    let ran = 0;
    const queues = [
      makeQueue(keyPrefix, { coachRateLimit: limit, provider: "llm.example" }),
      makeQueue(keyPrefix, { coachRateLimit: limit, provider: "llm.example" }),
    ];
    for (const queue of queues) {
      queue.process(async () => {
        ran += 1;
      });
    }
    for (let index = 0; index < 6; index += 1) await queues[0]?.enqueue(evaluation(`q${index}`));
    await until(() => ran === 6, 15_000);
    await Promise.all(queues.map((queue) => queue.idle()));
    // When each job was given to a worker (BullMQ's processedOn, stamped as the worker takes it under the limit):
    // the handler's own start comes later by however long a busy machine keeps the worker from the CPU.
    const coach = new Queue("coach-llm.example", { connection: client, prefix: `{${keyPrefix}-jobs}` });
    const started = (await coach.getJobs(["completed"]))
      .map((job) => job.processedOn ?? 0)
      .sort((a, b) => a - b);
    await coach.close();
    expect(started).toHaveLength(6);
    // Two per second across both workers: the third and fifth jobs wait for the next window.
    expect((started[2] ?? 0) - (started[0] ?? 0)).toBeGreaterThanOrEqual(900);
    expect((started[4] ?? 0) - (started[2] ?? 0)).toBeGreaterThanOrEqual(900);
  }, 20_000);

  it("runs quiet-period timers after their delay, not before", async () => {
    const queue = makeQueue(uniquePrefix("jobs-timer"));
    const ran: number[] = [];
    queue.process(async () => {
      ran.push(Date.now());
    });
    const enqueuedAt = Date.now();
    await queue.enqueue(
      { kind: "quiet-period", conversation: "slack:T:C:1.0", sessionId: "s", turnId: "q1", draftSize: 2 },
      400,
    );
    await until(() => ran.length === 1);
    expect((ran[0] ?? 0) - enqueuedAt).toBeGreaterThanOrEqual(390);
  });
});

describe("BullmqJobQueue without Redis", () => {
  it("fails to enqueue quickly instead of holding up the event that caused the job", async () => {
    const getPort = (await import("get-port")).default;
    const queue = new BullmqJobQueue({
      redis: { topology: "standalone", url: `redis://127.0.0.1:${await getPort()}` },
      keyPrefix: "unreachable",
      provider: "test",
      coachRateLimit: { max: 10, durationMs: 1_000 },
      coachConcurrency: 1,
      concurrency: 1,
      lockDurationMs: 1_000,
      logger: silent,
    });
    const started = Date.now();
    await expect(queue.enqueue(evaluation("q1"))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(10_000);
    await queue.close().catch(() => {});
  }, 15_000);
});
