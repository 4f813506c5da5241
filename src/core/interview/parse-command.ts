import type { ActionId } from "../model/reply.ts";

export type CommandName = ActionId | "help" | "status";

export type ParsedInput =
  | { readonly kind: "text" }
  | { readonly kind: "command"; readonly command: CommandName }
  | { readonly kind: "unknown-command"; readonly command: string };

const ALIASES: Record<string, CommandName> = {
  submit: "submit",
  done: "submit",
  send: "submit",
  skip: "skip",
  pass: "skip",
  repeat: "repeat",
  again: "repeat",
  hint: "hint",
  end: "end",
  stop: "end",
  quit: "end",
  finish: "end",
  pause: "pause",
  resume: "resume",
  continue: "resume",
  help: "help",
  commands: "help",
  status: "status",
  retry: "retry",
  "try-again": "retry",
  stronger: "stronger",
  next: "next",
};

// A command is a whole message such as "/skip" or "!skip". "/r/cscareerquestions is great" or
// "1/2 of the team" are answers, not commands, so only a lone word after the prefix counts.
const COMMAND_SHAPE = /^[/!]([a-z][a-z-]{0,19})$/i;

/** Classifies a sanitised message. Never throws: unknown commands are a value, answered with help. */
export function parseCommand(text: string): ParsedInput {
  const match = COMMAND_SHAPE.exec(text.trim());
  if (!match?.[1]) return { kind: "text" };
  const name = match[1].toLowerCase();
  const command = ALIASES[name];
  return command ? { kind: "command", command } : { kind: "unknown-command", command: name };
}
