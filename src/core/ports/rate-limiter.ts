import { z } from "zod";

/**
 * What one inbound message or action may do. A refusal says whether to tell the member
 * (`notify`: only the first refusal of a run is worth a notice, so a flood gets one notice, not
 * one per message) and how long until the next one would be accepted.
 */
export type RateDecision = { readonly allowed: true } | RateRefusal;

export interface RateRefusal {
  readonly allowed: false;
  /**
   * True for the first refusal of a flood: after a fresh key, or once the bucket has filled up
   * again. A flood that goes on (the refill letting a message through now and then) is one run.
   */
  readonly notify: boolean;
  /** Milliseconds until one more take would be accepted (at least 1). */
  readonly retryAfterMs: number;
}

/**
 * A token bucket per key: it holds up to `capacity` tokens and gains `refillPerSecond` tokens a
 * second; every take spends one, and a take finding the bucket empty is refused.
 */
export interface RateLimitPolicy {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

export const RateLimitPolicySchema = z.object({
  capacity: z.number().int().min(1).max(1_000_000),
  refillPerSecond: z.number().positive().max(1_000_000),
});

/**
 * The default per member and interview. A candidate who pastes a long answer arrives as a quick
 * burst of about ten chat messages (each platform splits or sends it piece by piece); twenty
 * tokens leave room for that twice over, or for a paste followed by a few corrections and a
 * button, so real answering is never limited. Refilling two a second (120 a minute) is far above
 * anyone typing, even in short lines, and an emptied bucket is full again ten seconds later. A
 * flood of 1,000 messages a second gets the first 20 through, then about two a second.
 */
export const DEFAULT_RATE_LIMIT_POLICY: RateLimitPolicy = { capacity: 20, refillPerSecond: 2 };

/**
 * The key of one member's bucket: `<scope>/<member>`. The scope is normally the interview's
 * conversation key, so the bucket is per member and interview and is erased with the interview;
 * it must not contain "/" (the member may).
 */
export function rateLimitKey(scope: string, member: string): string {
  if (scope === "" || scope.includes("/")) throw new Error(`A rate-limit scope has no "/": "${scope}"`);
  return `${scope}/${member}`;
}

/**
 * Per-key rate limit, shared by every process that serves the same members. Call `take` once per
 * inbound message or action, before the event changes any state; a refused event is dropped.
 */
export interface RateLimiter {
  take(key: string): Promise<RateDecision>;
}

/**
 * The bucket arithmetic both limiters share (the Redis script does the same in Lua): refill by
 * the time since the last take, then spend one token or refuse.
 */
export interface BucketState {
  readonly tokens: number;
  /** Clock time (ms) the tokens were counted at. */
  readonly at: number;
  /** A notice was already given in the current run of refusals. */
  readonly notified: boolean;
}

export function takeFromBucket(
  policy: RateLimitPolicy,
  state: BucketState | undefined,
  now: number,
): { decision: RateDecision; state: BucketState; idleMs: number } {
  const counted = state ?? { tokens: policy.capacity, at: now, notified: false };
  // A clock that steps back (another process, a failover) neither refills nor drains the bucket.
  const at = Math.max(counted.at, now);
  const tokens = Math.min(
    policy.capacity,
    counted.tokens + (Math.max(0, now - counted.at) * policy.refillPerSecond) / 1000,
  );
  if (tokens >= 1) {
    const left = tokens - 1;
    return {
      decision: { allowed: true },
      // The notice re-arms only once the bucket has filled up again: one notice per flood.
      state: { tokens: left, at, notified: counted.notified && tokens < policy.capacity },
      idleMs: msUntilFull(policy, left),
    };
  }
  return {
    decision: {
      allowed: false,
      notify: !counted.notified,
      retryAfterMs: Math.max(1, Math.ceil(((1 - tokens) * 1000) / policy.refillPerSecond)),
    },
    state: { tokens, at, notified: true },
    idleMs: msUntilFull(policy, tokens),
  };
}

/** After this long untouched a bucket is full again, indistinguishable from a new one: it can go. */
function msUntilFull(policy: RateLimitPolicy, tokens: number): number {
  return Math.max(1, Math.ceil(((policy.capacity - tokens) * 1000) / policy.refillPerSecond));
}
