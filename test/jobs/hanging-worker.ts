import { BullmqJobQueue } from "../../src/jobs/bullmq-job-queue.ts";

/**
 * A worker process that takes jobs and never finishes them, so a test can SIGKILL it mid-job.
 * argv: redisUrl keyPrefix lockDurationMs
 */
const [redisUrl = "", keyPrefix = "", lockDurationMs = "1000"] = process.argv.slice(2);
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const queue = new BullmqJobQueue({
  redis: { topology: "standalone", url: redisUrl },
  keyPrefix,
  provider: "test",
  coachRateLimit: { max: 100, durationMs: 1_000 },
  coachConcurrency: 1,
  concurrency: 1,
  lockDurationMs: Number(lockDurationMs),
  logger: silent,
});
queue.process(async (job) => {
  process.stdout.write(`started ${job.kind}\n`);
  await new Promise(() => {});
});
process.stdout.write("ready\n");
