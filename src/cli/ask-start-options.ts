import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";

/** The terminal practises a second round unless told otherwise: the product is named for it. */
export const TERMINAL_DEFAULT_STAGE = "second";

const STAGES = ["first", "second", "final"] as const;
const MODES = ["realistic", "practice"] as const;

/**
 * In an interactive terminal, asks for the role, the company, the round and the mode that were not
 * given as flags. A round or mode that is not one of the choices is asked again, naming them.
 */
export async function askStartOptions(
  io: { readonly input: Readable; readonly output: Writable },
  given: {
    readonly role?: string;
    readonly company?: string;
    readonly stage?: string;
    readonly mode?: string;
  },
): Promise<{ role?: string; company?: string; stage: string; mode: string }> {
  const prompt = createInterface({ input: io.input, output: io.output });
  try {
    const role =
      given.role ??
      ((await prompt.question("Which role are you practising for? [Graduate Analyst] ")).trim() || undefined);
    const company =
      given.company ?? ((await prompt.question("Which company? [Northwind Trading] ")).trim() || undefined);
    let stage = given.stage;
    while (stage === undefined) {
      const typed = (
        await prompt.question(`Which round: first, second or final? [${TERMINAL_DEFAULT_STAGE}] `)
      )
        .trim()
        .toLowerCase()
        .replace(/\s*round$/, "");
      if (typed === "") stage = TERMINAL_DEFAULT_STAGE;
      else if ((STAGES as readonly string[]).includes(typed)) stage = typed;
      else io.output.write(`Please answer first, second or final.\n`);
    }
    let mode = given.mode;
    while (mode === undefined) {
      const typed = (
        await prompt.question(
          "Feedback only at the end, as in a real interview (realistic), or after each answer with a chance to try again (practice)? [realistic] ",
        )
      )
        .trim()
        .toLowerCase();
      if (typed === "") mode = "realistic";
      else if ((MODES as readonly string[]).includes(typed)) mode = typed;
      else io.output.write(`Please answer realistic or practice.\n`);
    }
    return { role, company, stage, mode };
  } finally {
    prompt.close();
  }
}
