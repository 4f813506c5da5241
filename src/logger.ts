import { pino } from "pino";
import type { Logger } from "./core/ports/ports.ts";

/**
 * Structured JSON logs on stderr (pino), so the terminal interview on stdout stays clean and
 * production logs are machine-readable. Adapts pino's (fields, message) order to the port's.
 */
export function createLogger(level: string): Logger {
  const base = pino({ level, base: { service: "secondround" } }, pino.destination(2));
  return {
    debug: (message, fields) => base.debug(fields ?? {}, message),
    info: (message, fields) => base.info(fields ?? {}, message),
    warn: (message, fields) => base.warn(fields ?? {}, message),
    error: (message, fields) => base.error(fields ?? {}, message),
  };
}
