import { parseArgs } from "node:util";

export type CoachChoice = "offline" | "llm";

/** What `secondround evaluate …` was asked to do, decided before any configuration is read. */
export type EvaluateArguments =
  | { readonly action: "help" }
  | { readonly action: "evaluate"; readonly coach: CoachChoice | undefined }
  | { readonly action: "usage-error"; readonly message: string };

const OPTIONS = {
  coach: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * Reads evaluate's command line. Mistakes come back as one plain sentence each (the caller exits
 * 2 with it) rather than node's parser errors, which suggest `--` tricks nobody here needs.
 */
export function parseEvaluateArguments(argv: readonly string[]): EvaluateArguments {
  // Not strict, so every token can be inspected and worded here; unknown ones are rejected below.
  const { values, tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === "option" && !Object.hasOwn(OPTIONS, token.name)) {
      return usageError(`unknown option "${token.rawName}"`);
    }
    if (token.kind === "positional") {
      return usageError(
        `unexpected argument "${token.value}": evaluate reads answers from stdin (secondround evaluate < answers.jsonl)`,
      );
    }
  }
  if (values.help) return { action: "help" };
  const coach = values.coach;
  if (coach === undefined) return { action: "evaluate", coach: undefined };
  if (coach === "offline" || coach === "llm") return { action: "evaluate", coach };
  return usageError(
    typeof coach === "string"
      ? `--coach must be "offline" or "llm", not "${coach}"`
      : `--coach needs a value: offline or llm`,
  );
}

function usageError(problem: string): EvaluateArguments {
  return {
    action: "usage-error",
    message: `secondround evaluate: ${problem}.\nRun \`secondround evaluate --help\` for the input fields and options.`,
  };
}
