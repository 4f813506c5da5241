import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { join } from "node:path";
import { CHILD_COMPILE_CACHE, CHILD_PROCESS_MS } from "./cli-process.ts";

const BIN = join(import.meta.dirname, "../../bin/secondround.ts");

/** What the keys send through a terminal: the kernel's line discipline turns them into SIGINT and end of input. */
export const KEYS = { ctrlC: "\u0003", ctrlD: "\u0004" } as const;

/**
 * The real `secondround` command on a pseudo-terminal (util-linux `script`), so stdin and stdout
 * are a TTY as in a person's terminal: Ctrl-C reaches it as a real SIGINT, Ctrl-D as a real end
 * of input, and typed lines arrive as typed.
 */
export class TerminalCli {
  readonly child: ChildProcessWithoutNullStreams;
  #raw = "";
  readonly exited: Promise<number | null>;

  constructor(args: readonly string[], env: Record<string, string | undefined>) {
    const command = ["exec", process.execPath, BIN, ...args].map(shellQuote).join(" ");
    this.child = spawn(
      "script",
      ["--quiet", "--return", "--echo", "never", "--command", command, "/dev/null"],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          SHELL: "/bin/sh",
          TERM: "dumb",
          LOG_LEVEL: "silent",
          NODE_COMPILE_CACHE: CHILD_COMPILE_CACHE,
          ...env,
        },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    this.child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      this.#raw += chunk;
    });
    this.child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      this.#raw += chunk;
    });
    this.exited = new Promise((resolve) => this.child.once("exit", (code) => resolve(code)));
  }

  /** The screen so far as plain text (no colours, no carriage returns). */
  get output(): string {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing the terminal's escape codes
    return this.#raw.replace(/\u001b\[[0-9;]*m/g, "").replace(/\r/g, "");
  }

  type(...lines: string[]): void {
    this.child.stdin.write(lines.map((line) => `${line}\n`).join(""));
  }

  press(key: string): void {
    this.child.stdin.write(key);
  }

  /** Resolves when the output (from `offset`) matches; generous by default, process start is slow on a busy machine. */
  async waitFor(pattern: RegExp, offset = 0, timeoutMs = CHILD_PROCESS_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output.slice(offset))) {
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for ${pattern}.\noutput:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

function shellQuote(word: string): string {
  return /^[\w./:=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
