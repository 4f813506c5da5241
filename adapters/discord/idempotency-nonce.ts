import { createHash } from "node:crypto";

/**
 * Discord deduplicates sends carrying the same `nonce` with `enforce_nonce` (for a few minutes),
 * so a retried delivery of one outbox entry does not post twice. Nonces are at most 25
 * characters: a hash of the engine's idempotency key and the part number.
 */
export function idempotencyNonce(idempotencyKey: string, part: number): string {
  return createHash("sha256").update(`${idempotencyKey}#${part}`).digest("base64url").slice(0, 25);
}
