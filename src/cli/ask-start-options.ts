import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";

/** In an interactive terminal, asks for the role and company that were not given as flags. */
export async function askStartOptions(
  io: { readonly input: Readable; readonly output: Writable },
  given: { readonly role?: string; readonly company?: string },
): Promise<{ role?: string; company?: string }> {
  const prompt = createInterface({ input: io.input, output: io.output });
  try {
    const role =
      given.role ??
      ((await prompt.question("Which role are you practising for? [Graduate Analyst] ")).trim() || undefined);
    const company =
      given.company ?? ((await prompt.question("Which company? [Northwind Trading] ")).trim() || undefined);
    return { role, company };
  } finally {
    prompt.close();
  }
}
