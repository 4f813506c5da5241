import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { startThrowawayRedis } from "../../test/support/throwaway-redis.ts";
import type { SubjectResult } from "./measure.ts";
import { renderTable } from "./table.ts";
import type { SubjectName } from "./workload.ts";

/**
 * npm run bench:peer — vercel/chat 4.41 (ioredis state adapter) and SecondRound's engine through the
 * same workload on one throwaway redis-server. Rounds alternate (vercel, SecondRound, vercel, ...)
 * so a machine that gets busier or quieter affects both alike; each round is a fresh child process
 * (RSS and CPU are that subject's alone) on a flushed Redis. Figures are medians over rounds.
 * Prints only, asserts nothing: this 2-core machine is shared and noisy. See bench/README.md.
 */
const { values } = parseArgs({
  options: {
    threads: { type: "string" },
    answers: { type: "string" },
    rounds: { type: "string" },
    "sequential-threads": { type: "string" },
    questions: { type: "string" },
    quick: { type: "boolean", default: false },
    // Seal SecondRound's values at rest, as a deployment with SECONDROUND_ENCRYPTION_KEYS does.
    encrypt: { type: "boolean", default: false },
  },
});
if (values.encrypt && !process.env.SECONDROUND_ENCRYPTION_KEYS)
  process.env.SECONDROUND_ENCRYPTION_KEYS = `bench:${randomBytes(32).toString("base64")}`;
const defaults = values.quick
  ? { threads: 50, answers: 4, rounds: 1, sequentialThreads: 10 }
  : { threads: 1000, answers: 10, rounds: 3, sequentialThreads: 200 };
const threads = Number(values.threads ?? defaults.threads);
const answers = Number(values.answers ?? defaults.answers);
const rounds = Number(values.rounds ?? defaults.rounds);
const sequentialThreads = Number(values["sequential-threads"] ?? defaults.sequentialThreads);
// A main questions plus the closing one: the interview is still open after A answers (probes only
// add turns), so "in flight" memory is a running interview. 12 is the engine's maximum.
const questions = Number(values.questions ?? Math.min(12, answers));

const redis = process.env.REDIS_URL
  ? { url: process.env.REDIS_URL, stop: async () => {} }
  : await startThrowawayRedis();
const admin = new Redis(redis.url);
const childPath = fileURLToPath(new URL("./run-subject.ts", import.meta.url));

console.log(
  `bench:peer  ${threads} threads x ${answers} answers of 400 chars, ${sequentialThreads} sequential threads, ` +
    `${rounds} round(s) per subject, SecondRound questionCount ${questions}, Redis ${redis.url}`,
);
const results: Record<SubjectName, SubjectResult[]> = { vercel: [], secondround: [] };
for (let round = 1; round <= rounds; round += 1) {
  for (const subject of ["vercel", "secondround"] as const) {
    await admin.flushall();
    const result = await runChild(subject);
    results[subject].push(result);
    console.log(
      `  round ${round} ${subject.padEnd(11)} p50 ${result.p50Ms.toFixed(2)} ms, ` +
        `${result.answersPerSecond.toFixed(0)} answers/s, ${result.roundTripsPerAnswer.toFixed(2)} trips/answer`,
    );
  }
}
await admin.quit();
await redis.stop();

const vercel = median(results.vercel);
const secondRound = median(results.secondround);
console.log();
console.log(renderTable(vercel, secondRound));
console.log();
for (const result of [vercel, secondRound]) {
  const trips = result.sampleTrips.map((trip) => trip.join("+")).join(" -> ");
  const commands = Object.entries(result.serverCommandsByName)
    .map(([name, calls]) => `${name} ${calls.toFixed(2)}`)
    .join(", ");
  console.log(`${result.subject} trips for one answer (round 1): ${trips}`);
  console.log(`${result.subject} commands run / answer (round 1): ${commands}`);
}
console.log(
  `CPU "last answer" is answer ${secondRound.lastAnswerIndex} (SecondRound), ${vercel.lastAnswerIndex} (vercel/chat).`,
);

/** Runs one round of one subject in a fresh Node with --expose-gc; its stdout is one JSON line. */
function runChild(subject: SubjectName): Promise<SubjectResult> {
  const args = [
    "--expose-gc",
    childPath,
    `--subject=${subject}`,
    `--redis-url=${redis.url}`,
    `--threads=${threads}`,
    `--answers=${answers}`,
    `--sequential-threads=${sequentialThreads}`,
    `--questions=${questions}`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      const line = stdout.trim().split("\n").at(-1) ?? "";
      if (code === 0 && line.startsWith("{")) resolve(JSON.parse(line) as SubjectResult);
      else reject(new Error(`${subject} round exited ${code}: ${stdout.slice(-500)}`));
    });
  });
}

/** Median of every numeric figure across rounds; lists and breakdowns come from round 1. */
function median(rounds: readonly SubjectResult[]): SubjectResult {
  const first = rounds[0];
  if (!first) throw new Error("no rounds");
  const merged: Record<string, unknown> = { ...first };
  for (const [key, value] of Object.entries(first)) {
    if (typeof value !== "number") continue;
    const sorted = rounds.map((round) => round[key as keyof SubjectResult] as number).sort((a, b) => a - b);
    merged[key] = sorted[Math.floor((sorted.length - 1) / 2)];
  }
  return merged as unknown as SubjectResult;
}
