import type { InterviewEngine } from "../src/core/engine/interview-engine.ts";
import type { ConversationKey } from "../src/core/model/conversation.ts";
import type { InboundEvent } from "../src/core/model/inbound-event.ts";
import type { Coach } from "../src/core/ports/coach-port.ts";
import type { SessionStore } from "../src/core/ports/ports.ts";
import { DEFAULT_RATE_LIMIT_POLICY } from "../src/core/ports/rate-limiter.ts";
import { createInterviewEngine } from "../src/engine-factory.ts";

/**
 * The engine as the chat bots run it (chat-services.ts, serve-command.ts): delivery records ride
 * on the next commit, the rate limit's token is taken by the commit; messages go nowhere.
 */
export function chatWiredEngine(store: SessionStore, coach: Coach): InterviewEngine {
  return createInterviewEngine({
    store,
    coach,
    standInCoach: coach,
    sender: { send: async () => {} },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    deliveryMarkDelayMs: 1_000,
    rateLimit: DEFAULT_RATE_LIMIT_POLICY,
  });
}

/** A realistic ~110-word STAR answer with a number, so the offline coach does real work. */
export const SAMPLE_ANSWER =
  "In my last placement at a logistics firm our weekly stock report took two days to compile by hand. " +
  "I was responsible for making it reliable before the quarterly audit. I mapped every manual step, " +
  "wrote a Python script that pulled the warehouse exports and reconciled them against the ledger, " +
  "and I walked the finance team through the new process in two short sessions. As a result the report " +
  "now takes 40 minutes instead of two days, errors fell from around 12 a month to 1, and the audit passed " +
  "with no stock findings. I learned to test changes with the people who use them before rolling them out.";

let answersGiven = 0;

/** SAMPLE_ANSWER with its numbers changed each time, so no cache sees the same answer twice. */
export function nextSampleAnswer(): string {
  answersGiven += 1;
  return SAMPLE_ANSWER.replace("around 12 a month", `around ${10 + (answersGiven % 90)} a month`).replace(
    "takes 40 minutes",
    `takes ${20 + (Math.floor(answersGiven / 90) % 70)} minutes`,
  );
}

const CANDIDATE = { id: "bench-candidate", name: "Sam" };
let eventCounter = 0;

function event(conversation: ConversationKey, body: Record<string, unknown>): InboundEvent {
  eventCounter += 1;
  return {
    eventId: `bench-${eventCounter}`,
    conversation,
    author: CANDIDATE,
    receivedAt: Date.now(),
    ...body,
  } as InboundEvent;
}

export async function startInterview(
  engine: InterviewEngine,
  conversation: ConversationKey,
  questions: number,
  /** As the chat bots start interviews (CHAT_QUIET_PERIOD_MS): every message arms a timer. */
  quietPeriodMs: number | null = null,
): Promise<void> {
  await engine.handle(
    event(conversation, {
      type: "start",
      options: { role: "Data Analyst", company: "Acme", questionCount: questions, quietPeriodMs },
    }),
  );
}

/**
 * One turn: the candidate answers the current prompt (question, probe or closing) in one message
 * and submits it. Returns false once the interview has finished.
 */
export async function answerCurrentPrompt(
  engine: InterviewEngine,
  conversation: ConversationKey,
): Promise<boolean> {
  const session = await engine.current(conversation);
  if (session?.phase !== "interviewing") return false;
  await engine.handle(event(conversation, { type: "message", text: nextSampleAnswer() }));
  await engine.handle(event(conversation, { type: "action", action: "submit" }));
  return true;
}

let benchEvents = 0;

/** An inbound event from the bench's candidate, with a fresh platform id. */
export function benchEvent(conversation: ConversationKey, body: Record<string, unknown>): InboundEvent {
  benchEvents += 1;
  return {
    eventId: `bench-${benchEvents}`,
    conversation,
    author: { id: "bench", name: "Sam" },
    receivedAt: Date.now(),
    ...body,
  } as InboundEvent;
}
