import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";
import { parseArgs } from "node:util";
import { z } from "zod";
import { type HowItWent, type RoundOneEntry, RoundOneLogSchema } from "../core/model/round-one-log.ts";
import { formatRoundOneText, parseRoundOneText } from "../core/model/round-one-text.ts";
import type { Runtime } from "../runtime.ts";
import { LOG_USAGE } from "./log-usage.ts";
import { TERMINAL_SCOPE, terminalRoundOneLogs } from "./round-one-log-store.ts";
import { terminalUserName } from "./terminal-member.ts";

const LOG_OPTIONS = {
  company: { type: "string" },
  role: { type: "string" },
  date: { type: "string" },
  import: { type: "string" },
  list: { type: "boolean" },
  show: { type: "string" },
  delete: { type: "string" },
  name: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export interface LogIo {
  readonly input: Readable & { isTTY?: boolean };
  readonly output: Writable;
}

/** `secondround log`: record, list, show or delete round-1 logs. Resolves with the exit code. */
export async function logCommand(argv: readonly string[], runtime: Runtime, io: LogIo): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: LOG_OPTIONS, allowPositionals: false });
  if (values.help) {
    io.output.write(`${LOG_USAGE}\n`);
    return 0;
  }
  const store = terminalRoundOneLogs(runtime);
  const member = `terminal:${values.name ?? terminalUserName()}`;
  if (values.list) {
    const logs = await store.list(TERMINAL_SCOPE, member);
    io.output.write(
      logs.length === 0
        ? "No round-1 logs yet. Record one with: secondround log --company NAME\n"
        : `${logs.map((log) => `${log.company}${log.role ? `, ${log.role}` : ""}${log.date ? `, ${log.date}` : ""}: ${log.entries.length} question${log.entries.length === 1 ? "" : "s"}`).join("\n")}\n`,
    );
    return 0;
  }
  if (values.show !== undefined) {
    const log = await store.get(TERMINAL_SCOPE, member, values.show);
    if (!log) return noLog(io.output, values.show);
    const header = [
      `Company: ${log.company}`,
      log.role && `Role: ${log.role}`,
      log.date && `Date: ${log.date}`,
    ];
    io.output.write(`${header.filter(Boolean).join("\n")}\n\n${formatRoundOneText(log.entries)}\n`);
    return 0;
  }
  if (values.delete !== undefined) {
    if (!(await store.delete(TERMINAL_SCOPE, member, values.delete))) return noLog(io.output, values.delete);
    io.output.write(`Deleted your round-1 log for ${values.delete}.\n`);
    return 0;
  }
  const interactive = Boolean(io.input.isTTY) && values.import === undefined;
  const recorded = interactive ? await askLog(io, values) : await readLogText(io, values);
  if (recorded === null) return 2;
  const parsed = RoundOneLogSchema.safeParse({ ...recorded, updatedAt: Date.now() });
  if (!parsed.success) {
    io.output.write(`That log can't be saved:\n${z.prettifyError(parsed.error)}\nNothing was saved.\n`);
    return 2;
  }
  const replaced = (await store.get(TERMINAL_SCOPE, member, parsed.data.company)) !== null;
  await store.put(TERMINAL_SCOPE, member, parsed.data);
  const count = parsed.data.entries.length;
  io.output.write(
    `${replaced ? "Replaced" : "Saved"} your round-1 log for ${parsed.data.company}: ${count} question${count === 1 ? "" : "s"}. ` +
      `A second round there now builds on it: secondround practice --company ${quoteArg(parsed.data.company)} --stage second\n`,
  );
  return 0;
}

interface RecordedLog {
  company: string | undefined;
  role: string;
  date: string;
  entries: RoundOneEntry[];
}

/** The plain-text form from --import FILE or piped stdin; flags win over its header lines. */
async function readLogText(
  io: LogIo,
  values: { import?: string; company?: string; role?: string; date?: string },
) {
  let text: string;
  try {
    text = values.import !== undefined ? await readFile(values.import, "utf8") : await readAll(io.input);
  } catch (error) {
    io.output.write(
      `Can't read ${values.import}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}. Nothing was saved.\n`,
    );
    return null;
  }
  const parsed = parseRoundOneText(text);
  if (!parsed.ok) {
    io.output.write(
      `${parsed.problems.join("\n")}\nNothing was saved. See secondround log --help for the format.\n`,
    );
    return null;
  }
  const company = values.company ?? parsed.value.company;
  if (!company) {
    io.output.write(
      'Which company was round 1 with? Give --company NAME (or a "Company: …" line). Nothing was saved.\n',
    );
    return null;
  }
  return {
    company,
    role: values.role ?? parsed.value.role ?? "",
    date: values.date ?? parsed.value.date ?? "",
    entries: parsed.value.entries,
  } satisfies RecordedLog;
}

const HOW: Readonly<Record<string, HowItWent>> = {
  well: "well",
  okay: "okay",
  ok: "okay",
  badly: "badly",
  bad: "badly",
};

/** Asks for the log one question at a time in an interactive terminal. */
async function askLog(
  io: LogIo,
  values: { company?: string; role?: string; date?: string },
): Promise<RecordedLog | null> {
  const prompt = createInterface({ input: io.input, output: io.output });
  try {
    const company = values.company ?? (await prompt.question("Which company was round 1 with? ")).trim();
    const role = values.role ?? (await prompt.question("Which role? ")).trim();
    const date = values.date ?? (await prompt.question("When was it (e.g. 2026-11-20)? ")).trim();
    io.output.write("Now each question you were asked. Press Enter on an empty question when you're done.\n");
    const entries: RoundOneEntry[] = [];
    while (entries.length < 12) {
      const question = (await prompt.question(`Question ${entries.length + 1}: `)).trim();
      if (!question) break;
      const notes = (await prompt.question("What you answered (your notes, one line): ")).trim();
      let howItWent: HowItWent | null | undefined;
      while (howItWent === undefined) {
        const typed = (await prompt.question("How did it go: well, okay or badly? [skip] "))
          .trim()
          .toLowerCase();
        howItWent = typed === "" ? null : HOW[typed];
        if (howItWent === undefined)
          io.output.write("Please answer well, okay or badly (or press Enter to skip).\n");
      }
      entries.push({ question, notes, howItWent });
    }
    if (entries.length === 0) {
      io.output.write("No questions given, so nothing was saved.\n");
      return null;
    }
    return { company: company || undefined, role, date, entries };
  } finally {
    prompt.close();
  }
}

async function readAll(input: Readable): Promise<string> {
  let text = "";
  for await (const chunk of input) text += String(chunk);
  return text;
}

function noLog(output: Writable, company: string): number {
  output.write(`You have no round-1 log for ${company}. secondround log --list shows the ones you have.\n`);
  return 1;
}

function quoteArg(value: string): string {
  return /^[\w.-]+$/u.test(value) ? value : JSON.stringify(value);
}
