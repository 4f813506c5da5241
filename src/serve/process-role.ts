import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import type { ProcessRole } from "../config.ts";

/**
 * What a long-running process does. "all": the chat transports and the coach jobs (one process
 * is a whole deployment); "serve": the transports only; "worker": the coach jobs only. Any
 * number of each can share one Redis.
 */
export type { ProcessRole };

/** What a role runs. */
export function roleRuns(role: ProcessRole): { readonly transports: boolean; readonly coachTasks: boolean } {
  return { transports: role !== "worker", coachTasks: role !== "serve" };
}

export type RoleArguments =
  /** `role` undefined: as SECONDROUND_ROLE says. */
  | { readonly action: "run"; readonly role: ProcessRole | undefined }
  | { readonly action: "usage-error"; readonly message: string };

/** `serve [--no-worker]` or `worker`: the role the command line asks for, if it names one. */
export function parseRoleArguments(command: "serve" | "worker", argv: readonly string[]): RoleArguments {
  const options: ParseArgsOptionsConfig = command === "serve" ? { "no-worker": { type: "boolean" } } : {};
  try {
    const { values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
    if (command === "worker") return { action: "run", role: "worker" };
    return { action: "run", role: values["no-worker"] === true ? "serve" : undefined };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      action: "usage-error",
      message: `secondround ${command}: ${detail}. See \`secondround ${command} --help\`.`,
    };
  }
}
