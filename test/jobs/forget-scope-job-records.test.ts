import { afterEach, describe, expect, it } from "vitest";
import type { EngineJob } from "../../src/core/ports/engine-jobs.ts";
import { BullmqJobQueue } from "../../src/jobs/bullmq-job-queue.ts";
import { redisUrl, testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const client = testRedisClient();
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const open: BullmqJobQueue[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((queue) => queue.close()));
});

function queueOn(keyPrefix: string): BullmqJobQueue {
  const queue = new BullmqJobQueue({
    redis: { topology: "standalone", url: redisUrl() },
    keyPrefix,
    provider: "127.0.0.1:8080",
    coachRateLimit: { max: 100, durationMs: 1_000 },
    coachConcurrency: 4,
    concurrency: 4,
    lockDurationMs: 5_000,
    logger: silent,
  });
  open.push(queue);
  return queue;
}

function summary(conversation: `discord:${string}`, sessionId: string): EngineJob {
  return { kind: "coach-task", conversation, sessionId, task: "summarise", questionId: null };
}

/** Every job record hash of the deployment's queues whose data mentions `text`. */
async function recordsMentioning(keyPrefix: string, text: string): Promise<string[]> {
  const keys = await client.keys(`{${keyPrefix}-jobs}:*`);
  const found: string[] = [];
  for (const key of keys) {
    if ((await client.type(key)) !== "hash") continue;
    if ((await client.hget(key, "data"))?.includes(text)) found.push(key);
  }
  return found;
}

describe("erasing a community removes its job records", () => {
  it("removes the records naming the community's interviews, waiting or handed off, and no other", async () => {
    const keyPrefix = uniquePrefix("forget-jobs");
    const queue = queueOn(keyPrefix);
    // Delayed, so they stay as records (no worker runs here), as jobs of a removed server would.
    await queue.enqueue(summary("discord:4242:1001", "s1"), 3_600_000);
    await queue.enqueue(summary("discord:4242:1002", "s2"), 3_600_000);
    await queue.handOff(summary("discord:4242:1003", "s3"), {
      type: "coach-failed",
      task: "summarise",
      at: 1,
    });
    await queue.enqueue(summary("discord:42420:2001", "s4"), 3_600_000);
    expect(await recordsMentioning(keyPrefix, "discord:4242:")).toHaveLength(3);

    expect(await queue.forgetScope("discord:4242")).toBe(3);
    expect(await recordsMentioning(keyPrefix, "discord:4242:")).toEqual([]);
    // A server whose id merely starts with the same digits is another community.
    expect(await recordsMentioning(keyPrefix, "discord:42420:2001")).toHaveLength(1);
  });

  it("a member's erasure removes the records naming their interviews only, handed-off results included", async () => {
    const keyPrefix = uniquePrefix("forget-member-jobs");
    const queue = queueOn(keyPrefix);
    await queue.enqueue(summary("discord:4242:1001", "s1"), 3_600_000);
    await queue.handOff(summary("discord:4242:1001", "s1"), {
      type: "coach-failed",
      task: "summarise",
      at: 1,
    });
    await queue.enqueue(summary("discord:4242:1002", "s2"), 3_600_000);
    expect(await queue.forgetConversations(["discord:4242:1001"])).toEqual({ removed: 2, running: 0 });
    expect(await recordsMentioning(keyPrefix, "discord:4242:1001")).toEqual([]);
    // Another member's interview in the same server keeps its job.
    expect(await recordsMentioning(keyPrefix, "discord:4242:1002")).toHaveLength(1);
    expect(await queue.forgetConversations(["discord:4242:1001"])).toEqual({ removed: 0, running: 0 });
  });
});
