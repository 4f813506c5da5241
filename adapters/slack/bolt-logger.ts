import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../src/core/ports/ports.ts";

/** Slack tokens (bot, user, app, refresh, config): never written to a log, whatever Bolt says. */
const TOKEN = /\bxox[a-z]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+/g;

function line(parts: unknown[]): string {
  return parts
    .map((part) => (part instanceof Error ? part.message : typeof part === "string" ? part : safeJson(part)))
    .join(" ")
    .replace(TOKEN, "[token redacted]");
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Bolt's own lines about what SecondRound reports better itself (a request from a workspace without a
 * readable install: not-installed.ts says which workspace, once): kept, at debug level.
 */
const REPORTED_BY_US = ["Authorization of incoming event did not succeed"];

const ORDER: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

/**
 * Bolt's and the Web API client's logging, into the process logger (which filters by its own
 * level too). Bolt sets its level to info unless told otherwise; the client's per-request debug
 * lines are dropped here before any formatting.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let name = "slack";
  let level = LogLevel.INFO;
  const emit =
    (at: LogLevel, write: Logger["info"]) =>
    (...parts: unknown[]): void => {
      if (ORDER[at] < ORDER[level]) return;
      const text = line(parts);
      if (REPORTED_BY_US.some((known) => text.startsWith(known))) logger.debug(text, { source: name });
      else write(text, { source: name });
    };
  return {
    debug: emit(LogLevel.DEBUG, logger.debug.bind(logger)),
    info: emit(LogLevel.INFO, logger.info.bind(logger)),
    warn: emit(LogLevel.WARN, logger.warn.bind(logger)),
    error: emit(LogLevel.ERROR, logger.error.bind(logger)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}
