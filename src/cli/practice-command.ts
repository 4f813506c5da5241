import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import type { Readable, Writable } from "node:stream";
import { parseArgs } from "node:util";
import { z } from "zod";
import { TerminalTransport } from "../../adapters/terminal/terminal-transport.ts";
import { looksAddressedToGrader } from "../coach/rubric/index.ts";
import type { ConversationKey } from "../core/conversation.ts";
import { InterviewEngine } from "../core/interview-engine.ts";
import { InterviewOptionsSchema } from "../core/interview-options.ts";
import type { Runtime } from "../runtime.ts";
import { askStartOptions } from "./ask-start-options.ts";
import { readCandidateDocuments } from "./read-candidate-documents.ts";

export const PRACTICE_USAGE = `Usage: secondround practice [options]
  --role TEXT          role you are interviewing for
  --company TEXT       company you are interviewing with
  --stage first|second|final
  --questions N        main questions, 1-12 (default 6)
  --persona hiring-manager|department-head|director-hr
  --focus LIST         competencies to favour, comma-separated (leadership,conflict,failure,pressure,collaboration,initiative)
  --probes N           follow-up probes per interview (default 3)
  --name TEXT          your name, as the interviewer greets you
  --session NAME       interview name; with REDIS_URL set, re-running resumes it (default: your user name)
  --cv FILE            your CV (PDF, DOCX, text or Markdown); the AI coach asks about it
  --jd FILE            the job description (same formats)
  --report-json FILE   also write the final report as JSON to FILE`;

const NOT_SAVED =
  "Sorry, that line could not be saved just now (the interview store is unavailable). Everything before it is safe; please type it again in a moment.";

const PRACTICE_OPTIONS = {
  role: { type: "string" },
  company: { type: "string" },
  stage: { type: "string" },
  questions: { type: "string" },
  persona: { type: "string" },
  focus: { type: "string" },
  probes: { type: "string" },
  name: { type: "string" },
  session: { type: "string" },
  "report-json": { type: "string" },
  cv: { type: "string" },
  jd: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export interface PracticeIo {
  readonly input: Readable & { isTTY?: boolean };
  readonly output: Writable & { isTTY?: boolean };
}

/** Runs one practice interview in the terminal; resolves with the process exit code. */
export async function practiceCommand(
  argv: readonly string[],
  runtime: Runtime,
  io: PracticeIo,
): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: PRACTICE_OPTIONS, allowPositionals: false });
  if (values.help) {
    io.output.write(`${PRACTICE_USAGE}\n`);
    return 0;
  }
  const interactive = Boolean(io.input.isTTY);
  const name = values.name ?? safeUserName();
  const conversation: ConversationKey = `terminal:${values.session ?? name}`;
  const candidate = { id: `terminal:${name}`, name };
  const transport = new TerminalTransport({
    input: io.input,
    output: io.output,
    conversation,
    candidate,
    color: Boolean(io.output.isTTY),
  });
  const engine = new InterviewEngine({
    store: runtime.store,
    coach: runtime.coach,
    standInCoach: runtime.offlineCoach,
    isInstruction: looksAddressedToGrader,
    sender: transport,
    clock: { now: () => Date.now() },
    logger: runtime.logger,
    newSessionId: () => randomUUID(),
    backgroundTasks: runtime.backgroundTasks,
  });

  const existing = await engine.current(conversation);
  if (existing && existing.phase !== "finished") {
    io.output.write(`Resuming your interview for ${existing.options.role} at ${existing.options.company}.\n`);
    await engine.resume(conversation, true);
  } else {
    const options =
      interactive && (!values.role || !values.company) ? await askStartOptions(io, values) : values;
    const parsed = InterviewOptionsSchema.safeParse({
      role: options.role ?? "Graduate Analyst",
      company: options.company ?? "Northwind Trading",
      stage: values.stage,
      questionCount: values.questions === undefined ? undefined : Number(values.questions),
      persona: values.persona,
      focus: values.focus ? values.focus.split(",").map((item) => item.trim()) : undefined,
      probeLimit: values.probes === undefined ? undefined : Number(values.probes),
    });
    if (!parsed.success) {
      io.output.write(
        `Those interview options don't work:\n${z.prettifyError(parsed.error)}\n\n${PRACTICE_USAGE}\n`,
      );
      return 2;
    }
    const documents =
      values.cv || values.jd
        ? await readCandidateDocuments({ cv: values.cv, jd: values.jd }, io.output)
        : undefined;
    if (documents === null) return 2;
    await engine.handle({
      ...(documents ? { documents } : {}),
      type: "start",
      eventId: `start:${randomUUID()}`,
      conversation,
      author: candidate,
      receivedAt: Date.now(),
      options: parsed.data,
    });
  }

  await transport.start(async (event) => {
    try {
      await engine.handle(event);
    } catch (error) {
      // The line was not saved (e.g. Redis is down). Say so and keep going: what was saved stays saved.
      runtime.logger.error("could not handle terminal input", { error: String(error) });
      io.output.write(`\n${NOT_SAVED}\n`);
      return;
    }
    // Background evaluations may still be running when the last answer is in: wait for the report.
    if ((await engine.current(conversation))?.phase === "reporting") await engine.idle();
    if ((await engine.current(conversation))?.phase === "finished") await transport.stop();
  });
  await engine.idle();

  const finished = await engine.current(conversation);
  if (finished?.report && values["report-json"]) {
    await writeFile(values["report-json"], `${JSON.stringify(finished.report, null, 2)}\n`);
    io.output.write(`\nReport written to ${values["report-json"]}\n`);
  } else if (finished?.phase !== "finished") {
    const kept =
      runtime.storeKind === "redis"
        ? "It is saved: run the same command again to carry on."
        : "Set REDIS_URL to keep unfinished interviews between runs.";
    io.output.write(`\nInput ended before the interview finished. ${kept}\n`);
  }
  return 0;
}

function safeUserName(): string {
  try {
    return userInfo().username || "candidate";
  } catch {
    return "candidate";
  }
}
