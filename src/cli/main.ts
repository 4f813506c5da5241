import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { ConfigError, SecondRoundError } from "../core/errors.ts";
import { createRuntime, type Runtime } from "../runtime.ts";
import { serveCommand } from "../serve/serve-command.ts";
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
  const [command, ...rest] = argv;
  if (command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let runtime: Runtime | undefined;
  try {
    runtime = createRuntime(loadConfig());
    return await dispatch(command, rest, runtime);
  } catch (error) {
    process.stderr.write(`${describe(error)}\n`);
    return 1;
  } finally {
    await runtime?.store.close().catch(() => {});
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
    case "evaluate":
      return evaluateCommand(process.stdin, process.stdout, chooseCoach(rest, runtime));
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
function chooseCoach(argv: readonly string[], runtime: Runtime) {
  const { values } = parseArgs({ args: [...argv], options: { coach: { type: "string" } } });
  if (values.coach === undefined) return runtime.coach;
  if (values.coach === "offline") return runtime.offlineCoach;
  if (values.coach === "llm" && runtime.coach.name === "llm") return runtime.coach;
  throw new ConfigError(
    values.coach === "llm"
      ? "--coach llm needs OPENAI_API_KEY or OPENAI_BASE_URL (see .env.example)."
      : `--coach must be "offline" or "llm", not "${values.coach}".`,
  );
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
