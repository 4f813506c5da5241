import { Redis } from "ioredis";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import type { InboundEvent } from "../../src/core/model/inbound-event.ts";
import { CHAT_QUIET_PERIOD_MS } from "../../src/core/model/interview-options.ts";
import { parseEncryptionKeys } from "../../src/encryption-keys-config.ts";
import { FieldCipher } from "../../src/store/field-cipher.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { chatWiredEngine } from "../bench-interview.ts";
import { RoundTripCounter } from "../redis-round-trips.ts";
import { timedCoach } from "./timed-coach.ts";
import { nextAnswer, type Subject } from "./workload.ts";

const CANDIDATE = { id: "bench-candidate", name: "Sam" };

/**
 * SecondRound's engine on RedisSessionStore with the offline coach and a sender that delivers
 * nowhere, built as bench/interview-throughput.ts builds it. Only the engine's public API is used
 * (`handle`, `current`): its internals are being rewritten. One answer is what a chat candidate
 * does: the text in one message, then the Submit button.
 */
export async function createSecondRoundSubject(redisUrl: string, questions: number): Promise<Subject> {
  const roundTrips = new RoundTripCounter();
  const client = new Redis(redisUrl);
  roundTrips.instrument(client);
  const timed = timedCoach(createOfflineCoach());
  // Sealed at rest when the bench runs with --encrypt (or the deployment's variable is set).
  const keys = parseEncryptionKeys(process.env.SECONDROUND_ENCRYPTION_KEYS);
  const engine = chatWiredEngine(
    new RedisSessionStore({ client, ...(keys ? { cipher: new FieldCipher(keys) } : {}) }),
    timed.coach,
  );

  let eventCounter = 0;
  const handle = (thread: string, body: Record<string, unknown>) => {
    eventCounter += 1;
    const event = {
      eventId: `e${eventCounter}`,
      conversation: conversationOf(thread),
      author: CANDIDATE,
      receivedAt: Date.now(),
      ...body,
    } as InboundEvent;
    return engine.handle(event);
  };

  return {
    name: "secondround",
    roundTrips,
    start: async (thread) => {
      await handle(thread, {
        type: "start",
        // Every message arms a quiet-period timer, as in chat.
        options: {
          role: "Data Analyst",
          company: "Acme",
          questionCount: questions,
          quietPeriodMs: CHAT_QUIET_PERIOD_MS,
        },
      });
    },
    accepts: async (thread) => (await engine.current(conversationOf(thread)))?.phase === "interviewing",
    answer: async (thread) => {
      await handle(thread, { type: "message", text: nextAnswer() });
      await handle(thread, { type: "action", action: "submit" });
    },
    takeCoachMs: timed.takeMs,
    close: async () => {
      await client.quit();
    },
  };
}

function conversationOf(thread: string): ConversationKey {
  return `terminal:${thread}`;
}
