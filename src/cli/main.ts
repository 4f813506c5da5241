import { ConfigError, SecondRoundError } from "../core/model/errors.ts";
import type { Runtime } from "../runtime.ts";
import type { ProcessRole } from "../serve/process-role.ts";
import { listenForShutdown } from "../serve/shutdown-signals.ts";
import { settlesWithin } from "../settles-within.ts";
import {
  asksForHelp,
  DISCORD_REGISTER_USAGE,
  MAIN_USAGE,
  SERVE_USAGE,
  WORKER_USAGE,
} from "./command-usage.ts";
import type { CoachChoice } from "./evaluate-arguments.ts";

// Every command's module is imported when that command runs, never up front: `secondround help`
// or `serve --help` then loads a few small files instead of the platform SDKs, the AI client and
// the NLP model (about 1.7 s and 300 MB before), and a command pays only for what it uses.

/** How long closing the store may take when a serve or worker process exits. */
const STORE_CLOSE_MS = 1_000;

/** The usage of each command that has options, loaded only when asked for. */
const COMMAND_USAGE: Readonly<Record<string, () => Promise<string>>> = {
  practice: async () => (await import("./practice-usage.ts")).PRACTICE_USAGE,
  evaluate: async () => (await import("./evaluate-usage.ts")).EVALUATE_USAGE,
  progress: async () => (await import("./progress-usage.ts")).PROGRESS_USAGE,
  serve: async () => SERVE_USAGE,
  worker: async () => WORKER_USAGE,
  "discord:register": async () => DISCORD_REGISTER_USAGE,
  log: async () => (await import("./log-usage.ts")).LOG_USAGE,
  stories: async () => (await import("./stories-usage.ts")).STORIES_USAGE,
  "rotate-key": async () => (await import("./rotate-key-command.ts")).ROTATE_KEY_USAGE,
  privacy: async () => (await import("./privacy-usage.ts")).PRIVACY_USAGE,
};

/** Entry point for the `secondround` command; resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  endQuietlyWhenOutputCloses();
  const [command, ...rest] = argv;
  if (command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${MAIN_USAGE}\n`);
    return 0;
  }
  if (command === "version" || command === "--version" || command === "-v") {
    const { packageVersion } = await import("./package-version.ts");
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const usage =
    command !== undefined && Object.hasOwn(COMMAND_USAGE, command) ? COMMAND_USAGE[command] : undefined;
  if (usage && asksForHelp(rest)) {
    process.stdout.write(`${await usage()}\n`);
    return 0;
  }
  switch (command) {
    case "evaluate":
      return evaluate(rest);
    case "serve":
    case "worker":
      return serve(command, rest);
    default:
      return withRuntime((runtime) => dispatch(command, rest, runtime));
  }
}

/**
 * `secondround … | head`: once the reader of stdout has gone, there is nobody to write to, so
 * end quietly with exit code 0 rather than a stack trace. Everything answered is already saved.
 */
