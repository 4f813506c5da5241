import { findStoryFacts } from "../../src/coach/language/story-facts.ts";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import { looksAddressedToGrader } from "../../src/coach/rubric/index.ts";
import type { CommunityCoaching } from "../../src/core/engine/community-coaching.ts";
import { InterviewEngine } from "../../src/core/engine/interview-engine.ts";
import type { StoryBank } from "../../src/core/engine/story-bank.ts";
import type { VoiceAnswers } from "../../src/core/engine/transcribe-voice.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import type { InboundEvent } from "../../src/core/model/inbound-event.ts";
import type { ActionId } from "../../src/core/model/reply.ts";
import type { CoachTaskName } from "../../src/core/model/session-events.ts";
import type { Coach } from "../../src/core/ports/coach-port.ts";
import type { Logger, SessionStore } from "../../src/core/ports/ports.ts";
import type { ProgressStore } from "../../src/core/ports/progress-store.ts";
import type { RateLimitPolicy } from "../../src/core/ports/rate-limiter.ts";
import { MemorySessionStore } from "../../src/store/memory-session-store.ts";
import { FakeCoach } from "./fake-coach.ts";
import { RecordingSender } from "./recording-sender.ts";

export const CANDIDATE = { id: "user-1", name: "Ada" };

/** The offline coach, standing in for output that fails the checks, as in production. */
const STAND_IN = createOfflineCoach();

/** A manual clock: tests move time explicitly. */
export class ManualClock {
  time = 1_750_000_000_000;
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export function silentLogger() {
  return { debug() {}, info() {}, warn() {}, error() {} };
}

export function makeEngine(
  options: {
    store?: SessionStore;
    coach?: Coach;
    clock?: ManualClock;
    backgroundTasks?: ReadonlySet<CoachTaskName>;
    standInCoach?: Coach;
    logger?: Logger;
    rateLimit?: RateLimitPolicy;
    progress?: ProgressStore;
    stories?: StoryBank;
    community?: CommunityCoaching;
    voice?: VoiceAnswers;
  } = {},
) {
  const clock = options.clock ?? new ManualClock();
  const store = options.store ?? new MemorySessionStore({ clock });
  const coach = options.coach ?? new FakeCoach();
  const sender = new RecordingSender();
  let ids = 0;
  const timers: { delayMs: number; callback: () => void }[] = [];
  const engine = new InterviewEngine({
    store,
    coach,
    standInCoach: options.standInCoach ?? STAND_IN,
    isInstruction: looksAddressedToGrader,
    findFacts: findStoryFacts,
    sender,
    clock,
    logger: options.logger ?? silentLogger(),
    newSessionId: () => `session-${++ids}`,
    schedule: (delayMs, callback) => timers.push({ delayMs, callback }),
    ...(options.backgroundTasks ? { backgroundTasks: options.backgroundTasks } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
    ...(options.stories ? { stories: options.stories } : {}),
    ...(options.community ? { community: options.community } : {}),
    ...(options.voice ? { voice: options.voice } : {}),
  });
  return { engine, store, coach, sender, clock, timers };
}

let eventCounter = 0;
/** Builders for inbound events, each with a fresh platform id unless one is given. */
export const inbound = {
  start(conversation: ConversationKey, options: Record<string, unknown> = {}): InboundEvent {
    return {
      type: "start",
      eventId: `start-${++eventCounter}`,
      conversation,
      author: CANDIDATE,
      receivedAt: 0,
      options: { role: "Data Analyst", company: "Acme", ...options },
    };
  },
  message(
    conversation: ConversationKey,
    text: string,
    eventId = `msg-${++eventCounter}`,
    author = CANDIDATE,
  ): InboundEvent {
    return { type: "message", eventId, conversation, author, receivedAt: 0, text };
  },
  action(conversation: ConversationKey, action: ActionId, turnId?: string, author = CANDIDATE): InboundEvent {
    const base = {
      type: "action" as const,
      eventId: `act-${++eventCounter}`,
      conversation,
      author,
      receivedAt: 0,
      action,
    };
    return turnId === undefined ? base : { ...base, turnId };
  },
  answer(
    conversation: ConversationKey,
    turnId: string,
    text: string,
    eventId = `ans-${++eventCounter}`,
  ): InboundEvent {
    return { type: "answer", eventId, conversation, author: CANDIDATE, receivedAt: 0, turnId, text };
  },
};
