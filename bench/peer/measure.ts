import type { Redis } from "ioredis";
import { rssAfterMemoryReducingGc } from "../memory-reducing-gc.ts";
import { percentile, redisCommandCalls, redisUsedMemory } from "../redis-metrics.ts";
import type { Subject, SubjectName } from "./workload.ts";

export interface PhaseOptions {
  readonly threads: number;
  readonly answers: number;
  readonly sequentialThreads: number;
}

/** What one child process reports for one subject; run-peer.ts takes medians across rounds. */
export interface SubjectResult {
  readonly subject: SubjectName;
  readonly sequentialAnswers: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p50NoCoachMs: number;
  readonly p99NoCoachMs: number;
  readonly roundTripsPerAnswer: number;
  /** Commands the client sent (an EVALSHA is one). */
  readonly clientCommandsPerAnswer: number;
  /** Commands Redis executed per INFO commandstats (an EVALSHA plus every call its script makes). */
  readonly serverCommandsPerAnswer: number;
  readonly serverCommandsByName: Record<string, number>;
  /** Commands per round trip for one typical answer (the first thread's second answer). */
  readonly sampleTrips: string[][];
  readonly cpuFirstAnswerUs: number;
  readonly cpuLastAnswerUs: number;
  readonly lastAnswerIndex: number;
  readonly answersPerThread: number;
  /** SecondRound: answers until the interview finished (probes and the closing question included). */
  readonly answersToFinishPerThread: number | null;
  readonly answersPerSecond: number;
  readonly cpuPerAnswerUs: number;
  readonly redisBytesPerSession: number;
  readonly redisBytesPerFinishedSession: number | null;
  readonly rssPerSession: number;
  readonly arrayBuffersPerSession: number;
  readonly heapPerSession: number;
  readonly rssPerFinishedSession: number | null;
  /**
   * The process's RSS with every thread open and after they all finished: after a forced GC, and
   * after a memory-reducing one (V8's "last resort" collection, which also hands back the pages
   * it keeps for reuse, as it does when memory runs short).
   */
  readonly rssInFlight: number;
  readonly rssInFlightReduced: number;
  readonly rssFinished: number | null;
  readonly rssFinishedReduced: number | null;
  readonly heapPerFinishedSession: number | null;
  readonly peakRss: number;
}

const gc = () => {
  if (!globalThis.gc) throw new Error("run with --expose-gc");
  globalThis.gc();
};

/** Sequential phase: one answer in flight at a time, so latency, trips and CPU are per answer. */
async function sequential(subject: Subject, admin: Redis, options: PhaseOptions) {
  const threads = Array.from({ length: options.sequentialThreads }, (_, index) => `s-${index}`);
  for (const thread of threads) await subject.start(thread);
  await settle();
  const latency: number[] = [];
  const noCoach: number[] = [];
  const cpuByIndex: number[][] = Array.from({ length: options.answers }, () => []);
  let sampleTrips: string[][] = [];
  const callsBefore = await redisCommandCalls(admin);
  subject.roundTrips.reset();
  for (const [threadIndex, thread] of threads.entries()) {
    for (let index = 0; index < options.answers; index += 1) {
      if (!(await subject.accepts(thread))) break;
      const tracing = threadIndex === 0 && index === Math.min(1, options.answers - 1);
      if (tracing) subject.roundTrips.startTrace();
      subject.takeCoachMs();
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      await subject.answer(thread);
      const elapsed = performance.now() - started;
      const cpu = process.cpuUsage(cpuStart);
      if (tracing) sampleTrips = subject.roundTrips.stopTrace();
      latency.push(elapsed);
      noCoach.push(elapsed - subject.takeCoachMs());
      cpuByIndex[index]?.push(cpu.user + cpu.system);
    }
  }
  // Anything an answer left running in the background (deliveries, timers) still counts.
  await settle();
  const { trips, commands } = subject.roundTrips;
  const served = commandDeltas(callsBefore, await redisCommandCalls(admin));
  const answers = latency.length;
  const lastAnswerIndex = cpuByIndex.findLastIndex((samples) => samples.length > 0);
  return {
    sequentialAnswers: answers,
    p50Ms: percentile(latency, 50),
    p99Ms: percentile(latency, 99),
    p50NoCoachMs: percentile(noCoach, 50),
    p99NoCoachMs: percentile(noCoach, 99),
    roundTripsPerAnswer: trips / answers,
    clientCommandsPerAnswer: commands / answers,
    serverCommandsPerAnswer: [...served.values()].reduce((sum, calls) => sum + calls, 0) / answers,
    serverCommandsByName: Object.fromEntries([...served].map(([name, calls]) => [name, calls / answers])),
    sampleTrips,
    cpuFirstAnswerUs: percentile(cpuByIndex[0] ?? [], 50),
    cpuLastAnswerUs: percentile(cpuByIndex[lastAnswerIndex] ?? [], 50),
    lastAnswerIndex: lastAnswerIndex + 1,
  };
}

