import { z } from "zod";
import { ConfigError } from "./core/errors.ts";

const DAY_MS = 24 * 60 * 60_000;

// Empty strings count as unset, so `REDIS_URL=` in a .env file means "not configured".
const optionalString = z.preprocess((value) => (value === "" ? undefined : value), z.string().optional());

const EnvSchema = z.object({
  REDIS_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.url({ protocol: /^rediss?$/ }).optional(),
  ),
  SECONDROUND_KEY_PREFIX: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .default("sr"),
  ),
  SECONDROUND_SESSION_TTL_DAYS: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number().int().min(1).max(365).default(30),
  ),
  LOG_LEVEL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("warn"),
  ),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.preprocess((value) => (value === "" ? undefined : value), z.url().optional()),
  OPENAI_MODEL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().default("gpt-4.1-mini"),
  ),
  OPENAI_MODEL_QUESTIONS: optionalString,
  OPENAI_MODEL_TURN: optionalString,
  OPENAI_MODEL_EVALUATION: optionalString,
  OPENAI_MODEL_REPORT: optionalString,
  // The SDK's default is 10 minutes; an interview turn cannot wait that long.
  OPENAI_TIMEOUT_MS: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number().int().min(1_000).max(120_000).default(30_000),
  ),
  OPENAI_MAX_RETRIES: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number().int().min(0).max(5).default(2),
  ),
  // Shared by every process of a deployment: BullMQ enforces it per provider on Redis.
  OPENAI_TASKS_PER_MINUTE: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number().int().min(1).max(100_000).default(120),
  ),
  SECONDROUND_JOB_CONCURRENCY: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number().int().min(1).max(256).default(8),
  ),
  // How long a crashed process's job waits before another process takes it over.
  SECONDROUND_JOB_LOCK_MS: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number().int().min(500).max(600_000).default(30_000),
  ),
  DISCORD_BOT_TOKEN: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
});

/** Validated configuration; the only place that reads the environment. */
export interface Config {
  /** Unset: the terminal keeps interviews in memory; the chat bots require it. */
  readonly redisUrl: string | undefined;
  readonly keyPrefix: string;
  readonly sessionTtlMs: number;
  readonly logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  /** Set when OPENAI_API_KEY or OPENAI_BASE_URL is: the AI coach is used, with the offline coach as fallback. */
  readonly openai:
    | {
        readonly apiKey: string | undefined;
        readonly baseURL: string | undefined;
        readonly timeoutMs: number;
        readonly maxRetries: number;
        /** Coach tasks per minute across the deployment (durable job queue). */
        readonly tasksPerMinute: number;
        readonly models: {
          readonly questions: string;
          readonly turn: string;
          readonly evaluation: string;
          readonly report: string;
        };
      }
    | undefined;
  /** Durable background jobs of the chat bots (BullMQ on Redis). */
  readonly jobs: { readonly concurrency: number; readonly lockDurationMs: number };
  /** Which chat platforms have credentials configured. */
  readonly platforms: { readonly discord: boolean; readonly slack: boolean };
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(
      `Invalid environment variables (see .env.example):\n${z.prettifyError(parsed.error)}`,
    );
  }
  const env = parsed.data;
  return Object.freeze({
    redisUrl: env.REDIS_URL,
    keyPrefix: env.SECONDROUND_KEY_PREFIX,
    sessionTtlMs: env.SECONDROUND_SESSION_TTL_DAYS * DAY_MS,
    logLevel: env.LOG_LEVEL,
    openai:
      env.OPENAI_API_KEY === undefined && env.OPENAI_BASE_URL === undefined
        ? undefined
        : Object.freeze({
            apiKey: env.OPENAI_API_KEY,
            baseURL: env.OPENAI_BASE_URL,
            timeoutMs: env.OPENAI_TIMEOUT_MS,
            maxRetries: env.OPENAI_MAX_RETRIES,
            tasksPerMinute: env.OPENAI_TASKS_PER_MINUTE,
            models: Object.freeze({
              questions: env.OPENAI_MODEL_QUESTIONS ?? env.OPENAI_MODEL,
              turn: env.OPENAI_MODEL_TURN ?? env.OPENAI_MODEL,
              evaluation: env.OPENAI_MODEL_EVALUATION ?? env.OPENAI_MODEL,
              report: env.OPENAI_MODEL_REPORT ?? env.OPENAI_MODEL,
            }),
          }),
    jobs: Object.freeze({
      concurrency: env.SECONDROUND_JOB_CONCURRENCY,
      lockDurationMs: env.SECONDROUND_JOB_LOCK_MS,
    }),
    platforms: Object.freeze({
      discord: env.DISCORD_BOT_TOKEN !== undefined,
      slack: env.SLACK_BOT_TOKEN !== undefined || env.SLACK_APP_TOKEN !== undefined,
    }),
  });
}
