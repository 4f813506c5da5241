import { randomUUID } from "node:crypto";
import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Candidate, ConversationKey } from "../../src/core/model/conversation.ts";
import type { InboundEvent } from "../../src/core/model/inbound-event.ts";
import type { OutboundMessage } from "../../src/core/model/reply.ts";
import type { ChatBot } from "../../src/core/ports/chat-bot.ts";
import { audioLine } from "./audio-line.ts";
import { renderMessage } from "./render-message.ts";
import { terminalStyle } from "./terminal-style.ts";

/**
 * A terminal delivers a paste line by line within a few milliseconds; a person needs far longer
 * than this to type a line after pressing Enter on an empty one.
 */
export const PASTE_WINDOW_MS = 250;

/** Timers, injected so tests decide when the paste window has passed. */
export interface PasteTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const SYSTEM_TIMERS: PasteTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface TerminalBotOptions {
  readonly input: Readable;
  readonly output: Writable;
  readonly conversation: ConversationKey;
  readonly candidate: Candidate;
  readonly color: boolean;
  /**
   * An empty line submits only when no further line arrives within this many ms; otherwise it
   * was a paragraph break inside a pasted answer. 0 (piped input) submits at once.
   */
  readonly pasteWindowMs?: number;
  readonly timers?: PasteTimers;
  /** Each line as an inbound event, handled before the next line is read. */
  readonly onEvent: (event: InboundEvent) => Promise<void>;
}

/**
 * The terminal as a chat platform. Input rules: each non-empty line is one message of the
 * current answer (saved as it is typed); an empty line submits the answer, unless more of a
 * paste follows it at once; lines such as /skip are commands. Piped stdin follows the same
 * rules (without the paste window, so a script's empty line always submits).
 */
export class TerminalBot implements ChatBot {
  readonly platform = "terminal" as const;
  readonly #options: TerminalBotOptions;
  readonly #timers: PasteTimers;
  // Line ids must differ between runs: after a restart, line 1 is a new message, not a replay.
  readonly #runId = randomUUID();
  readonly #sent = new Set<string>();
  #lines: Interface | undefined;
  #lineNumber = 0;
  /** Lines read but not yet handled, oldest first. */
  readonly #queue: string[] = [];
  #inputEnded = false;
  #stopped = false;
  #muted = false;
  /** Wakes the reading loop when a line arrives, the input ends or `stop` is called. */
  #wake: (() => void) | undefined;
  /** Set by `ask`: the next line to arrive is its answer, not part of the interview. */
  #asking: ((line: string | null) => void) | undefined;

  constructor(options: TerminalBotOptions) {
    this.#options = options;
    this.#timers = options.timers ?? SYSTEM_TIMERS;
  }

  /** The terminal is there as long as its input is being read. */
  get connected(): boolean {
    return this.#lines !== undefined && !this.#inputEnded && !this.#stopped;
  }

  /** True once the input has ended (Ctrl-D, or the end of piped input). */
  get inputEnded(): boolean {
    return this.#inputEnded;
  }

  /** Reads lines until the input ends or `stop` is called; each is handled before the next. */
  async start(): Promise<void> {
    if (this.#stopped) return;
    this.#lines = createInterface({
      input: this.#options.input,
      terminal: false,
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    this.#lines.on("line", (line) => this.#arrived(line));
    this.#lines.on("close", () => {
      this.#inputEnded = true;
      this.#asking?.(null);
      this.#asking = undefined;
      this.#wakeUp();
    });
    for (;;) {
      const line = await this.#nextLine();
      if (line === null) return;
      if (line.trim() === "" && (await this.#moreArrivesWithin(this.#options.pasteWindowMs ?? 0))) continue;
      if (this.#stopped) return;
      const audio = audioLine(line);
      if (audio.kind === "problem") {
        this.#options.output.write(`\n${terminalStyle(this.#options.color).dim(audio.message)}\n`);
        continue;
      }
      const event = this.#toEvent(line);
      await this.#options.onEvent(
        audio.kind === "clip" && event.type === "message"
          ? { ...event, text: "", attachments: [audio.attachment] }
          : event,
      );
    }
  }

  /**
   * Shows `question` and resolves with the next line typed after it (null if the input ends
   * first). That line is not part of the interview; lines typed before are handled as usual.
   */
  ask(question: string): Promise<string | null> {
    this.#options.output.write(question);
    if (this.#inputEnded) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.#asking = resolve;
    });
  }

  async send(message: OutboundMessage): Promise<void> {
    if (this.#muted || this.#sent.has(message.idempotencyKey)) return;
    this.#sent.add(message.idempotencyKey);
    if (message.visibility.kind === "private" && message.visibility.userId !== this.#options.candidate.id)
      return;
    this.#options.output.write(`\n${renderMessage(message, terminalStyle(this.#options.color))}\n`);
  }

  /** Shows no further interview messages (the command is about to say goodbye its own way). */
  mute(): void {
    this.#muted = true;
  }

  /** Stops reading: the line being handled finishes, lines not yet handled are dropped. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#lines?.close();
    this.#wakeUp();
  }

  #arrived(line: string): void {
    if (this.#asking) {
      const answer = this.#asking;
      this.#asking = undefined;
      answer(line);
      return;
    }
    this.#queue.push(line);
    this.#wakeUp();
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async #nextLine(): Promise<string | null> {
    for (;;) {
      if (this.#stopped) return null;
      const line = this.#queue.shift();
      if (line !== undefined) return line;
      if (this.#inputEnded) return null;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  /** Whether another line follows within `ms` (at once when one is already waiting). */
  async #moreArrivesWithin(ms: number): Promise<boolean> {
    if (ms <= 0) return false;
    if (this.#queue.length > 0) return true;
    if (this.#inputEnded || this.#stopped) return false;
    await new Promise<void>((resolve) => {
      const timer = this.#timers.setTimeout(() => {
        if (this.#wake === done) this.#wake = undefined;
        resolve();
      }, ms);
      const done = () => {
        this.#timers.clearTimeout(timer);
        resolve();
      };
      this.#wake = done;
    });
    return this.#queue.length > 0;
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
