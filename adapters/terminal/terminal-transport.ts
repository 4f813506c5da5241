import { randomUUID } from "node:crypto";
import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Candidate, ConversationKey } from "../../src/core/conversation.ts";
import type { InboundEvent } from "../../src/core/inbound-event.ts";
import type { ChatTransport } from "../../src/core/ports.ts";
import type { OutboundMessage } from "../../src/core/reply.ts";
import { renderMessage } from "./render-message.ts";
import { terminalStyle } from "./terminal-style.ts";

export interface TerminalTransportOptions {
  readonly input: Readable;
  readonly output: Writable;
  readonly conversation: ConversationKey;
  readonly candidate: Candidate;
  readonly color: boolean;
}

/**
 * The terminal as a chat platform. Input rules: each non-empty line is one message of the
 * current answer (saved as it is typed); an empty line submits the answer; lines such as /skip
 * are commands. Works the same with piped stdin, so interviews can be scripted.
 */
export class TerminalTransport implements ChatTransport {
  readonly platform = "terminal" as const;
  readonly #options: TerminalTransportOptions;
  // Line ids must differ between runs: after a restart, line 1 is a new message, not a replay.
  readonly #runId = randomUUID();
  readonly #sent = new Set<string>();
  #lines: Interface | undefined;
  #lineNumber = 0;

  constructor(options: TerminalTransportOptions) {
    this.#options = options;
  }

  /** Reads lines until the input ends or `stop` is called; each is handled before the next is read. */
  async start(onEvent: (event: InboundEvent) => Promise<void>): Promise<void> {
    this.#lines = createInterface({
      input: this.#options.input,
      terminal: false,
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const line of this.#lines) {
      await onEvent(this.#toEvent(line));
    }
  }

  async send(message: OutboundMessage): Promise<void> {
    if (this.#sent.has(message.idempotencyKey)) return;
    this.#sent.add(message.idempotencyKey);
    if (message.visibility.kind === "private" && message.visibility.userId !== this.#options.candidate.id)
      return;
    this.#options.output.write(`\n${renderMessage(message, terminalStyle(this.#options.color))}\n`);
  }

  async stop(): Promise<void> {
    this.#lines?.close();
  }

  #toEvent(line: string): InboundEvent {
    this.#lineNumber += 1;
    const base = {
      eventId: `${this.#runId}:${this.#lineNumber}`,
      conversation: this.#options.conversation,
      author: this.#options.candidate,
      receivedAt: Date.now(),
    };
    return line.trim() === ""
      ? { ...base, type: "action", action: "submit" }
      : { ...base, type: "message", text: line };
  }
}
