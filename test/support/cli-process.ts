import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { checkLogPrivacy, isLogLine, logLeaks, secretsOf, sentencesOf } from "./log-privacy.ts";

const BIN = join(import.meta.dirname, "../../bin/secondround.ts");

/**
 * How long a `secondround` child process may take to start, or to react to one input, before a test gives up
 * on it. A start loads every dependency: about 5 s of CPU on an idle core. With the whole suite running twice on
 * two cores a child gets a fifth of a core, and a run that only starts and answers was measured at 48 s.
 */
export const CHILD_PROCESS_MS = 90_000;

/** A vitest timeout for a test that runs `processes` child processes one after another. */
export function childProcessTestTimeout(processes: number): number {
  return processes * CHILD_PROCESS_MS;
}

/**
 * The children share a V8 code cache, so only the first start compiles every module: about a third less CPU per
 * start. It changes nothing the command does.
 */
export const CHILD_COMPILE_CACHE =
  process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), "secondround-test-compile-cache");

/** The real `secondround` command in a child process, with helpers to talk to it. */
export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = "";
  /** What the person at the terminal sees on stderr: everything but the log lines. */
  stderr = "";
  /** The process's JSON log lines (it logs at the most verbose level unless the test sets LOG_LEVEL). */
  readonly logs: string[] = [];
  readonly exited: Promise<number | null>;
  #stderrLine = "";
  /** What was typed into the process: the candidate's words, which no log may carry. */
  #typed = "";

  /**
   * Each process keeps its interviews in a folder of its own (removed when it exits) unless the
   * test passes SECONDROUND_DATA_DIR, e.g. to resume in a second process.
   */
  constructor(args: readonly string[], env: Record<string, string | undefined> = {}) {
    const ownDataDir = "SECONDROUND_DATA_DIR" in env ? undefined : newDataDir();
    this.child = spawn(process.execPath, [BIN, ...args], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LOG_LEVEL: "trace",
        NODE_COMPILE_CACHE: CHILD_COMPILE_CACHE,
        // Several serve processes run at once: a test that wants the health endpoints gives a free port.
        HEALTH_PORT: "off",
        SECONDROUND_DATA_DIR: ownDataDir,
        ...env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      this.stdout += chunk;
    });
    this.child.stderr.setEncoding("utf8").on("data", (chunk: string) => this.#onStderr(chunk));
    this.child.once("close", () => {
      this.#flushStderr();
      const personal = [...sentencesOf(this.#typed), ...documentSentences(args)];
      const sensitive = { secrets: secretsOf(env), personal };
      logLeaks.push(...checkLogPrivacy(`secondround ${args.join(" ")}`, this.logs, sensitive));
    });
    this.exited = new Promise((resolve) =>
      this.child.once("exit", (code) => {
        if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
        resolve(code);
      }),
    );
  }

  write(...lines: string[]): void {
    this.typeIn(lines.map((line) => `${line}\n`).join(""));
  }

  /** Writes raw input (and remembers it for the log check). */
  typeIn(text: string, end = false): void {
    this.#typed += text;
    if (end) this.child.stdin.end(text);
    else this.child.stdin.write(text);
  }

  #onStderr(chunk: string): void {
    const lines = (this.#stderrLine + chunk).split("\n");
    this.#stderrLine = lines.pop() ?? "";
    for (const line of lines) {
      if (isLogLine(line)) this.logs.push(line);
      else this.stderr += `${line}\n`;
    }
  }

  /** The last line, if it had no newline. */
  #flushStderr(): void {
    if (this.#stderrLine === "") return;
    if (isLogLine(this.#stderrLine)) this.logs.push(this.#stderrLine);
    else this.stderr += this.#stderrLine;
    this.#stderrLine = "";
  }

  end(): void {
    this.child.stdin.end();
  }

  /** Resolves when stdout (from `offset`) matches; rejects with the output so far on timeout. */
  async waitFor(pattern: RegExp, offset = 0, timeoutMs = CHILD_PROCESS_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.stdout.slice(offset))) {
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out waiting for ${pattern}.\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** A fresh folder for a test's interview file; pass it as SECONDROUND_DATA_DIR to every process that shares it. */
export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), "sr-data-"));
}

/** Runs the command to completion with all of stdin given up front. */
export async function runCli(
  args: readonly string[],
  stdin: string,
  env: Record<string, string | undefined> = {},
) {
  const cli = new CliProcess(args, env);
  cli.typeIn(stdin, true);
  const code = await cli.exited;
  return { code, stdout: cli.stdout, stderr: cli.stderr };
}

/** Sentences of the text documents (CV, job description) given on the command line. */
function documentSentences(args: readonly string[]): string[] {
  return args
    .filter(
      (arg, index) =>
        /^--(cv|jd|job-description)$/.test(args[index - 1] ?? "") && /\.(txt|md)$/.test(extname(arg)),
    )
    .flatMap((path) => {
      try {
        return sentencesOf(readFileSync(path, "utf8"));
      } catch {
        return [];
      }
    });
}
