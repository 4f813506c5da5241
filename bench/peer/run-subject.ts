import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { measure } from "./measure.ts";
import type { Subject } from "./workload.ts";

/**
 * One round for one subject, in its own process so RSS, heap and CPU belong to that subject alone.
 * Started by run-peer.ts with --expose-gc; prints one JSON SubjectResult on stdout, nothing else.
 */
const { values } = parseArgs({
  options: {
    subject: { type: "string" },
    "redis-url": { type: "string" },
    threads: { type: "string", default: "1000" },
    answers: { type: "string", default: "10" },
    "sequential-threads": { type: "string", default: "200" },
    questions: { type: "string", default: "10" },
  },
});
const redisUrl = values["redis-url"] ?? process.env.REDIS_URL;
if (!redisUrl) throw new Error("--redis-url or REDIS_URL is required");

// Imported only for its own round, so neither subject's process holds the other's code and data.
const subject: Subject =
  values.subject === "vercel"
    ? await (await import("./vercel-subject.ts")).createVercelSubject(redisUrl)
    : values.subject === "secondround"
      ? await (await import("./secondround-subject.ts")).createSecondRoundSubject(
          redisUrl,
          Number(values.questions),
        )
      : (() => {
          throw new Error(`--subject vercel|secondround, not ${values.subject}`);
        })();
// A separate, uninstrumented connection for INFO, so measuring never counts as the subject's traffic.
const admin = new Redis(redisUrl);
const result = await measure(subject, admin, {
  threads: Number(values.threads),
  answers: Number(values.answers),
  sequentialThreads: Number(values["sequential-threads"]),
});
await Promise.all([subject.close(), admin.quit()]);
// Exit explicitly: a subject may leave timers behind (lock heartbeats, job queues) that are not ours.
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
