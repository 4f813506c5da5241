import { join, resolve } from "node:path";
import envPaths from "env-paths";
import OpenAI from "openai";
import { FallbackCoach } from "./coach/fallback-coach.ts";
import { meteredCoach } from "./coach/metered-coach.ts";
import { createOfflineCoach } from "./coach/offline-coach.ts";
import { createTranscriber } from "./coach/openai/create-transcriber.ts";
import { OpenAICoach } from "./coach/openai/openai-coach.ts";
import { ProviderCircuit } from "./coach/openai/provider-circuit.ts";
import { loadPromptLibrary } from "./coach/prompt-library.ts";
import { spokenClipOf } from "./coach/voice/spoken-clip.ts";
import type { Config } from "./config.ts";
import { ConfigError } from "./core/model/errors.ts";
import type { CoachTaskName } from "./core/model/session-events.ts";
import type { Coach } from "./core/ports/coach-port.ts";
import type { Logger } from "./core/ports/ports.ts";
import type { Transcriber } from "./core/ports/transcriber.ts";
import { BullmqJobQueue, type BullmqJobQueueConfig } from "./jobs/bullmq-job-queue.ts";
import { createLogger } from "./logger.ts";
import { SwitchableMetrics } from "./observability/switchable-metrics.ts";
import { FieldCipher } from "./store/field-cipher.ts";
import { FileSessionStore } from "./store/file-session-store.ts";
import type { MemorySessionStore } from "./store/memory-session-store.ts";
import { RedisSessionStore } from "./store/redis-session-store.ts";

/**
 * Where interviews are kept, as typed handles (no caller needs to guess the store's class):
 * Redis when a topology is configured (required by the chat bots), else the terminal's interview file.
 */
export type Storage =
  | { readonly kind: "redis"; readonly store: RedisSessionStore }
  /**
   * Opens the terminal's interview file (`path`, or interviews.json in SECONDROUND_DATA_DIR or the
   * user's data directory), read-only until locked.
   */
  | { readonly kind: "file"; readonly open: (path?: string) => FileSessionStore }
  /** In this process only (tests, embedding): nothing survives it. */
  | { readonly kind: "memory"; readonly store: MemorySessionStore };

/** The composition root: configuration in, the ready-made storage, coach and logger out. */
export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  /**
   * Where the coaches (and whatever a command wires to it) report: nowhere until a serving role
   * switches it to Prometheus (see src/observability/health-endpoints.ts).
   */
  readonly metrics: SwitchableMetrics;
  readonly storage: Storage;
  /** The AI coach (with the offline coach as labelled fallback) when configured, else the offline coach. */
  readonly coach: Coach;
  readonly offlineCoach: Coach;
  /** The AI provider's circuit breaker, when the AI coach is configured (its figures show in the bench). */
  readonly providerCircuit: ProviderCircuit | null;
  /** Coach tasks the engine runs after committing: AI evaluations and the summary, so nothing waits for them. */
  readonly backgroundTasks: ReadonlySet<CoachTaskName>;
  /** Voice answers' transcription provider, when one is configured; none: voice clips are refused politely. */
  readonly transcriber: Transcriber | null;
}

/** What the chat bots say when no Redis topology is configured. */
export const REDIS_REQUIRED =
  "The chat bots keep interviews in Redis: set REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES (see .env.example).";

/**
 * For the chat bots with the AI coach, every model call except the quick "probe or move on"
 * decision runs as a durable job after the commit: a crash loses no work and no chat event waits
 * for a model. (The terminal keeps planning inline: the candidate is waiting for it anyway.)
 */
export const CHAT_AI_BACKGROUND_TASKS: ReadonlySet<CoachTaskName> = new Set([
  "plan-questions",
  "evaluate-answer",
  "assess-candidate-questions",
  "summarise",
  "rewrite-story",
]);

