import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { PlatformName } from "../core/model/conversation.ts";
import type { CoachFailure } from "../core/model/errors.ts";
import type { CoachTaskName } from "../core/model/session-events.ts";
import type { DocumentProblem } from "../core/ports/document-reader.ts";
import type { CoachCallError, CoachKind, Metrics } from "../core/ports/metrics.ts";
import type { QueueDepth } from "./queue-depth.ts";
import { withTimeout } from "./with-timeout.ts";

const PREFIX = "secondround_";

const PLATFORMS: readonly PlatformName[] = ["discord", "slack", "terminal"];
const COACH_KINDS: readonly CoachKind[] = ["llm", "offline"];
const COACH_TASKS: readonly CoachTaskName[] = [
  "plan-questions",
  "decide-follow-up",
  "evaluate-answer",
  "assess-candidate-questions",
  "summarise",
  "rewrite-story",
];

/** A turn is one Redis round trip or two, plus inline coach work: an AI follow-up decision takes seconds. */
const TURN_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** The offline coach answers in milliseconds; a model call in seconds, a plan or summary in tens. */
const COACH_BUCKETS = [0.001, 0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** How long a scrape waits for the queue counts before leaving the gauge empty (Redis away). */
const QUEUE_DEPTH_TIMEOUT_MS = 1_000;

type PerPlatform<T> = Readonly<Record<PlatformName, T>>;
type PerCoachTask<T> = Readonly<Record<CoachKind, Readonly<Record<CoachTaskName, T>>>>;

function perPlatform<T>(make: (platform: PlatformName) => T): PerPlatform<T> {
  return Object.fromEntries(PLATFORMS.map((platform) => [platform, make(platform)])) as PerPlatform<T>;
}

function perCoachTask<T>(make: (coach: CoachKind, task: CoachTaskName) => T): PerCoachTask<T> {
  return Object.fromEntries(
    COACH_KINDS.map((coach) => [
      coach,
      Object.fromEntries(COACH_TASKS.map((task) => [task, make(coach, task)])),
    ]),
  ) as PerCoachTask<T>;
}

/**
 * The Metrics port on prom-client: one registry per process with Node's own process metrics, all
 * named `secondround_…` (docs/operations.md lists them). Label children for the hot paths (turns,
 * coach calls) are bound once here, so no label object is built per report: a turn costs one
 * histogram observation, about half a microsecond.
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  readonly #started: PerPlatform<Counter.Internal>;
  readonly #completed: PerPlatform<Counter.Internal>;
  readonly #abandoned: PerPlatform<Counter.Internal>;
  readonly #turns: PerPlatform<Histogram.Internal<"platform">>;
  readonly #coachCalls: PerCoachTask<Histogram.Internal<"task" | "coach">>;
  readonly #coachErrors: Counter<"task" | "coach" | "error">;
  readonly #fallbacks: Counter<"task" | "reason">;
  readonly #inputTokens: Counter<"model" | "task">;
  readonly #outputTokens: Counter<"model" | "task">;
  readonly #documentsParsed: Counter;
  readonly #documentsRefused: Counter<"reason">;
  readonly #jobFailures: Counter<"queue">;
  readonly #platformErrors: PerPlatform<Counter.Internal>;
  readonly #platformRateLimits: PerPlatform<Counter.Internal>;
  #queueDepthSource: (() => Promise<readonly QueueDepth[]>) | null = null;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
    const interviews = (outcome: string, help: string) =>
      new Counter({
        name: `${PREFIX}interviews_${outcome}_total`,
        help,
        labelNames: ["platform"],
        registers,
      });
    const started = interviews("started", "Interviews started (first state committed).");
    const completed = interviews("completed", "Interviews that reached their report after every question.");
    const abandoned = interviews(
      "abandoned",
      "Interviews ended before their last question (/end, deleted thread).",
    );
    this.#started = perPlatform((platform) => started.labels(platform));
    this.#completed = perPlatform((platform) => completed.labels(platform));
    this.#abandoned = perPlatform((platform) => abandoned.labels(platform));
    const turns = new Histogram({
      name: `${PREFIX}turn_duration_seconds`,
      help: "From the engine getting an inbound event (message, button, command) to its commit.",
      labelNames: ["platform"],
      buckets: TURN_BUCKETS,
      registers,
    });
    this.#turns = perPlatform((platform) => turns.labels(platform));
    const coachCalls = new Histogram({
      name: `${PREFIX}coach_call_duration_seconds`,
      help: "Coach calls that returned a result, by task and coach (llm or offline).",
      labelNames: ["task", "coach"],
      buckets: COACH_BUCKETS,
      registers,
    });
    this.#coachCalls = perCoachTask((coach, task) => coachCalls.labels(task, coach));
    this.#coachErrors = new Counter({
      name: `${PREFIX}coach_call_errors_total`,
      help: "Coach calls that failed, by task, coach and error (a provider failure, or internal).",
      labelNames: ["task", "coach", "error"],
      registers,
    });
    this.#fallbacks = new Counter({
      name: `${PREFIX}coach_fallbacks_total`,
      help: "Times the offline coach answered in the AI coach's place, by task and reason.",
      labelNames: ["task", "reason"],
      registers,
    });
    this.#inputTokens = new Counter({
      name: `${PREFIX}llm_input_tokens_total`,
      help: "Prompt tokens the AI coach used, from the provider's usage, by model and task.",
      labelNames: ["model", "task"],
      registers,
    });
    this.#outputTokens = new Counter({
      name: `${PREFIX}llm_output_tokens_total`,
      help: "Completion tokens the AI coach used, from the provider's usage, by model and task.",
      labelNames: ["model", "task"],
      registers,
    });
    this.#documentsParsed = new Counter({
      name: `${PREFIX}documents_parsed_total`,
      help: "CVs and job descriptions read and used.",
      registers,
    });
    this.#documentsRefused = new Counter({
      name: `${PREFIX}documents_refused_total`,
      help: "CVs and job descriptions refused, by the reason the candidate is told.",
      labelNames: ["reason"],
      registers,
    });
    this.#jobFailures = new Counter({
      name: `${PREFIX}job_failures_total`,
      help: "Failed attempts of durable jobs (retried with backoff until their attempts run out), by queue.",
      labelNames: ["queue"],
      registers,
    });
    const platformErrors = new Counter({
      name: `${PREFIX}platform_api_errors_total`,
      help: "Platform API calls answered with an error or not answered, by platform.",
      labelNames: ["platform"],
      registers,
    });
    const platformRateLimits = new Counter({
      name: `${PREFIX}platform_rate_limited_total`,
      help: "Platform API calls held back by the platform's rate limit, by platform.",
      labelNames: ["platform"],
      registers,
    });
    this.#platformErrors = perPlatform((platform) => platformErrors.labels(platform));
    this.#platformRateLimits = perPlatform((platform) => platformRateLimits.labels(platform));
    const metrics = this;
    new Gauge({
      name: `${PREFIX}job_queue_depth`,
      help: "Durable jobs by queue and state, counted in Redis when scraped (empty while Redis is away).",
      labelNames: ["queue", "state"],
      registers,
      async collect() {
        this.reset();
        const source = metrics.#queueDepthSource;
        if (!source) return;
        const depths = await withTimeout(source(), QUEUE_DEPTH_TIMEOUT_MS).catch(() => null);
        for (const depth of depths ?? []) this.labels(depth.queue, depth.state).set(depth.jobs);
      },
    });
  }

  /** Where the queue depth gauge reads its counts on each scrape (the process's job queue). */
  watchJobQueues(source: () => Promise<readonly QueueDepth[]>): void {
    this.#queueDepthSource = source;
  }

  /** The Prometheus text exposition of every metric. */
  async exposition(): Promise<{ readonly contentType: string; readonly body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  interviewStarted(platform: PlatformName): void {
    this.#started[platform].inc();
  }

  interviewCompleted(platform: PlatformName): void {
    this.#completed[platform].inc();
  }

  interviewAbandoned(platform: PlatformName): void {
    this.#abandoned[platform].inc();
  }

  turnCommitted(platform: PlatformName, seconds: number): void {
    this.#turns[platform].observe(seconds);
  }

  coachCallSucceeded(task: CoachTaskName, coach: CoachKind, seconds: number): void {
    this.#coachCalls[coach][task].observe(seconds);
  }

  coachCallFailed(task: CoachTaskName, coach: CoachKind, error: CoachCallError): void {
    this.#coachErrors.labels(task, coach, error).inc();
  }

  coachFellBack(task: CoachTaskName, reason: CoachFailure): void {
    this.#fallbacks.labels(task, reason).inc();
  }

  tokensUsed(model: string, task: CoachTaskName, inputTokens: number, outputTokens: number): void {
    this.#inputTokens.labels(model, task).inc(inputTokens);
    this.#outputTokens.labels(model, task).inc(outputTokens);
  }

  documentParsed(): void {
    this.#documentsParsed.inc();
  }

  documentRefused(problem: DocumentProblem): void {
    this.#documentsRefused.labels(problem).inc();
  }

  jobFailed(queue: string): void {
    this.#jobFailures.labels(queue).inc();
  }

  platformApiFailed(platform: PlatformName): void {
    this.#platformErrors[platform].inc();
  }

  platformRateLimited(platform: PlatformName): void {
    this.#platformRateLimits[platform].inc();
  }
}
