import type { PlatformName } from "../core/model/conversation.ts";
import type { CoachFailure } from "../core/model/errors.ts";
import type { CoachTaskName } from "../core/model/session-events.ts";
import type { DocumentProblem } from "../core/ports/document-reader.ts";
import { type CoachCallError, type CoachKind, type Metrics, NO_METRICS } from "../core/ports/metrics.ts";

/**
 * The runtime's metrics: the coaches are built with the runtime, before the command decides
 * whether anything will be scraped. They report here; this goes nowhere until a serving role
 * (`serve`, `worker`) switches it to Prometheus with `use`, so the terminal never loads
 * prom-client or collects figures nobody reads.
 */
export class SwitchableMetrics implements Metrics {
  #target: Metrics = NO_METRICS;

  /** From now on, every report goes to `target`. */
  use(target: Metrics): void {
    this.#target = target;
  }

  interviewStarted(platform: PlatformName): void {
    this.#target.interviewStarted(platform);
  }

  interviewCompleted(platform: PlatformName): void {
    this.#target.interviewCompleted(platform);
  }

  interviewAbandoned(platform: PlatformName): void {
    this.#target.interviewAbandoned(platform);
  }

  turnCommitted(platform: PlatformName, seconds: number): void {
    this.#target.turnCommitted(platform, seconds);
  }

  coachCallSucceeded(task: CoachTaskName, coach: CoachKind, seconds: number): void {
    this.#target.coachCallSucceeded(task, coach, seconds);
  }

  coachCallFailed(task: CoachTaskName, coach: CoachKind, error: CoachCallError): void {
    this.#target.coachCallFailed(task, coach, error);
  }

  coachFellBack(task: CoachTaskName, reason: CoachFailure): void {
    this.#target.coachFellBack(task, reason);
  }

  tokensUsed(model: string, task: CoachTaskName, inputTokens: number, outputTokens: number): void {
    this.#target.tokensUsed(model, task, inputTokens, outputTokens);
  }

  documentParsed(): void {
    this.#target.documentParsed();
  }

  documentRefused(problem: DocumentProblem): void {
    this.#target.documentRefused(problem);
  }

  jobFailed(queue: string): void {
    this.#target.jobFailed(queue);
  }

  platformApiFailed(platform: PlatformName): void {
    this.#target.platformApiFailed(platform);
  }

  platformRateLimited(platform: PlatformName): void {
    this.#target.platformRateLimited(platform);
  }
}
