// Scripted failures, consumed in order per method. A 429 carries `Retry-After` (seconds): @slack/web-api waits
// that long and retries if its retryConfig allows, else the call fails; without the header it aborts at once.

export type FaultOptions = {
  /** HTTP status; default 200 (a platform error, `ok:false`). 429 is a rate limit. */
  status?: number;
  /** Seconds for `Retry-After`; default 0 on a 429 so retrying tests stay fast. */
  retryAfter?: number;
  /** How many consecutive calls fail this way; default 1. */
  times?: number;
};

export type Fault = { error: string; status: number; retryAfter: number | undefined };

export class FaultQueue {
  readonly #queued = new Map<string, Fault[]>();

  push(method: string, error: string, options: FaultOptions = {}): void {
    const status = options.status ?? 200;
    const fault: Fault = {
      error,
      status,
      retryAfter: options.retryAfter ?? (status === 429 ? 0 : undefined),
    };
    const list = this.#queued.get(method) ?? [];
    for (let i = 0; i < (options.times ?? 1); i += 1) list.push(fault);
    this.#queued.set(method, list);
  }

  take(method: string): Fault | undefined {
    return this.#queued.get(method)?.shift();
  }
}
