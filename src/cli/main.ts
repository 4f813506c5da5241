import { loadConfig } from "../config.ts";
import { ConfigError, SecondRoundError } from "../core/model/errors.ts";
import { createRuntime, type Runtime } from "../runtime.ts";
import { serveCommand } from "../serve/serve-command.ts";
import { type CoachChoice, parseEvaluateArguments } from "./evaluate-arguments.ts";
import { EVALUATE_USAGE, evaluateCommand } from "./evaluate-command.ts";
import { PRACTICE_USAGE, practiceCommand } from "./practice-command.ts";
import { registerDiscordCommands } from "./register-discord-commands.ts";

const USAGE = `SecondRound: mock interviews with honest, evidence-based feedback.

Usage: secondround [command] [options]
  (no command)   serve on Discord/Slack when configured, otherwise a practice interview here
  practice       a practice interview in this terminal
  evaluate       assess answers given as JSON on stdin
  serve          run the Discord/Slack bots (needs REDIS_URL)
  discord:register  register the /interview command with Discord
  help           this text

${PRACTICE_USAGE}

${EVALUATE_USAGE}`;

/** Entry point for the `secondround` command; resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  endQuietlyWhenOutputCloses();
  const [command, ...rest] = argv;
  if (command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // evaluate's options are checked before the configuration is read, so --help and a mistyped
  // option answer at once (exit 0 and 2) even where no configuration is set up.
  if (command === "evaluate") {
    const parsed = parseEvaluateArguments(rest);
    if (parsed.action === "help") {
      process.stdout.write(`${EVALUATE_USAGE}\n`);
      return 0;
    }
    if (parsed.action === "usage-error") {
      process.stderr.write(`${parsed.message}\n`);
      return 2;
    }
    const io = { input: process.stdin, output: process.stdout, errors: process.stderr };
    return withRuntime((runtime) => evaluateCommand(io, chooseCoach(parsed.coach, runtime)));
  }
  return withRuntime((runtime) => dispatch(command, rest, runtime));
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

/** Builds the runtime from the configuration, runs one command with it and always closes the store. */
async function withRuntime(run: (runtime: Runtime) => Promise<number>): Promise<number> {
  let runtime: Runtime | undefined;
  try {
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
  switch (command) {
    case undefined:
      if (runtime.config.platforms.discord || runtime.config.platforms.slack) return serve(runtime);
      process.stdout.write(
        "No Discord or Slack credentials set, so this is a practice interview in your terminal with the offline coach.\n",
      );
      return practiceCommand(rest, runtime, io);
    case "practice":
      return practiceCommand(rest, runtime, io);
    case "serve":
      return serve(runtime);
    case "discord:register":
      return registerDiscordCommands(runtime.config, process.stdout);
    default:
      if (command.startsWith("-")) return practiceCommand([command, ...rest], runtime, io);
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      return 2;
  }
}

/** `evaluate --coach offline|llm`: the configured coach by default; llm needs OPENAI_API_KEY or OPENAI_BASE_URL. */
function chooseCoach(choice: CoachChoice | undefined, runtime: Runtime) {
  if (choice === undefined) return runtime.coach;
  if (choice === "offline") return runtime.offlineCoach;
  if (runtime.coach.name === "llm") return runtime.coach;
  throw new ConfigError("--coach llm needs OPENAI_API_KEY or OPENAI_BASE_URL (see .env.example).");
}

/** Runs the bots until SIGINT (Ctrl-C) or SIGTERM (docker stop), then closes connections cleanly. */
function serve(runtime: Runtime): Promise<number> {
  const stop = new Promise((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  return serveCommand(runtime, stop);
}

/** Errors for people: our own errors carry a message that says how to fix them; others get a short line. */
function describe(error: unknown): string {
  if (error instanceof SecondRoundError) return `secondround: ${error.message}`;
  if (error instanceof Error && "code" in error && error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    return `secondround: ${error.message}. See \`secondround help\`.`;
  }
  return `secondround: unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}
