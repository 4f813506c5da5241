import { webApi } from "@slack/bolt";

/**
 * Platform errors (`ok: false`) that may pass: Slack's own trouble. Every other platform error is
 * Slack's final answer (channel_not_found, not_in_channel, is_archived, token_revoked,
 * account_inactive, invalid_blocks, …): retrying repeats it.
 */
const TRANSIENT_PLATFORM_ERRORS = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
]);

/** Slack's two spellings of each (api.slack.com/docs/triggers vs the views.open reference). */
const DEAD_TRIGGER_ERRORS = new Set([
  "invalid_trigger_id",
  "expired_trigger_id",
  "trigger_expired",
  "exchanged_trigger_id",
  "trigger_exchanged",
]);

/** The `error` of an `ok: false` answer, or null for anything else (HTTP, network, rate limit). */
export function slackErrorCode(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const coded = error as { code?: unknown; data?: { error?: unknown } };
  if (coded.code !== webApi.ErrorCode.PlatformError) return null;
  return typeof coded.data?.error === "string" ? coded.data.error : null;
}

/**
 * True when posting again cannot help. HTTP errors, timeouts and rate limits that outlasted the
 * client's retries are transient: the caller throws, and the message stays in the outbox.
 */
export function isPermanentSlackError(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code !== null && !TRANSIENT_PLATFORM_ERRORS.has(code);
}

/** A modal's trigger_id was used too late (3 s) or twice. */
export function isDeadTrigger(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code !== null && DEAD_TRIGGER_ERRORS.has(code);
}

/** For logs: the platform code, or the error's message (never a token: Slack's errors carry none). */
export function describeSlackError(error: unknown): string {
  return slackErrorCode(error) ?? (error instanceof Error ? error.message : String(error));
}
