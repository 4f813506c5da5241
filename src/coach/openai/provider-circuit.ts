import {
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
  wrap,
} from "cockatiel";
import OpenAI from "openai";
import type { Logger } from "../../core/ports/ports.ts";

export interface ProviderCircuitSettings {
  /** Consecutive failed calls that open the circuit. */
  readonly failureThreshold: number;
  /** How long calls stay stopped once it opens; then one probe call decides. */
  readonly coolDownMs: number;
  /** Longest one call may take, retries and Retry-After waits included. */
  readonly callDeadlineMs: number;
}

/** Calls that write several times more than an evaluation (a whole plan, a summary) get this much longer. */
export const LONG_CALL_FACTOR = 3;

/**
 * Whether an error says the provider is in trouble (unreachable, overloaded, failing, too slow)
 * rather than that this one request or its output was wrong. Only these open the circuit.
 */
export function isProviderFault(error: unknown): boolean {
  return (
    error instanceof TaskCancelledError ||
    error instanceof OpenAI.APIConnectionError ||
    error instanceof OpenAI.RateLimitError ||
    (error instanceof OpenAI.APIError && (error.status ?? 0) >= 500)
  );
}

/**
 * One provider endpoint's circuit breaker (cockatiel) and call deadline. After
 * `failureThreshold` consecutive provider faults the circuit opens: calls fail at once with
 * BrokenCircuitError for `coolDownMs`, so the offline coach answers without waiting on a provider
 * that is down; then one call is let through (half-open) and its outcome closes or re-opens it.
 */
export class ProviderCircuit {
  readonly #breaker: CircuitBreakerPolicy;
  readonly #policy;
  readonly #longPolicy;
  #opened = 0;

  constructor(settings: ProviderCircuitSettings, logger?: Logger, provider = "openai") {
    this.#breaker = circuitBreaker(handleWhen(isProviderFault), {
      halfOpenAfter: settings.coolDownMs,
      breaker: new ConsecutiveBreaker(settings.failureThreshold),
    });
    // The deadline is inside the breaker, so a call that runs out of time counts as a failure.
    this.#policy = wrap(this.#breaker, timeout(settings.callDeadlineMs, TimeoutStrategy.Aggressive));
    const longDeadline = settings.callDeadlineMs * LONG_CALL_FACTOR;
    this.#longPolicy = wrap(this.#breaker, timeout(longDeadline, TimeoutStrategy.Aggressive));
    this.#breaker.onBreak(() => {
      this.#opened += 1;
      logger?.warn("AI provider circuit opened: calls paused, the offline coach answers", {
        provider,
        coolDownMs: settings.coolDownMs,
      });
    });
    this.#breaker.onHalfOpen(() => logger?.info("AI provider circuit half-open: probing", { provider }));
    this.#breaker.onReset(() => logger?.info("AI provider circuit closed again", { provider }));
  }

  /**
   * Runs one provider call; `signal` aborts the HTTP request when the deadline passes. A `long`
   * call (a plan, a summary) gets LONG_CALL_FACTOR times the deadline; it shares the breaker.
   */
  run<T>(call: (signal: AbortSignal) => Promise<T>, options: { readonly long?: boolean } = {}): Promise<T> {
    const policy = options.long ? this.#longPolicy : this.#policy;
    return policy.execute(({ signal }) => call(signal));
  }

  /** How many times the circuit has opened (bench and tests). */
  get timesOpened(): number {
    return this.#opened;
  }

  get state(): "closed" | "open" | "half-open" {
    const state = this.#breaker.state;
    if (state === CircuitState.Closed) return "closed";
    return state === CircuitState.HalfOpen ? "half-open" : "open";
  }
}
