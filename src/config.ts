import { z } from "zod";
import { ConfigError } from "./core/model/errors.ts";
import { isRandomEnough, parseEncryptionKeys } from "./encryption-keys-config.ts";
import { type RedisConfig, redisConfig } from "./redis-config.ts";
import type { EncryptionKey } from "./store/field-cipher.ts";

const DAY_MS = 24 * 60 * 60_000;

/** What a long-running process runs (see src/serve/process-role.ts). */
export const PROCESS_ROLES = ["all", "serve", "worker"] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

// Empty strings count as unset, so `REDIS_URL=` in a .env file means "not configured".
function unsetIfEmpty<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === "" ? undefined : value), schema);
}
const optionalString = unsetIfEmpty(z.string().optional());

const EnvSchema = z.object({
  // One Redis topology at most (see redis-config.ts and docs/redis-topologies.md): a single node
  // by URL, a Sentinel-managed master, or a Cluster's seed nodes.
  REDIS_URL: unsetIfEmpty(z.url({ protocol: /^rediss?$/ }).optional()),
  REDIS_SENTINELS: optionalString,
  REDIS_SENTINEL_NAME: optionalString,
  REDIS_SENTINEL_PASSWORD: optionalString,
  REDIS_CLUSTER_NODES: optionalString,
  // The data nodes' password for Sentinel and Cluster (a URL carries its own).
  REDIS_PASSWORD: optionalString,
  // TLS to the Sentinel-managed or Cluster nodes ("rediss://" says it for a URL).
  REDIS_TLS: unsetIfEmpty(z.enum(["true", "false"]).optional()),
  SECONDROUND_KEY_PREFIX: unsetIfEmpty(
    z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .default("sr"),
  ),
  SECONDROUND_SESSION_TTL_DAYS: unsetIfEmpty(z.coerce.number().int().min(1).max(365).default(30)),
  // Seals candidates' text in Redis (AES-256-GCM): "id:base64" keys, comma-separated, the first
  // sealing new values (see encryption-keys-config.ts and docs/privacy.md).
  SECONDROUND_ENCRYPTION_KEYS: optionalString,
  // Where the terminal keeps interviews without Redis; unset: the user's data directory.
  SECONDROUND_DATA_DIR: optionalString,
  LOG_LEVEL: unsetIfEmpty(
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("warn"),
  ),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: unsetIfEmpty(z.url().optional()),
  OPENAI_MODEL: unsetIfEmpty(z.string().default("gpt-4.1-mini")),
  OPENAI_MODEL_QUESTIONS: optionalString,
  OPENAI_MODEL_TURN: optionalString,
  OPENAI_MODEL_EVALUATION: optionalString,
  OPENAI_MODEL_REPORT: optionalString,
  // The SDK's default is 10 minutes; an interview turn cannot wait that long. Per attempt.
  OPENAI_TIMEOUT_MS: unsetIfEmpty(z.coerce.number().int().min(1_000).max(120_000).default(8_000)),
  OPENAI_MAX_RETRIES: unsetIfEmpty(z.coerce.number().int().min(0).max(5).default(1)),
  // One call, retries and Retry-After waits included: past it the offline coach answers.
  OPENAI_CALL_DEADLINE_MS: unsetIfEmpty(z.coerce.number().int().min(1_000).max(300_000).default(8_500)),
  // Circuit breaker per provider: consecutive failed calls that open it, and how long it stays open.
  OPENAI_BREAKER_FAILURES: unsetIfEmpty(z.coerce.number().int().min(1).max(100).default(5)),
  OPENAI_BREAKER_COOLDOWN_MS: unsetIfEmpty(z.coerce.number().int().min(1_000).max(600_000).default(30_000)),
  // Voice answers' transcription on any OpenAI-compatible /audio/transcriptions endpoint (see
  // transcriptionConfig below and docs/voice.md); "off" turns voice answers off.
  TRANSCRIPTION: unsetIfEmpty(z.enum(["on", "off"]).default("on")),
  TRANSCRIPTION_MODEL: unsetIfEmpty(z.string().default("whisper-1")),
  TRANSCRIPTION_BASE_URL: unsetIfEmpty(z.url().optional()),
  TRANSCRIPTION_API_KEY: optionalString,
  // Shared by every process of a deployment: BullMQ enforces it per provider on Redis.
  OPENAI_TASKS_PER_MINUTE: unsetIfEmpty(z.coerce.number().int().min(1).max(100_000).default(120)),
  // Coach jobs one process runs at once. Each spends its time waiting on one model call, so this
  // bounds calls in flight, not CPU (the provider's quota is OPENAI_TASKS_PER_MINUTE's job). A
  // report needs two calls at the same moment (the summary and the candidate's questions), so 64
  // lets 32 interviews end together without one report waiting behind another's calls. Lower it
  // for a model server that answers one request at a time.
  SECONDROUND_COACH_CONCURRENCY: unsetIfEmpty(z.coerce.number().int().min(1).max(1024).default(64)),
  // Quiet-period timers one process runs at once (each a short commit, no model call).
  SECONDROUND_JOB_CONCURRENCY: unsetIfEmpty(z.coerce.number().int().min(1).max(256).default(8)),
  // How long a crashed process's job waits before another process takes it over.
  SECONDROUND_JOB_LOCK_MS: unsetIfEmpty(z.coerce.number().int().min(500).max(600_000).default(30_000)),
  // How long a process has to deliver its messages before any other process's sweep takes them over.
  SECONDROUND_DELIVERY_GRACE_MS: unsetIfEmpty(z.coerce.number().int().min(500).max(600_000).default(15_000)),
  // What `serve` runs: the chat transports and the coach jobs (all), the transports only (serve), or
  // the coach jobs only (worker); `serve --no-worker` and `worker` say it on the command line.
  SECONDROUND_ROLE: unsetIfEmpty(z.enum(PROCESS_ROLES).default("all")),
  // After SIGTERM: how long coach jobs in flight may run on before they are handed back to the
  // queue for another process. Shutdown then takes about a second more, so this stays well under
  // an orchestrator's stop timeout (Docker's is 10 s).
  SECONDROUND_SHUTDOWN_GRACE_MS: unsetIfEmpty(z.coerce.number().int().min(0).max(600_000).default(8_000)),
  DISCORD_BOT_TOKEN: optionalString,
  // Needed only by `discord:register`; the running bot learns it from the gateway.
  DISCORD_APPLICATION_ID: optionalString,
  // Register commands in one server (instant, for testing) instead of globally.
  DISCORD_GUILD_ID: optionalString,
  DISCORD_THREAD_TYPE: unsetIfEmpty(z.enum(["private", "public"]).default("private")),
  // Role ids (comma-separated) whose members may use `/interview admin` besides Manage Server holders.
  DISCORD_ADMIN_ROLE_IDS: unsetIfEmpty(
    z
      .string()
      .regex(/^\d{17,20}(,\d{17,20})*$/, "role ids (numbers), separated by commas")
      .optional(),
  ),
  // Gateway shards: "auto" (as many as Discord recommends, in this process), or the shard ids this
  // process runs (e.g. "0,1") out of DISCORD_SHARD_COUNT, so several processes split a large bot.
  DISCORD_SHARDS: unsetIfEmpty(
    z
      .string()
      .regex(/^(auto|\d+(,\d+)*)$/, 'must be "auto" or shard ids such as "0,1"')
      .default("auto"),
  ),
  // Days a server that removed the bot keeps its data (re-adding the bot in time keeps it); 0 erases at once.
  DISCORD_REMOVAL_GRACE_DAYS: unsetIfEmpty(z.coerce.number().min(0).max(365).default(7)),
  DISCORD_SHARD_COUNT: unsetIfEmpty(z.coerce.number().int().min(1).max(10_000).optional()),
  // Another Discord API base (a proxy, or the local emulator in tests).
  DISCORD_API_URL: unsetIfEmpty(z.url().optional()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  // 32 bytes, base64: encrypts workspace tokens at rest in Redis. Several, comma-separated, while
  // rotating: the first encrypts, the others still decrypt (see `secondround rotate-key`).
  SLACK_TOKEN_ENCRYPTION_KEY: unsetIfEmpty(
    z
      .string()
      .refine(
        (value) => tokenKeys(value).every((key) => Buffer.from(key, "base64").length === 32),
        "must be 32 bytes, base64-encoded (several keys: comma-separated, the newest first)",
      )
      .refine(
        (value) => tokenKeys(value).every((key) => isRandomEnough(Buffer.from(key, "base64"))),
        "is not random enough; make one with openssl rand -base64 32",
      )
      .optional(),
  ),
  // Slack user group ids (comma-separated, S…) whose members may use `/interview admin` besides
  // workspace admins and owners; needs the usergroups:read scope.
  SLACK_ADMIN_USERGROUP_IDS: unsetIfEmpty(
    z
      .string()
      .regex(/^S[A-Z0-9]{2,}(,S[A-Z0-9]{2,})*$/, "user group ids (S…), separated by commas")
      .optional(),
  ),
  // Another Slack Web API base (a proxy, or the local emulator in tests); must end with "/api/".
  SLACK_API_URL: unsetIfEmpty(z.url().optional()),
  PORT: unsetIfEmpty(z.coerce.number().int().min(0).max(65_535).default(3000)),
  // Health and metrics endpoints of `serve` and `worker` (/healthz, /readyz, /metrics), never the
  // Slack PORT; 0 or "off" turns them off.
  HEALTH_PORT: unsetIfEmpty(
    z
      .union([z.literal("off"), z.coerce.number().int().min(0).max(65_535)], {
        error: 'must be a port number (0 to 65535) or "off"',
      })
      .default(9464),
  ),
});

/** Validated configuration; the only place that reads the environment. */
export interface Config {
  /** What `serve` runs when the command line does not say: transports, coach jobs, or both. */
  readonly role: ProcessRole;
  /** After a stop signal, how long coach jobs in flight may run on before they are handed back. */
  readonly shutdownGraceMs: number;
  /** Unset: the terminal keeps interviews in a file; the chat bots require it. */
  readonly redis: RedisConfig | undefined;
  readonly keyPrefix: string;
  readonly sessionTtlMs: number;
  /** Keys sealing personal text in Redis, the first for new values; unset: not sealed. */
  readonly encryptionKeys: readonly EncryptionKey[] | undefined;
  /** The terminal's interview file lives here when Redis is not configured (default: the user's data directory). */
  readonly dataDir: string | undefined;
  readonly logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  /** Set when OPENAI_API_KEY or OPENAI_BASE_URL is: the AI coach is used, with the offline coach as fallback. */
  readonly openai:
    | {
        readonly apiKey: string | undefined;
        readonly baseURL: string | undefined;
        /** Per request attempt. */
        readonly timeoutMs: number;
        readonly maxRetries: number;
        /** Per call, retries included. */
        readonly callDeadlineMs: number;
        /** The provider's circuit breaker: consecutive failed calls that open it, and its cool-down. */
        readonly breaker: { readonly failureThreshold: number; readonly coolDownMs: number };
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
  /** Where voice answers are transcribed; null when there is no provider (voice needs one) or TRANSCRIPTION=off. */
  readonly transcription: TranscriptionConfig | null;
  /** Durable background jobs of the chat bots (BullMQ on Redis). */
  readonly jobs: {
    /** Coach jobs (each one model call in flight) one process runs at once. */
    readonly coachConcurrency: number;
    /** Quiet-period timers one process runs at once. */
    readonly concurrency: number;
    readonly lockDurationMs: number;
    /** Undelivered messages are taken over by another process's delivery sweep after this long. */
    readonly deliveryGraceMs: number;
  };
  /** Which chat platforms have credentials configured. */
  readonly platforms: { readonly discord: boolean; readonly slack: boolean };
  readonly discord: DiscordConfig | undefined;
  readonly slack: SlackConfig | undefined;
  /** Where `serve` and `worker` answer /healthz, /readyz and /metrics; null when turned off. */
  readonly healthPort: number | null;
}

export interface TranscriptionConfig {
  readonly apiKey: string | undefined;
  readonly baseURL: string | undefined;
  readonly model: string;
  /** Per request attempt: a clip of several minutes takes far longer to upload and transcribe than a chat reply. */
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** Per clip, retries and Retry-After waits included. */
  readonly callDeadlineMs: number;
  readonly breaker: { readonly failureThreshold: number; readonly coolDownMs: number };
}

/** A 25 MB upload on a slow link, then the transcription itself (a few seconds per minute of audio). */
const TRANSCRIPTION_TIMEOUT_MS = 60_000;
/** Two attempts and a Retry-After wait; the candidate is told to try again or type after that. */
const TRANSCRIPTION_DEADLINE_MS = 150_000;

export interface DiscordConfig {
  readonly token: string;
  readonly applicationId: string | undefined;
  readonly guildId: string | undefined;
  /** Private threads by default; "public" for servers that prefer them (or forbid private ones). */
  readonly threadType: "private" | "public";
  /** Members with one of these roles may use `/interview admin`, as Manage Server holders may. */
  readonly adminRoleIds: readonly string[];
  readonly apiUrl: string | undefined;
  /** "auto", or the shard ids this process runs out of `count`. */
  readonly shards: "auto" | { readonly ids: readonly number[]; readonly count: number };
  /** How long a server that removed the bot keeps its data. */
  readonly removalGraceMs: number;
}

export interface SlackConfig {
  readonly signingSecret: string | undefined;
  /** Single-workspace install. */
  readonly botToken: string | undefined;
  /** Socket Mode (no public URL) when set. */
  readonly appToken: string | undefined;
  /** Multi-workspace OAuth installs, tokens encrypted in Redis. */
  readonly oauth:
    | {
        readonly clientId: string;
        readonly clientSecret: string;
        readonly stateSecret: string;
        readonly encryptionKey: string;
      }
    | undefined;
  /** Members of these user groups may use `/interview admin`, as workspace admins and owners may. */
  readonly adminUsergroupIds: readonly string[];
  readonly apiUrl: string | undefined;
  /** HTTP port for the Events API, interactivity and OAuth (HTTP mode). */
  readonly port: number;
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
    redis: redisConfig(env),
    keyPrefix: env.SECONDROUND_KEY_PREFIX,
    role: env.SECONDROUND_ROLE,
    shutdownGraceMs: env.SECONDROUND_SHUTDOWN_GRACE_MS,
    sessionTtlMs: env.SECONDROUND_SESSION_TTL_DAYS * DAY_MS,
    encryptionKeys: parseEncryptionKeys(env.SECONDROUND_ENCRYPTION_KEYS),
    dataDir: env.SECONDROUND_DATA_DIR,
    logLevel: env.LOG_LEVEL,
    openai:
      env.OPENAI_API_KEY === undefined && env.OPENAI_BASE_URL === undefined
        ? undefined
        : Object.freeze({
            apiKey: env.OPENAI_API_KEY,
            baseURL: env.OPENAI_BASE_URL,
            timeoutMs: env.OPENAI_TIMEOUT_MS,
            maxRetries: env.OPENAI_MAX_RETRIES,
            callDeadlineMs: env.OPENAI_CALL_DEADLINE_MS,
            breaker: Object.freeze({
              failureThreshold: env.OPENAI_BREAKER_FAILURES,
              coolDownMs: env.OPENAI_BREAKER_COOLDOWN_MS,
            }),
            tasksPerMinute: env.OPENAI_TASKS_PER_MINUTE,
            models: Object.freeze({
              questions: env.OPENAI_MODEL_QUESTIONS ?? env.OPENAI_MODEL,
              turn: env.OPENAI_MODEL_TURN ?? env.OPENAI_MODEL,
              evaluation: env.OPENAI_MODEL_EVALUATION ?? env.OPENAI_MODEL,
              report: env.OPENAI_MODEL_REPORT ?? env.OPENAI_MODEL,
            }),
          }),
    transcription: transcriptionConfig(env),
    jobs: Object.freeze({
      coachConcurrency: env.SECONDROUND_COACH_CONCURRENCY,
      concurrency: env.SECONDROUND_JOB_CONCURRENCY,
      lockDurationMs: env.SECONDROUND_JOB_LOCK_MS,
      deliveryGraceMs: env.SECONDROUND_DELIVERY_GRACE_MS,
    }),
    platforms: Object.freeze({
      discord: env.DISCORD_BOT_TOKEN !== undefined,
      slack: env.SLACK_BOT_TOKEN !== undefined || env.SLACK_CLIENT_ID !== undefined,
    }),
    discord:
      env.DISCORD_BOT_TOKEN === undefined
        ? undefined
        : Object.freeze({
            token: env.DISCORD_BOT_TOKEN,
            applicationId: env.DISCORD_APPLICATION_ID,
            guildId: env.DISCORD_GUILD_ID,
            threadType: env.DISCORD_THREAD_TYPE,
            adminRoleIds: env.DISCORD_ADMIN_ROLE_IDS?.split(",") ?? [],
            apiUrl: env.DISCORD_API_URL,
            shards: discordShards(env),
            removalGraceMs: env.DISCORD_REMOVAL_GRACE_DAYS * DAY_MS,
          }),
    slack: slackConfig(env),
    healthPort: env.HEALTH_PORT === "off" || env.HEALTH_PORT === 0 ? null : env.HEALTH_PORT,
  });
}

