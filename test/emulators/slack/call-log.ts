// Every Web API call in arrival order, and a way to wait for the ones a Bolt listener makes after the HTTP ack:
// Bolt answers Slack first and runs the listener on, so a test must wait for the side effect, not the response.
import type { RecordedCall } from "./types.ts";

const pollMs = 10;

export class CallLog {
  readonly calls: RecordedCall[] = [];
  readonly #listeners = new Set<() => void>();

  record(call: RecordedCall): void {
    this.calls.push(call);
  }

  /** Called once a call has been answered, so waiters see its response too. */
  changed(): void {
    for (const listener of this.#listeners) listener();
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /**
   * Resolves with the first truthy value of `check`, re-evaluated after every answered call and every 10 ms
   * (state a test changes directly counts too); rejects after `timeoutMs` listing the calls seen so far. The
   * default is generous: a busy machine (the suite twice on two cores) can keep the app from the CPU for seconds.
   */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 30_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const evaluate = (): boolean => {
        let value: T | undefined | null | false;
        try {
          value = check();
        } catch (error) {
          finish();
          reject(error);
          return true;
        }
        if (!value) return false;
        finish();
        resolve(value);
        return true;
      };
      const onChange = (): void => {
        evaluate();
      };
      const interval = setInterval(onChange, pollMs);
      const timer = setTimeout(() => {
        finish();
        const seen = this.calls.map((call) => `${call.method}→${call.response?.error ?? "ok"}`).join(", ");
        reject(new Error(`Slack emulator: condition not met within ${timeoutMs} ms; calls: [${seen}]`));
      }, timeoutMs);
      const finish = (): void => {
        clearInterval(interval);
        clearTimeout(timer);
        this.#listeners.delete(onChange);
      };
      this.#listeners.add(onChange);
      evaluate();
    });
  }
}