function endQuietlyWhenOutputCloses(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

/**
 * evaluate's options are checked before the configuration is read, so a mistyped option answers
 * at once (exit 2) even where no configuration is set up.
 */
async function evaluate(rest: readonly string[]): Promise<number> {
  const { parseEvaluateArguments } = await import("./evaluate-arguments.ts");
  const parsed = parseEvaluateArguments(rest);
  if (parsed.action === "help") {
    const { EVALUATE_USAGE } = await import("./evaluate-usage.ts");
    process.stdout.write(`${EVALUATE_USAGE}\n`);
    return 0;
  }
  if (parsed.action === "usage-error") {
    process.stderr.write(`${parsed.message}\n`);
    return 2;
  }
  const { evaluateCommand } = await import("./evaluate-command.ts");
  const io = { input: process.stdin, output: process.stdout, errors: process.stderr };
  return withRuntime((runtime) => evaluateCommand(io, chooseCoach(parsed.coach, runtime)));
}

/** Builds the runtime from the configuration, runs one command with it and always closes the store. */
async function withRuntime(run: (runtime: Runtime) => Promise<number>): Promise<number> {
  let runtime: Runtime | undefined;
  try {
    const [{ loadConfig }, { createRuntime }] = await Promise.all([
      import("../config.ts"),
      import("../runtime.ts"),
    ]);
    runtime = createRuntime(loadConfig());
    return await run(runtime);
  } catch (error) {
    process.stderr.write(`${describe(error)}\n`);
    return 1;
  } finally {
    if (runtime && runtime.storage.kind !== "file") await runtime.storage.store.close().catch(() => {});
  }
}

async function dispatch(
  command: string | undefined,
  rest: readonly string[],
  runtime: Runtime,
): Promise<number> {
  const io = { input: process.stdin, output: process.stdout };
  const practice = async (args: readonly string[]) =>
    (await import("./practice-command.ts")).practiceCommand(args, runtime, io);
  switch (command) {
    case undefined:
      if (runtime.config.platforms.discord || runtime.config.platforms.slack)
        return runLongLived(runtime.config.role, runtime);
      process.stdout.write(
        "No Discord or Slack credentials set, so this is a practice interview in your terminal with the offline coach.\n",
      );
      return practice(rest);
    case "practice":
      return practice(rest);
    case "log":
      return (await import("./log-command.ts")).logCommand(rest, runtime, io);
    case "progress": {
      const { progressCommand } = await import("./progress-command.ts");
      return progressCommand(rest, runtime, process.stdout);
    }
    case "stories": {
      const { storiesCommand } = await import("./stories-command.ts");
      return storiesCommand(rest, runtime, process.stdout);
    }
    case "privacy":
      return (await import("./privacy-command.ts")).privacyCommand(rest, runtime, io);
    case "discord:register": {
      const { registerDiscordCommands } = await import("./register-discord-commands.ts");
      return registerDiscordCommands(runtime.config, process.stdout);
    }
    case "rotate-key": {
      const { rotateKeyCommand } = await import("./rotate-key-command.ts");
      return rotateKeyCommand(runtime, process.stdout);
    }
    default:
      if (command.startsWith("-")) return practice([command, ...rest]);
      process.stderr.write(`Unknown command "${command}".\n\n${MAIN_USAGE}\n`);
      return 2;
  }
}

/**
 * `serve [--no-worker]` and `worker`. The stop-signal handlers go in before anything is loaded or
 * connected, so SIGTERM or Ctrl-C stops the process cleanly at any moment of its start-up.
 */
async function serve(command: "serve" | "worker", rest: readonly string[]): Promise<number> {
  const shutdown = listenForShutdown();
  const { parseRoleArguments } = await import("../serve/process-role.ts");
  const parsed = parseRoleArguments(command, rest);
  if (parsed.action === "usage-error") {
    process.stderr.write(`${parsed.message}\n`);
    return 2;
  }
  return withRuntime((runtime) => runLongLived(parsed.role ?? runtime.config.role, runtime, shutdown));
}

/**
 * Runs a serve or worker process until its shutdown has finished, then exits with its status:
 * work abandoned at the deadline (a model call in flight, a reconnecting client) must not keep
 * the process alive.
 */
async function runLongLived(
  role: ProcessRole,
  runtime: Runtime,
  shutdown = listenForShutdown(),
): Promise<number> {
  let code: number;
  try {
    const { serveCommand } = await import("../serve/serve-command.ts");
    code = await serveCommand(runtime, { role, shutdown });
  } catch (error) {
    process.stderr.write(`${describe(error)}\n`);
    code = 1;
  }
  // Redis last: everything before it may still write (delivery records, handed-back jobs).
  if (runtime.storage.kind !== "file") await settlesWithin(runtime.storage.store.close(), STORE_CLOSE_MS);
  process.exit(code);
}

/** `evaluate --coach offline|llm`: the configured coach by default; llm needs OPENAI_API_KEY or OPENAI_BASE_URL. */
function chooseCoach(choice: CoachChoice | undefined, runtime: Runtime) {
  if (choice === undefined) return runtime.coach;
  if (choice === "offline") return runtime.offlineCoach;
  if (runtime.coach.name === "llm") return runtime.coach;
  throw new ConfigError("--coach llm needs OPENAI_API_KEY or OPENAI_BASE_URL (see .env.example).");
}

/** Errors for people: our own errors carry a message that says how to fix them; others get a short line. */
function describe(error: unknown): string {
  if (error instanceof SecondRoundError) return `secondround: ${error.message}`;
  if (error instanceof Error && "code" in error && error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    return `secondround: ${error.message}. See \`secondround help\`.`;
  }
  return `secondround: unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}
