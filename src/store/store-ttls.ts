/** Interview data is personal: it expires 30 days after the last change unless configured otherwise. */
export const DEFAULT_SESSION_TTL_MS = 30 * 24 * 60 * 60_000;
/**
 * Claims must outlive every redelivery window: Slack retries for minutes, Discord replays on
 * RESUME, job queues retry for hours. 24 h, as payment APIs keep idempotency keys.
 */
export const DEFAULT_CLAIM_TTL_MS = 24 * 60 * 60_000;

export interface StoreTtls {
  readonly sessionTtlMs: number;
  readonly claimTtlMs: number;
}

/**
 * Recent inbound event ids kept per interview for duplicate checks (see CLAIM_FUNCTION): about 30
 * platform ids, the last ten or so answers' events, far more than any redelivery reaches back.
 */
export const CLAIM_WINDOW_BYTES = 640;
