// Scripted replies, consumed in order. Each endpoint has its own queue so a test can script a transcription and
// a completion independently; when the queue is empty the default reply keeps unscripted calls working.
import type { Scripted } from "./types.ts";

export class ScriptQueue<Reply, Body> {
  readonly #pending: Scripted<Reply, Body>[] = [];
  readonly #fallback: (body: Body) => Reply;

  constructor(fallback: (body: Body) => Reply) {
    this.#fallback = fallback;
  }

  push(...replies: Scripted<Reply, Body>[]): void {
    this.#pending.push(...replies);
  }

  /** The next reply for this request; a function reply is called with the request body (e.g. to echo a prompt). */
  next(body: Body): Reply {
    const scripted = this.#pending.shift();
    if (scripted === undefined) return this.#fallback(body);
    return typeof scripted === "function" ? (scripted as (body: Body) => Reply)(body) : scripted;
  }

  get remaining(): number {
    return this.#pending.length;
  }

  clear(): void {
    this.#pending.length = 0;
  }
}
