import { type Logger as Pino, pino } from "pino";
import type { Logger } from "./core/ports/ports.ts";

/**
 * Field names whose values are credentials, wherever they sit (pino replaces them before a line is
 * written). Callers never log these on purpose; this catches an error object or a request that
 * carries one.
 */
const REDACTED_PATHS = [
  "token",
  "botToken",
  "apiKey",
  "password",
  "secret",
  "authorization",
  "*.token",
  "*.botToken",
  "*.apiKey",
  "*.password",
  "*.secret",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
];

/**
 * Structured JSON logs on stderr (pino), so the terminal interview on stdout stays clean and
 * production logs are machine-readable. Adapts pino's (fields, message) order to the port's.
 */
export function createLogger(level: string): Logger {
  return adapt(
    pino(
      { level, base: { service: "secondround" }, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } },
      pino.destination(2),
    ),
  );
}

function adapt(base: Pino): Logger {
  return {
    debug: (message, fields) => base.debug(fields ?? {}, message),
    info: (message, fields) => base.info(fields ?? {}, message),
    warn: (message, fields) => base.warn(fields ?? {}, message),
    error: (message, fields) => base.error(fields ?? {}, message),
    // A pino child: its fields (the interview) are serialised once, not on every line.
    child: (bindings) => adapt(base.child(bindings)),
  };
}