export function createRuntime(config: Config): Runtime {
  const logger = createLogger(config.logLevel);
  const metrics = new SwitchableMetrics();
  const offlineCoach = meteredCoach(createOfflineCoach(), metrics);
  const providerCircuit = config.openai ? createProviderCircuit(config.openai, logger) : null;
  const coach =
    config.openai && providerCircuit
      ? createAICoach(config.openai, providerCircuit, offlineCoach, logger, metrics)
      : offlineCoach;
  // Voice answers: each clip's transcript is measured for delivery as it arrives.
  const transcriber: Transcriber | null = createTranscriber(config.transcription, spokenClipOf, logger);
  const coaches = { coach, offlineCoach, providerCircuit, metrics, transcriber };
  // The summary runs as its own job too: the last evaluation is then committed the moment it
  // exists, not held back until the (longer) summary call it makes possible has finished. A
  // stronger version too, so "one moment" is shown before the model is asked, not after.
  const backgroundTasks = new Set<CoachTaskName>(
    config.openai ? ["evaluate-answer", "summarise", "rewrite-story"] : [],
  );
  if (config.redis) {
    const store = new RedisSessionStore({
      redis: config.redis,
      keyPrefix: config.keyPrefix,
      sessionTtlMs: config.sessionTtlMs,
      onConnectionError: (error) => logger.warn("redis connection error", { error: error.message }),
      ...(config.encryptionKeys ? { cipher: new FieldCipher(config.encryptionKeys) } : {}),
    });
    return { config, logger, storage: { kind: "redis", store }, ...coaches, backgroundTasks };
  }
  const open = (path?: string) =>
    FileSessionStore.open({
      path: resolve(path ?? defaultInterviewFile(config)),
      sessionTtlMs: config.sessionTtlMs,
    });
  return { config, logger, storage: { kind: "file", open }, ...coaches, backgroundTasks };
}

/** interviews.json in SECONDROUND_DATA_DIR, else the platform's data directory for SecondRound. */
export function defaultInterviewFile(config: Config): string {
  return join(config.dataDir ?? envPaths("secondround", { suffix: "" }).data, "interviews.json");
}

/** One circuit per provider endpoint: this process's calls to OPENAI_BASE_URL share it. */
function createProviderCircuit(openai: NonNullable<Config["openai"]>, logger: Logger): ProviderCircuit {
  return new ProviderCircuit(
    { ...openai.breaker, callDeadlineMs: openai.callDeadlineMs },
    logger,
    providerName(openai.baseURL),
  );
}

function createAICoach(
  openai: NonNullable<Config["openai"]>,
  circuit: ProviderCircuit,
  offlineCoach: Coach,
  logger: Logger,
  metrics: SwitchableMetrics,
): Coach {
  const client = new OpenAI({
    // Local OpenAI-compatible servers (Ollama, vLLM) accept any key; the SDK insists on one.
    apiKey: openai.apiKey ?? "unused",
    baseURL: openai.baseURL,
    timeout: openai.timeoutMs,
    maxRetries: openai.maxRetries,
  });
  const aiCoach = new OpenAICoach({
    client,
    prompts: loadPromptLibrary(),
    models: openai.models,
    circuit,
    metrics,
  });
  // Metered below the fallback: a stand-in answer shows as a failed AI call and an offline call.
  return new FallbackCoach(meteredCoach(aiCoach, metrics), offlineCoach, logger, metrics);
}

/**
 * The chat bots' durable job queue on the sessions' Redis (whatever its topology). Coach tasks are
 * rate-limited per provider (named by the endpoint's host), across every process of the deployment.
 */
export function createDurableJobQueue(runtime: Runtime, work?: BullmqJobQueueConfig["work"]): BullmqJobQueue {
  const { config } = runtime;
  if (!config.redis) throw new ConfigError(REDIS_REQUIRED);
  const provider = config.openai ? providerName(config.openai.baseURL) : "offline";
  return new BullmqJobQueue({
    redis: config.redis,
    keyPrefix: config.keyPrefix,
    provider,
    coachRateLimit: { max: config.openai?.tasksPerMinute ?? 100_000, durationMs: 60_000 },
    coachConcurrency: config.jobs.coachConcurrency,
    concurrency: config.jobs.concurrency,
    lockDurationMs: config.jobs.lockDurationMs,
    logger: runtime.logger,
    metrics: runtime.metrics,
    ...(work ? { work } : {}),
  });
}

function providerName(baseURL: string | undefined): string {
  return baseURL ? new URL(baseURL).host : "api.openai.com";
}
