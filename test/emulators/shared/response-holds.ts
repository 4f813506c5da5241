// Holding requests to an emulator, to model a client process that dies in the middle of one.
// "after": the request is applied (the message is posted) and only the answer is held, so the
// client never learns that it succeeded. "before": the request waits unapplied, and one whose
// client goes away meanwhile leaves no trace. Shared by the Discord and Slack emulators.
import type { ServerResponse } from "node:http";

export type HoldMode = "before" | "after";

export type HoldSpec<R> = {
  mode: HoldMode;
  /** Which requests to hold, e.g. one process's posts in one thread. */
  match: (request: R) => boolean;
};

/** Every request matching a spec is held until `release()`; later ones pass once released. */
export class ResponseHold<R> {
  readonly mode: HoldMode;
  /** The requests held so far, in arrival order. */
  readonly held: R[] = [];
  readonly #match: HoldSpec<R>["match"];
  readonly #released: Promise<void>;
  #release: () => void = () => {};
  #active = true;
  #onArrival: ((request: R) => void)[] = [];

  constructor(spec: HoldSpec<R>) {
    this.mode = spec.mode;
    this.#match = spec.match;
    this.#released = new Promise((resolve) => {
      this.#release = resolve;
    });
  }

  /** Resolves with the first request held (at once if one already was). */
  get arrived(): Promise<R> {
    const first = this.held[0];
    if (first) return Promise.resolve(first);
    return new Promise((resolve) => this.#onArrival.push(resolve));
  }

  matches(request: R): boolean {
    return this.#active && this.#match(request);
  }

  /** Answers every held request (whose client is still there) and stops holding. */
  release(): void {
    this.#active = false;
    this.#release();
  }

  /** Holds until released; "gone" when the client closed the connection first (a killed process). */
  async hold(request: R, response: ServerResponse): Promise<"released" | "gone"> {
    this.held.push(request);
    for (const resolve of this.#onArrival.splice(0)) resolve(request);
    const gone = new Promise<"gone">((resolve) => {
      if (response.destroyed) resolve("gone");
      response.once("close", () => resolve("gone"));
    });
    return Promise.race([this.#released.then(() => "released" as const), gone]);
  }
}

export class ResponseHolds<R> {
  readonly #holds: ResponseHold<R>[] = [];

  add(spec: HoldSpec<R>): ResponseHold<R> {
    const hold = new ResponseHold<R>(spec);
    this.#holds.push(hold);
    return hold;
  }

  find(request: R, mode: HoldMode): ResponseHold<R> | undefined {
    return this.#holds.find((hold) => hold.mode === mode && hold.matches(request));
  }

  releaseAll(): void {
    for (const hold of this.#holds.splice(0)) hold.release();
  }
}