/** Throughput phase: all threads in flight at once, each answering one answer after another. */
async function throughput(subject: Subject, admin: Redis, options: PhaseOptions) {
  const threads = Array.from({ length: options.threads }, (_, index) => `t-${index}`);
  await settle();
  gc();
  const memoryBefore = process.memoryUsage();
  const redisBefore = await redisUsedMemory(admin);
  await Promise.all(threads.map((thread) => subject.start(thread)));
  let answers = 0;
  const answerAll = (limit: number) =>
    Promise.all(
      threads.map(async (thread) => {
        for (let index = 0; index < limit && (await subject.accepts(thread)); index += 1) {
          await subject.answer(thread);
          answers += 1;
        }
      }),
    );
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  await answerAll(options.answers);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const timedAnswers = answers;

  // Memory with every thread still open (an interview after A answers is still running).
  await settle();
  gc();
  const active = process.memoryUsage();
  const redisActive = await redisUsedMemory(admin);
  const rssInFlightReduced = rssAfterMemoryReducingGc();
  const perSession = (after: number, before: number) => (after - before) / options.threads;

  // Then, for a subject whose conversations end, finish them all and measure again.
  let finished: { memory: NodeJS.MemoryUsage; redis: number; rssReduced: number } | null = null;
  if (subject.name === "secondround") {
    await answerAll(Number.POSITIVE_INFINITY);
    await settle();
    gc();
    const memory = process.memoryUsage();
    finished = {
      memory,
      redis: perSession(await redisUsedMemory(admin), redisBefore),
      rssReduced: rssAfterMemoryReducingGc(),
    };
  }
  return {
    answersPerThread: timedAnswers / options.threads,
    answersToFinishPerThread: finished ? answers / options.threads : null,
    answersPerSecond: timedAnswers / seconds,
    cpuPerAnswerUs: (cpu.user + cpu.system) / timedAnswers,
    redisBytesPerSession: perSession(redisActive, redisBefore),
    redisBytesPerFinishedSession: finished?.redis ?? null,
    rssPerSession: perSession(active.rss, memoryBefore.rss),
    arrayBuffersPerSession: perSession(active.arrayBuffers, memoryBefore.arrayBuffers),
    heapPerSession: perSession(active.heapUsed, memoryBefore.heapUsed),
    rssPerFinishedSession: finished ? perSession(finished.memory.rss, memoryBefore.rss) : null,
    rssInFlight: active.rss,
    rssInFlightReduced,
    rssFinished: finished?.memory.rss ?? null,
    rssFinishedReduced: finished?.rssReduced ?? null,
    heapPerFinishedSession: finished ? perSession(finished.memory.heapUsed, memoryBefore.heapUsed) : null,
  };
}

/**
 * Warm-up (JIT, connection, script cache) on a few threads, then the sequential phase, then the
 * throughput phase. Setup (starting threads) is never inside a timed window.
 */
export async function measure(subject: Subject, admin: Redis, options: PhaseOptions): Promise<SubjectResult> {
  const warmThreads = Array.from({ length: Math.min(20, options.sequentialThreads) }, (_, i) => `w-${i}`);
  for (const thread of warmThreads) {
    await subject.start(thread);
    for (let index = 0; index < options.answers && (await subject.accepts(thread)); index += 1)
      await subject.answer(thread);
  }
  const sequentialResult = await sequential(subject, admin, options);
  const throughputResult = await throughput(subject, admin, options);
  return {
    subject: subject.name,
    ...sequentialResult,
    ...throughputResult,
    peakRss: process.resourceUsage().maxRSS * 1024,
  };
}

/** Commands Redis ran between two INFO commandstats snapshots, leaving out our own INFO calls. */
function commandDeltas(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const deltas = new Map<string, number>();
  for (const [name, calls] of after) {
    const delta = calls - (before.get(name) ?? 0);
    if (name !== "info" && delta > 0) deltas.set(name, delta);
  }
  return deltas;
}

/** Lets background work an operation started (deliveries, acks) finish before a snapshot. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 100));
}