/**
 * The transcription endpoint: TRANSCRIPTION_BASE_URL, else the AI coach's OPENAI_BASE_URL (else
 * OpenAI's). Its key is TRANSCRIPTION_API_KEY, else OPENAI_API_KEY, but the OpenAI key is only
 * sent where the coach already sends it: a transcription endpoint of its own (a local Whisper
 * server, another provider) gets no key unless TRANSCRIPTION_API_KEY gives one. No key and no base
 * URL at all: no provider, so no voice answers. Retries and the breaker's settings are the coach's.
 */
function transcriptionConfig(env: z.infer<typeof EnvSchema>): TranscriptionConfig | null {
  if (env.TRANSCRIPTION === "off") return null;
  const baseURL = env.TRANSCRIPTION_BASE_URL ?? env.OPENAI_BASE_URL;
  const sameEndpoint = env.TRANSCRIPTION_BASE_URL === undefined || baseURL === env.OPENAI_BASE_URL;
  const apiKey = env.TRANSCRIPTION_API_KEY ?? (sameEndpoint ? env.OPENAI_API_KEY : undefined);
  if (apiKey === undefined && baseURL === undefined) return null;
  return Object.freeze({
    apiKey,
    baseURL,
    model: env.TRANSCRIPTION_MODEL,
    timeoutMs: TRANSCRIPTION_TIMEOUT_MS,
    maxRetries: env.OPENAI_MAX_RETRIES,
    callDeadlineMs: TRANSCRIPTION_DEADLINE_MS,
    breaker: Object.freeze({
      failureThreshold: env.OPENAI_BREAKER_FAILURES,
      coolDownMs: env.OPENAI_BREAKER_COOLDOWN_MS,
    }),
  });
}

