import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InterviewEngine } from "../../src/core/engine/interview-engine.ts";
import { promptText } from "../../src/core/interview/session-turns.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { type CrashableRedis, startCrashableRedis } from "../support/crashable-redis.ts";
import { inbound, makeEngine } from "../support/engine-harness.ts";
import type { RecordingSender } from "../support/recording-sender.ts";

const ACKNOWLEDGED = /^Answer recorded/;

/** Sends one answer and submits it; returns the prompt it answered, or null when none was acknowledged. */
async function answerOnce(
  engine: InterviewEngine,
  sender: RecordingSender,
  conversation: ConversationKey,
  text: string,
): Promise<string | null> {
  const session = await engine.current(conversation);
  if (!session?.turn) return null;
  const prompt = promptText(session, session.turn);
  const acksBefore = sender.texts().filter((line) => ACKNOWLEDGED.test(line)).length;
  await engine.handle(inbound.message(conversation, text));
  await engine.handle(inbound.action(conversation, "submit"));
  const acksAfter = sender.texts().filter((line) => ACKNOWLEDGED.test(line)).length;
  return acksAfter > acksBefore ? prompt : null;
}

async function reconnected(client: Redis): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      await client.ping();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error("the store did not reconnect");
}

describe("acknowledged answers survive a Redis crash (AOF, appendfsync always: the documented deployment)", () => {
  let redis: CrashableRedis;
  beforeAll(async () => {
    redis = await startCrashableRedis("always");
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it("keeps every acknowledged answer under the question it answered across 20 SIGKILLs", async () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    client.on("error", () => {});
    const store = new RedisSessionStore({ client, keyPrefix: "crash" });
    const { engine, sender } = makeEngine({ store });
    const acknowledged: { conversation: ConversationKey; prompt: string; text: string }[] = [];
    let interview = 0;
    let conversation: ConversationKey = `terminal:crash-${interview}`;
    await engine.handle(inbound.start(conversation, { questionCount: 8 }));
    while (acknowledged.length < 20) {
      const current = await engine.current(conversation);
      if (!current?.turn) {
        interview += 1;
        conversation = `terminal:crash-${interview}`;
        await engine.handle(inbound.start(conversation, { questionCount: 8 }));
        continue;
      }
      const text = `Answer ${acknowledged.length}: we cut the backlog by ${acknowledged.length + 10} tickets.`;
      const prompt = await answerOnce(engine, sender, conversation, text);
      expect(prompt).not.toBeNull();
      acknowledged.push({ conversation, prompt: prompt ?? "", text });
      // The moment after the candidate saw "Answer recorded": the worst time for Redis to die.
      await redis.kill();
      await redis.restart();
      await reconnected(client);
    }
    for (const answer of acknowledged) {
      const stored = (await store.load(answer.conversation))?.session;
      const parts = stored?.answers.flatMap((recorded) => recorded.parts) ?? [];
      const filed = parts.filter((part) => part.text === answer.text);
      expect(filed, answer.text).toHaveLength(1);
      expect(filed[0]?.promptText).toBe(answer.prompt);
    }
    expect(sender.texts().filter((text) => /lost your most recent progress/.test(text))).toEqual([]);
    await client.quit();
  }, 120_000);
});

describe("a store that comes back older than what the candidate saw", () => {
  let redis: CrashableRedis;
  beforeAll(async () => {
    redis = await startCrashableRedis("everysec");
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it("tells the candidate exactly which answer to send again and never files it under another question", async () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const store = new RedisSessionStore({ client, keyPrefix: "regress" });
    const { engine, sender } = makeEngine({ store });
    const conversation: ConversationKey = "terminal:regress";
    await engine.handle(inbound.start(conversation, { questionCount: 4 }));
    await answerOnce(engine, sender, conversation, "First answer: we shipped 3 releases.");
    const key = `regress:v1:{${conversation}}:session`;
    // What an everysec AOF could hold after a crash: the state before the second answer.
    const older = await client.hgetallBuffer(key);
    const secondPrompt = await answerOnce(engine, sender, conversation, "Second answer: we saved 40 hours.");
    expect(secondPrompt).not.toBeNull();
    await client.del(key);
    await client.hset(key, older);
    // The candidate, who saw question 3, answers it.
    await engine.handle(inbound.message(conversation, "Third answer, written for question 3."));
    const notice = sender.texts().find((text) => /lost your most recent progress/.test(text));
    expect(notice).toMatch(/your last answer was not saved/);
    expect(notice).toMatch(/We're back at question 2 of 4/i);
    expect(sender.texts().at(-1)).toBe(secondPrompt);
    const session = await store.load(conversation);
    // Nothing written for question 3 was filed under question 2.
    expect(session?.session.turn?.draft).toEqual([]);
    expect(session?.session.answers.flatMap((answer) => answer.parts.map((part) => part.text))).toEqual([
      "First answer: we shipped 3 releases.",
    ]);
    await client.quit();
  });
});
