// Slack's per-method rate limits, per workspace, over a sliding minute on the emulator's clock. Over the limit, a
// call answers HTTP 429 `{ok:false, error:"ratelimited"}` with `Retry-After` (seconds until the oldest counted call
// leaves the window), and is not counted. Only methods listed here are limited, so other tests keep their speed.
import type { Fault } from "./faults.ts";

const MINUTE_MS = 60_000;

/** Calls per minute per workspace (api.slack.com/apis/rate-limits: Tier 2 is "20+ per minute"). */
export const DEFAULT_RATE_LIMITS: Readonly<Record<string, number>> = {
  "usergroups.users.list": 20,
};

export class RateLimits {
  readonly #perMinute: Readonly<Record<string, number>>;
  readonly #now: () => number;
  readonly #calls = new Map<string, number[]>();

  constructor(now: () => number, perMinute: Readonly<Record<string, number>> = {}) {
    this.#now = now;
    this.#perMinute = { ...DEFAULT_RATE_LIMITS, ...perMinute };
  }

  /** A 429 fault when this call is over its method's limit in `teamId`; otherwise counts it. */
  take(method: string, teamId: string | undefined): Fault | undefined {
    const limit = this.#perMinute[method];
    if (limit === undefined || teamId === undefined) return undefined;
    const key = `${teamId}:${method}`;
    const now = this.#now();
    const recent = (this.#calls.get(key) ?? []).filter((at) => at > now - MINUTE_MS);
    this.#calls.set(key, recent);
    const oldest = recent[0];
    if (recent.length >= limit && oldest !== undefined) {
      const retryAfter = Math.max(1, Math.ceil((oldest + MINUTE_MS - now) / 1000));
      return { error: "ratelimited", status: 429, retryAfter };
    }
    recent.push(now);
    return undefined;
  }
}
