import type { PlatformName } from "../model/conversation.ts";
import type { CoachFailure } from "../model/errors.ts";
import type { CoachTaskName } from "../model/session-events.ts";
import type { DocumentProblem } from "./document-reader.ts";

/** Which coach did the work: the AI coach or the offline rubric coach. */
export type CoachKind = "llm" | "offline";

/** Why a coach call failed: a provider failure, or "internal" for an error of our own (a bug). */
export type CoachCallError = CoachFailure | "internal";

/**
 * What production operation watches, said as what happened rather than as counters and labels.
 * The engine, the coaches, the document reader, the job queue and the platform adapters report
 * here; `serve` implements it with Prometheus, everything else (the terminal, tests, benchmarks)
 * uses NO_METRICS. Every method is called on hot paths: implementations must not do I/O, and
 * should not build label objects per call.
 */
export interface Metrics {
  /** A new interview was committed (its first state is stored). */
  interviewStarted(platform: PlatformName): void;
  /** An interview reached its report after every question. */
  interviewCompleted(platform: PlatformName): void;
  /** An interview was ended before its last question (/end, a deleted thread, Ctrl-D). */
  interviewAbandoned(platform: PlatformName): void;
  /** An inbound event (message, button, command) was committed, `seconds` after the engine got it. */
  turnCommitted(platform: PlatformName, seconds: number): void;
  /** One coach call returned a result. */
  coachCallSucceeded(task: CoachTaskName, coach: CoachKind, seconds: number): void;
  /** One coach call failed. */
  coachCallFailed(task: CoachTaskName, coach: CoachKind, error: CoachCallError): void;
  /** The offline coach answered in the AI coach's place. */
  coachFellBack(task: CoachTaskName, reason: CoachFailure): void;
  /** Tokens one AI coach call used, from the provider's `usage`. */
  tokensUsed(model: string, task: CoachTaskName, inputTokens: number, outputTokens: number): void;
  /** A CV or job description was read and used. */
  documentParsed(): void;
  /** A CV or job description was refused; `problem` is what the candidate is told. */
  documentRefused(problem: DocumentProblem): void;
  /** An attempt of a durable job failed (retried with backoff until its attempts run out); `queue` is the queue's name. */
  jobFailed(queue: string): void;
  /** A platform API call answered with an error (or could not be made). */
  platformApiFailed(platform: PlatformName): void;
  /** A platform API call was held back by the platform's rate limit (HTTP 429 or its client's own bucket). */
  platformRateLimited(platform: PlatformName): void;
}

function ignore(): void {}

/** Metrics that go nowhere: the default wherever nobody scrapes them. */
export const NO_METRICS: Metrics = Object.freeze({
  interviewStarted: ignore,
  interviewCompleted: ignore,
  interviewAbandoned: ignore,
  turnCommitted: ignore,
  coachCallSucceeded: ignore,
  coachCallFailed: ignore,
  coachFellBack: ignore,
  tokensUsed: ignore,
  documentParsed: ignore,
  documentRefused: ignore,
  jobFailed: ignore,
  platformApiFailed: ignore,
  platformRateLimited: ignore,
});
