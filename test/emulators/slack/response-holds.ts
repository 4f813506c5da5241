// Holding Web API calls, to model an app process that dies in the middle of one. "after": the call is applied (the
// message is posted) and only the answer is held, so the client never learns that it succeeded. "before": the call
// waits unapplied, and one whose client goes away meanwhile leaves no trace.
import type { ServerResponse } from "node:http";
import type { RecordedCall } from "./types.ts";

export type HoldMode = "before" | "after";

export type HoldSpec = {
  mode: HoldMode;
  /** Which calls to hold, e.g. `chat.postMessage` in one thread. */
  match: (call: RecordedCall) => boolean;
};

/** Every call matching a spec is held until `release()`; later ones pass once released. */
export class CallHold {
  readonly mode: HoldMode;
  /** The calls held so far, in arrival order. */
  readonly held: RecordedCall[] = [];
  readonly #match: HoldSpec["match"];
  readonly #released: Promise<void>;
  #release: () => void = () => {};
  #active = true;
  #onArrival: ((call: RecordedCall) => void)[] = [];

  constructor(spec: HoldSpec) {
    this.mode = spec.mode;
    this.#match = spec.match;
    this.#released = new Promise((resolve) => {
      this.#release = resolve;
    });
  }

  /** Resolves with the first call held (at once if one already was). */
  get arrived(): Promise<RecordedCall> {
    const first = this.held[0];
    if (first) return Promise.resolve(first);
    return new Promise((resolve) => this.#onArrival.push(resolve));
  }

  matches(call: RecordedCall): boolean {
    return this.#active && this.#match(call);
  }

  /** Answers every held call (whose client is still there) and stops holding. */
  release(): void {
    this.#active = false;
    this.#release();
  }

  /** Holds until released; "gone" when the client closed the connection first (a killed process). */
  async hold(call: RecordedCall, response: ServerResponse): Promise<"released" | "gone"> {
    this.held.push(call);
    for (const resolve of this.#onArrival.splice(0)) resolve(call);
    const gone = new Promise<"gone">((resolve) => {
      if (response.destroyed) resolve("gone");
      response.once("close", () => resolve("gone"));
    });
    return Promise.race([this.#released.then(() => "released" as const), gone]);
  }
}

export class CallHolds {
  readonly #holds: CallHold[] = [];

  add(spec: HoldSpec): CallHold {
    const hold = new CallHold(spec);
    this.#holds.push(hold);
    return hold;
  }

  find(call: RecordedCall, mode: HoldMode): CallHold | undefined {
    return this.#holds.find((hold) => hold.mode === mode && hold.matches(call));
  }

  releaseAll(): void {
    for (const hold of this.#holds.splice(0)) hold.release();
  }
}
