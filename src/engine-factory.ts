import { randomUUID } from "node:crypto";
import { findStoryFacts } from "./coach/language/story-facts.ts";
import { createOfflineCoach } from "./coach/offline-coach.ts";
import { looksAddressedToGrader } from "./coach/rubric/index.ts";
import type { CommunityCoaching } from "./core/engine/community-coaching.ts";
import { InterviewEngine, type InterviewEngineOptions } from "./core/engine/interview-engine.ts";
import { rememberedDetector } from "./core/engine/remembered-detector.ts";
import type { StoryBank } from "./core/engine/story-bank.ts";
import type { VoiceAnswers } from "./core/engine/transcribe-voice.ts";
import type { CoachTaskName } from "./core/model/session-events.ts";
import type { Coach } from "./core/ports/coach-port.ts";
import type { JobQueue } from "./core/ports/engine-jobs.ts";
import type { Metrics } from "./core/ports/metrics.ts";
import type { Clock, Logger, MessageSender, SessionStore } from "./core/ports/ports.ts";
import type { ProgressStore } from "./core/ports/progress-store.ts";
import type { RateLimitPolicy } from "./core/ports/rate-limiter.ts";

export interface EngineParts {
  readonly store: SessionStore;
  readonly coach: Coach;
  /** Stands in, labelled, for coach output that fails the checks; the offline coach by default. */
  readonly standInCoach?: Coach;
  readonly sender: MessageSender;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Durable (BullMQ) for the chat bots; in process by default. */
  readonly jobs?: JobQueue;
  readonly backgroundTasks?: ReadonlySet<CoachTaskName>;
  readonly rateLimit?: RateLimitPolicy;
  readonly deliveryGraceMs?: number;
  readonly deliveryMarkDelayMs?: number;
  /** A worker-only process hands its job results to the chat transports (see InterviewEngineOptions). */
  readonly handOffJobResult?: InterviewEngineOptions["handOffJobResult"];
  readonly metrics?: Metrics;
  /** Each member's progress history, added to when an interview finishes with a report. */
  readonly progress?: ProgressStore;
  /** Each member's story bank, added to when an interview finishes with a report. */
  readonly stories?: StoryBank;
  /** Communities' coaching settings and token meters; none: every community as by default. */
  readonly community?: CommunityCoaching;
  /** Voice answers: a transcription provider and where clips are fetched from; none: type only. */
  readonly voice?: VoiceAnswers;
}

/**
 * The one place an InterviewEngine is built, for `serve`, `practice` and the tests that run the
 * production wiring: the rubric's detector checks coach output, the offline coach stands in for
 * output that fails, session ids are random.
 */
export function createInterviewEngine(parts: EngineParts): InterviewEngine {
  return new InterviewEngine({
    store: parts.store,
    coach: parts.coach,
    standInCoach: parts.standInCoach ?? createOfflineCoach(),
    isInstruction: rememberedDetector(looksAddressedToGrader),
    findFacts: findStoryFacts,
    sender: parts.sender,
    clock: parts.clock ?? { now: () => Date.now() },
    logger: parts.logger,
    newSessionId: randomUUID,
    ...(parts.jobs ? { jobs: parts.jobs } : {}),
    ...(parts.backgroundTasks ? { backgroundTasks: parts.backgroundTasks } : {}),
    ...(parts.rateLimit ? { rateLimit: parts.rateLimit } : {}),
    ...(parts.deliveryGraceMs ? { deliveryGraceMs: parts.deliveryGraceMs } : {}),
    ...(parts.deliveryMarkDelayMs ? { deliveryMarkDelayMs: parts.deliveryMarkDelayMs } : {}),
    ...(parts.handOffJobResult ? { handOffJobResult: parts.handOffJobResult } : {}),
    ...(parts.metrics ? { metrics: parts.metrics } : {}),
    ...(parts.progress ? { progress: parts.progress } : {}),
    ...(parts.stories ? { stories: parts.stories } : {}),
    ...(parts.community ? { community: parts.community } : {}),
    ...(parts.voice ? { voice: parts.voice } : {}),
  });
}