function discordShards(env: z.infer<typeof EnvSchema>): DiscordConfig["shards"] {
  const count = env.DISCORD_SHARD_COUNT;
  if (env.DISCORD_SHARDS === "auto") {
    if (count !== undefined)
      throw new ConfigError('DISCORD_SHARD_COUNT goes with shard ids in DISCORD_SHARDS, not with "auto".');
    return "auto";
  }
  const ids = [...new Set(env.DISCORD_SHARDS.split(",").map(Number))];
  if (count === undefined)
    throw new ConfigError(
      "DISCORD_SHARDS lists shard ids: set DISCORD_SHARD_COUNT, the total across processes.",
    );
  const outside = ids.filter((id) => id >= count);
  if (outside.length > 0)
    throw new ConfigError(
      `DISCORD_SHARDS ${outside.join(", ")} is not below DISCORD_SHARD_COUNT (${count}).`,
    );
  return Object.freeze({ ids: Object.freeze(ids), count });
}

function slackConfig(env: z.infer<typeof EnvSchema>): SlackConfig | undefined {
  if (env.SLACK_BOT_TOKEN === undefined && env.SLACK_CLIENT_ID === undefined) return undefined;
  const missing = (names: string[]) => names.filter((name) => env[name as keyof typeof env] === undefined);
  const needed = [
    ...(env.SLACK_APP_TOKEN === undefined ? ["SLACK_SIGNING_SECRET"] : []),
    ...(env.SLACK_CLIENT_ID === undefined
      ? []
      : ["SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "SLACK_TOKEN_ENCRYPTION_KEY"]),
  ];
  const absent = missing(needed);
  if (absent.length > 0)
    throw new ConfigError(`Slack is configured but ${absent.join(", ")} is not set (see .env.example).`);
  return Object.freeze({
    signingSecret: env.SLACK_SIGNING_SECRET,
    botToken: env.SLACK_BOT_TOKEN,
    appToken: env.SLACK_APP_TOKEN,
    oauth:
      env.SLACK_CLIENT_ID === undefined
        ? undefined
        : Object.freeze({
            clientId: env.SLACK_CLIENT_ID,
            clientSecret: env.SLACK_CLIENT_SECRET ?? "",
            stateSecret: env.SLACK_STATE_SECRET ?? "",
            encryptionKey: env.SLACK_TOKEN_ENCRYPTION_KEY ?? "",
          }),
    adminUsergroupIds: env.SLACK_ADMIN_USERGROUP_IDS?.split(",") ?? [],
    apiUrl: env.SLACK_API_URL,
    port: env.PORT,
  });
}

/** Every variable the configuration reads, for the tests that keep `.env.example` and the README in step. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

/** The Slack token keys of SLACK_TOKEN_ENCRYPTION_KEY, newest first. */
export function tokenKeys(value: string): string[] {
  return value
    .split(",")
    .map((key) => key.trim())
    .filter((key) => key.length > 0);
}
