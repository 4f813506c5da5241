/** Stable codes for every error SecondRound raises on purpose; logs and tests match on them. */
export type ErrorCode =
  | "config-invalid"
  | "session-conflict"
  | "session-corrupt"
  | "store-unavailable"
  | "coach-failed"
  | "question-bank-invalid"
  | "platform-send-failed";

export class SecondRoundError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Stored session data failed its schema: hand-edited, written by an incompatible version, or
 * damaged. Raised instead of crashing so the interview can be reported and restarted.
 * @example throw new SessionCorruptError("discord:1:2", issues)
 */
export class SessionCorruptError extends SecondRoundError {
  readonly conversation: string;
  constructor(conversation: string, detail: string, options?: { cause?: unknown }) {
    super("session-corrupt", `Stored interview for ${conversation} is unreadable: ${detail}`, options);
    this.conversation = conversation;
  }
}

/** Another writer changed the session first; reload and apply the event again. */
export class SessionConflictError extends SecondRoundError {
  constructor(conversation: string) {
    super("session-conflict", `Interview ${conversation} kept changing under concurrent writers; giving up`);
  }
}

/** Redis (or another store) could not be reached in time. */
export class StoreUnavailableError extends SecondRoundError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("store-unavailable", message, options);
  }
}

/** Why an AI coach call failed, mapped once from the provider's SDK errors. */
export type CoachFailure =
  | "rate-limited"
  | "timeout"
  | "unavailable"
  | "invalid-output"
  | "refused"
  | "misconfigured"
  /** The provider failed repeatedly; calls are paused for a cool-down instead of waiting on it. */
  | "circuit-open";

/** A coach task failed; `retryable` says whether trying again later may help. */
export class CoachError extends SecondRoundError {
  readonly retryable: boolean;
  readonly failure: CoachFailure;
  constructor(message: string, options: { retryable: boolean; failure?: CoachFailure; cause?: unknown }) {
    super("coach-failed", message, { cause: options.cause });
    this.retryable = options.retryable;
    this.failure = options.failure ?? "unavailable";
  }
}

/** Invalid configuration or prompt files; the message says how to fix it. */
export class ConfigError extends SecondRoundError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("config-invalid", message, options);
  }
}
