/**
 * Counts Redis round trips as a client sees them. INFO commandstats counts commands (including
 * those a Lua script runs), which says nothing about how many times a caller waited on the network:
 * five pipelined commands cost one wait, five awaited one after another cost five.
 *
 * A new round trip starts whenever a client sends a command while none of its earlier commands is
 * still awaiting a reply; commands sent while one is outstanding (a pipeline, a MULTI, concurrent
 * callers) ride the same trip. In a sequential phase (one caller at a time) that is exactly the
 * number of network waits; under concurrency it undercounts, so only read it from sequential runs.
 */

/** The parts of an ioredis Command this needs (ioredis 5 and 6 alike). */
interface CommandLike {
  readonly name: string;
  readonly promise: Promise<unknown>;
}

/** An ioredis `Redis` instance: every command, pipelined or not, goes through `sendCommand`. */
export interface SendsCommands {
  sendCommand(command: CommandLike, ...rest: unknown[]): unknown;
}

export class RoundTripCounter {
  trips = 0;
  commands = 0;
  /** Commands per trip while tracing, e.g. [["set"], ["sismember"], ["get"]]. */
  #trace: string[][] | null = null;

  /** Wraps the client's own `sendCommand`, so every path (scripts, pipelines, retries) is seen. */
  instrument(client: SendsCommands): void {
    const send = client.sendCommand.bind(client);
    let awaitingReply = 0;
    const settle = () => {
      awaitingReply -= 1;
    };
    client.sendCommand = (command: CommandLike, ...rest: unknown[]) => {
      if (awaitingReply === 0) {
        this.trips += 1;
        this.#trace?.push([]);
      }
      awaitingReply += 1;
      this.commands += 1;
      this.#trace?.at(-1)?.push(command.name);
      // Attached before the caller awaits, so it runs before the caller's next command.
      command.promise.then(settle, settle);
      return send(command, ...rest);
    };
  }

  reset(): void {
    this.trips = 0;
    this.commands = 0;
  }

  startTrace(): void {
    this.#trace = [];
  }

  stopTrace(): string[][] {
    const trace = this.#trace ?? [];
    this.#trace = null;
    return trace;
  }
}
