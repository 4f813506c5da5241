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
    platforms: Object.freeze({
      discord: env.DISCORD_BOT_TOKEN !== undefined,
      slack: env.SLACK_BOT_TOKEN !== undefined || env.SLACK_APP_TOKEN !== undefined,
    }),
  });
}
