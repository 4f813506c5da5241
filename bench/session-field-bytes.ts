import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { createOfflineCoach } from "../src/coach/offline-coach.ts";
import type { ConversationKey } from "../src/core/model/conversation.ts";
import { CHAT_QUIET_PERIOD_MS } from "../src/core/model/interview-options.ts";
import { RedisSessionStore } from "../src/store/redis-session-store.ts";
import { startThrowawayRedis } from "../test/support/throwaway-redis.ts";
import { answerCurrentPrompt, chatWiredEngine, startInterview } from "./bench-interview.ts";

/**
 * Where a session's Redis bytes go: N interviews through the engine and RedisSessionStore (wired
 * as the chat bots), then, after `--answers` answers, the mean encoded size of each hash field
 * (HSTRLEN; `a:*` summed) and Redis' own MEMORY USAGE of each key kind of one interview. Prints
 * figures; asserts nothing.
 */
const { values } = parseArgs({
  options: {
    interviews: { type: "string", default: "50" },
    answers: { type: "string", default: "10" },
  },
});
const interviews = Number(values.interviews);
const answers = Number(values.answers);

const redis = process.env.REDIS_URL
  ? { url: process.env.REDIS_URL, stop: async () => {} }
  : await startThrowawayRedis();
const client = new Redis(redis.url);
const keyPrefix = `srbytes-${Date.now().toString(36)}`;
const coach = createOfflineCoach();
const engine = chatWiredEngine(new RedisSessionStore({ client, keyPrefix }), coach);
const conversations = Array.from({ length: interviews }, (_, i): ConversationKey => `terminal:bytes-${i}`);
for (const conversation of conversations) {
  await startInterview(engine, conversation, Math.min(12, answers), CHAT_QUIET_PERIOD_MS);
  for (let index = 0; index < answers; index += 1) await answerCurrentPrompt(engine, conversation);
}
await engine.idle();

const fieldBytes = new Map<string, number>();
const keyBytes = new Map<string, number>();
const add = (map: Map<string, number>, name: string, bytes: number) =>
  map.set(name, (map.get(name) ?? 0) + bytes / interviews);
for await (const key of client.scanStream({ match: `${keyPrefix}:*`, count: 1000 })) {
  for (const name of key as string[]) {
    const kind = name.includes("-sweeps}")
      ? name.slice(name.lastIndexOf(":") + 1)
      : name.slice(name.lastIndexOf("}:") + 2);
    add(keyBytes, kind, Number(await client.memory("USAGE", name, "SAMPLES", 0)));
    if (!name.endsWith(":session")) continue;
    for (const field of await client.hkeys(name)) {
      add(
        fieldBytes,
        field.startsWith("a:") ? "a:* (all answers)" : field,
        await client.hstrlen(name, field),
      );
    }
  }
}
const print = (title: string, map: Map<string, number>) => {
  console.log(title);
  let total = 0;
  for (const [name, bytes] of [...map].sort((a, b) => b[1] - a[1])) {
    total += bytes;
    console.log(`  ${name.padEnd(22)} ${bytes.toFixed(0).padStart(7)} B`);
  }
  console.log(`  ${"total".padEnd(22)} ${total.toFixed(0).padStart(7)} B`);
};
print(
  `hash field values, mean per interview after ${answers} answers (${interviews} interviews)`,
  fieldBytes,
);
print("MEMORY USAGE per key kind, mean per interview", keyBytes);
await client.quit();
await redis.stop();
