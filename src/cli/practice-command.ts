import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import type { Readable, Writable } from "node:stream";
import { parseArgs } from "node:util";
import { z } from "zod";
import { renderReport } from "../../adapters/terminal/render-report.ts";
import { PASTE_WINDOW_MS, type PasteTimers, TerminalBot } from "../../adapters/terminal/terminal-bot.ts";
import { terminalStyle } from "../../adapters/terminal/terminal-style.ts";
import { terminalVoiceSource } from "../../adapters/terminal/terminal-voice-source.ts";
import { StoryBank } from "../core/engine/story-bank.ts";
import type { Candidate } from "../core/model/conversation.ts";
import type { InboundEvent } from "../core/model/inbound-event.ts";
import { type InterviewOptions, InterviewOptionsSchema } from "../core/model/interview-options.ts";
import type { Report } from "../core/model/report.ts";
import type { Session } from "../core/model/session.ts";
import { createInterviewEngine } from "../engine-factory.ts";
import type { Runtime } from "../runtime.ts";
import type { FileSessionStore } from "../store/file-session-store.ts";
import { askStartOptions, TERMINAL_DEFAULT_STAGE } from "./ask-start-options.ts";
import { PRACTICE_USAGE } from "./practice-usage.ts";
import { progressStoreFor, TERMINAL_PROGRESS_SCOPE } from "./progress-store-for.ts";
import { readCandidateDocuments } from "./read-candidate-documents.ts";
import { reportPathProblem } from "./report-json-path.ts";
import { roundOneLogFor } from "./round-one-log-store.ts";
import {
  conversationOf,
  formatDate,
  formatInterviewList,
  idFromName,
  SavedInterviews,
} from "./saved-interviews.ts";
import { storyStoreFor } from "./story-store-for.ts";
import { terminalUserName } from "./terminal-member.ts";

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
  mode: { type: "string" },
  difficulty: { type: "string" },
  name: { type: "string" },
  session: { type: "string" },
  new: { type: "boolean" },
  list: { type: "boolean" },
  "session-file": { type: "string" },
  "report-json": { type: "string" },
  cv: { type: "string" },
  jd: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

type PracticeValues = ReturnType<typeof parsePracticeArgs>;

export interface PracticeIo {
  readonly input: Readable & { isTTY?: boolean };
  readonly output: Writable & { isTTY?: boolean };
  /** Timers for the paste window of an interactive terminal (tests pass their own). */
  readonly timers?: PasteTimers;
}

function parsePracticeArgs(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: PRACTICE_OPTIONS, allowPositionals: false }).values;
}

/** Runs one practice interview in the terminal; resolves with the process exit code. */
export async function practiceCommand(
  argv: readonly string[],
  runtime: Runtime,
  io: PracticeIo,
): Promise<number> {
  const values = parsePracticeArgs(argv);
  if (values.help) {
    io.output.write(`${PRACTICE_USAGE}\n`);
    return 0;
  }
  const reportJson = values["report-json"];
  const problem = reportJson === undefined ? null : await reportPathProblem(reportJson);
  if (problem) {
    io.output.write(
      `Can't write the report to ${reportJson}: ${problem}. Choose another --report-json path; nothing was started.\n`,
    );
    return 2;
  }
  const file = openInterviewFile(runtime, values, io.output);
  try {
    return await practice(values, runtime, file, io);
  } finally {
    await file?.close();
  }
}

/** The interview file when there is no Redis; its path is said once, so the candidate can find it. */
function openInterviewFile(
  runtime: Runtime,
  values: PracticeValues,
  output: Writable,
): FileSessionStore | null {
  if (runtime.storage.kind !== "file") {
    if (values["session-file"] && runtime.storage.kind === "redis")
      output.write("Redis is configured, so interviews are kept in Redis; --session-file is ignored.\n");
    return null;
  }
  const file = runtime.storage.open(values["session-file"]);
  output.write(`Interviews are saved in ${file.path}\n`);
  return file;
}

async function practice(
  values: PracticeValues,
  runtime: Runtime,
  file: FileSessionStore | null,
  io: PracticeIo,
): Promise<number> {
  const { storage } = runtime;
  // The file when there is one; else Redis, or an in-process store.
  const source = file
    ? ({ kind: "local", store: file } as const)
    : storage.kind === "redis"
      ? storage
      : storage.kind === "memory"
        ? ({ kind: "local", store: storage.store } as const)
        : null;
  if (!source) throw new Error("the interview file was not opened");
  const { store } = source;
  const interactive = Boolean(io.input.isTTY);
  const name = values.name ?? terminalUserName();
  const me: Candidate = { id: `terminal:${name}`, name };
  const saved = new SavedInterviews(source, me.id, {
    keyPrefix: runtime.config.keyPrefix,
    sessionTtlMs: runtime.config.sessionTtlMs,
  });

  if (values.list) {
    io.output.write(`${formatInterviewList(await saved.list())}\n`);
    return 0;
  }
  if (values.session !== undefined) {
    const named = await saved.load(values.session);
    if (named && values.new) {
      io.output.write(
        `There is already an interview called "${values.session}". Leave out --session to start a new one, or choose another name.\n`,
      );
      return 2;
    }
    // A finished interview is shown, never started over: its report stays as it was.
    if (named?.phase === "finished") return showFinished(named, values.session, reportJson(values), io);
  }

  // From here on this process changes the file: a second terminal on it is turned away.
  file?.lock();
  const chosen = await chooseInterview(saved, values, name);
  const id = chosen.id;
  const conversation = conversationOf(id);
  if (chosen.existing?.phase === "finished") return showFinished(chosen.existing, id, reportJson(values), io);
  // Whoever resumes an interview at this keyboard is its candidate, whatever --name says now.
  const candidate = chosen.existing?.candidate ?? me;
  const transport = new TerminalBot({
    input: io.input,
    output: io.output,
    conversation,
    candidate,
    color: Boolean(io.output.isTTY),
    pasteWindowMs: interactive ? PASTE_WINDOW_MS : 0,
    ...(io.timers ? { timers: io.timers } : {}),
    onEvent: (event) => handleLine(event),
  });
  const stories = new StoryBank(storyStoreFor(runtime), { now: () => Date.now() });
  const engine = createInterviewEngine({
    store,
    coach: runtime.coach,
    standInCoach: runtime.offlineCoach,
    sender: transport,
    logger: runtime.logger,
    backgroundTasks: runtime.backgroundTasks,
    // A finished interview joins the member's progress history (`secondround progress`) and its
    // stories the member's story bank (`secondround stories`).
    progress: progressStoreFor(runtime),
    stories,
    // `/audio FILE` answers aloud when a transcription provider is configured.
    ...(runtime.transcriber
      ? { voice: { transcriber: runtime.transcriber, source: terminalVoiceSource() } }
      : {}),
  });
  const settle = async () => {
    // Background evaluations may still be running when the last answer is in: wait for the report.
    // In practice mode the next line waits, as the candidate does, for the answer's feedback and
    // for a stronger version being written, so a line typed meanwhile is taken once they are shown.
    if (waitsForCoach(await engine.current(conversation))) await engine.idle();
  };
  const handleLine = async (event: InboundEvent) => {
    try {
      await engine.handle(event);
    } catch (error) {
      // The line was not saved (e.g. Redis is down). Say so and keep going: what was saved stays saved.
      runtime.logger.error("could not handle terminal input", { error: String(error) });
      io.output.write(`\n${NOT_SAVED}\n`);
      return;
    }
    await settle();
    if ((await engine.current(conversation))?.phase === "finished") await transport.stop();
  };

  // Listening from here on, so a Ctrl-C while the first question is coming is a pause too.
  const interrupts = new PauseOnInterrupt(transport, io.output, interactive);
  process.on("SIGINT", interrupts.onSignal);
  try {
    const keys = () => {
      if (interactive)
        io.output.write(
          "(Ctrl-C pauses the interview so you can carry on later; Ctrl-D ends it now, with feedback on what you've answered.)\n",
        );
    };
    if (chosen.existing) {
      io.output.write(`${resumingLine(chosen.existing, id, values)}\n`);
      keys();
      await engine.resume(conversation, true);
    } else {
      const options =
        // Asked only when the interview is not described by flags: a command line that names the
        // role and company is run as given (the round then defaults to the second).
        interactive && (!values.role || !values.company)
          ? await askStartOptions(io, values).catch((error: unknown) => {
              if (isCode(error, "ABORT_ERR")) return null;
              throw error;
            })
          : values;
      if (options === null) {
        // Ctrl-C while being asked for the role, company or round: nothing has been started.
        io.output.write("\nStopped before the interview started; nothing was saved.\n");
        return 130;
      }
      const parsed = InterviewOptionsSchema.safeParse({
        role: options.role ?? "Graduate Analyst",
        company: options.company ?? "Northwind Trading",
        stage: options.stage ?? TERMINAL_DEFAULT_STAGE,
        questionCount: values.questions === undefined ? undefined : Number(values.questions),
        persona: values.persona,
        focus: values.focus ? values.focus.split(",").map((item) => item.trim()) : undefined,
        probeLimit: values.probes === undefined ? undefined : Number(values.probes),
        mode: options.mode,
        difficulty: values.difficulty,
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
      const roundOne = await roundOneLogFor(runtime, candidate.id, parsed.data, io.output);
      const storyGaps = await stories.gaps(TERMINAL_PROGRESS_SCOPE, candidate.id);
      io.output.write(`New interview, saved as "${id}".\n`);
      keys();
      await engine.handle({
        ...(documents ? { documents } : {}),
        type: "start",
        eventId: `start:${randomUUID()}`,
        conversation,
        author: candidate,
        receivedAt: Date.now(),
        options: parsed.data,
        ...(roundOne ? { roundOne } : {}),
        ...(storyGaps.length > 0 ? { storyGaps } : {}),
      });
      await saved.record(id, Date.now());
    }
    await transport.start();

    const current = await engine.current(conversation);
    if (interrupts.paused && !current) {
      io.output.write("\nStopped before the interview started; nothing was saved.\n");
      return 130;
    }
    if (interrupts.paused) {
      if (current?.phase === "interviewing" && current.pausedAt === null) {
        // Stops the answer clock, so the time away does not count; the terminal says it its own way.
        transport.mute();
        await engine.handle(action("pause", conversation, candidate));
      }
      await engine.idle();
      io.output.write(
        `\nPaused. Your interview is saved as "${id}". To carry on, run the same command again, or: ${resumeCommand(id)}\n`,
      );
      return 0;
    }
    if (interactive && transport.inputEnded && current && current.phase !== "finished") {
      // Ctrl-D: the candidate is done. The draft in progress counts as its answer, and the
      // report covers what was answered.
      await engine.handle(action("end", conversation, candidate));
      await settle();
    }
    await engine.idle();

    const finished = await engine.current(conversation);
    const jsonPath = reportJson(values);
    if (finished?.phase === "finished" && finished.report) {
      if (jsonPath) await writeReport(finished.report, jsonPath, io.output);
      io.output.write(`\nThis interview is saved as "${id}": ${resumeCommand(id)} shows its report again.\n`);
    } else {
      const kept =
        storage.kind === "redis" || file
          ? `It is saved as "${id}": run the same command again${values.new ? " without --new" : ""}, or ${resumeCommand(id)}, to carry on.`
          : "It is kept only while this process runs.";
      io.output.write(`\nInput ended before the interview finished. ${kept}\n`);
    }
    return 0;
  } finally {
    process.off("SIGINT", interrupts.onSignal);
  }
}

interface ChosenInterview {
  readonly id: string;
  readonly existing: Session | null;
}

/** `--session ID` names it; otherwise the latest unfinished interview, unless `--new`; else a fresh id. */
async function chooseInterview(
  saved: SavedInterviews,
  values: PracticeValues,
  name: string,
): Promise<ChosenInterview> {
  if (values.session !== undefined) return { id: values.session, existing: await saved.load(values.session) };
  if (!values.new) {
    const latest = await saved.latestUnfinished();
    if (latest?.session) return { id: latest.id, existing: latest.session };
  }
  return { id: await saved.freshId(idFromName(name)), existing: null };
}

/** "Resuming your interview for X at Y; --role Z ignored. Use --new to start another." */
export function resumingLine(session: Session, id: string, values: PracticeValues): string {
  const { options } = session;
  const ignored = conflictingFlags(options, values);
  if (values.name !== undefined && values.name !== session.candidate.name)
    ignored.push(`--name ${JSON.stringify(values.name)}`);
  const head = `Resuming your interview for ${options.role} at ${options.company} (saved as "${id}", started ${formatDate(session.createdAt)}).`;
  if (ignored.length === 0) return head;
  return `${head} Ignored, because this interview was set up differently: ${ignored.join(", ")}. Use --new to start another interview with them.`;
}

/** The flags given now that would make a different interview from the stored one. */
function conflictingFlags(options: InterviewOptions, values: PracticeValues): string[] {
  const flags: string[] = [];
  const differs = (given: string | undefined, stored: string) =>
    given !== undefined && given.trim().toLowerCase() !== stored.trim().toLowerCase();
  if (differs(values.role, options.role)) flags.push(`--role ${JSON.stringify(values.role)}`);
  if (differs(values.company, options.company)) flags.push(`--company ${JSON.stringify(values.company)}`);
  if (differs(values.stage, options.stage)) flags.push(`--stage ${values.stage}`);
  if (values.questions !== undefined && Number(values.questions) !== options.questionCount)
    flags.push(`--questions ${values.questions}`);
  if (differs(values.persona, options.persona)) flags.push(`--persona ${values.persona}`);
  if (values.probes !== undefined && Number(values.probes) !== options.probeLimit)
    flags.push(`--probes ${values.probes}`);
  if (differs(values.mode, options.mode)) flags.push(`--mode ${values.mode}`);
  if (differs(values.difficulty, options.difficulty)) flags.push(`--difficulty ${values.difficulty}`);
  if (values.focus !== undefined) {
    const given = values.focus.split(",").map((item) => item.trim().toLowerCase());
    if ([...given].sort().join(",") !== [...options.focus].sort().join(","))
      flags.push(`--focus ${values.focus}`);
  }
  if (values.cv !== undefined) flags.push("--cv");
  if (values.jd !== undefined) flags.push("--jd");
  return flags;
}

/** A finished interview: its stored report again (and as JSON when asked), nothing changed. */
async function showFinished(
  session: Session,
  id: string,
  jsonPath: string | undefined,
  io: PracticeIo,
): Promise<number> {
  io.output.write(
    `The interview "${id}" (${session.options.role} at ${session.options.company}, started ${formatDate(session.createdAt)}) has finished. Its report:\n\n`,
  );
  if (session.report)
    io.output.write(`${renderReport(session.report, terminalStyle(Boolean(io.output.isTTY)))}\n`);
  if (session.report && jsonPath) await writeReport(session.report, jsonPath, io.output);
  io.output.write("\nTo practise again, run the command without --session, or with --new.\n");
  return 0;
}

async function writeReport(report: Report, path: string, output: Writable): Promise<void> {
  try {
    await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
    output.write(`\nReport written to ${path}\n`);
  } catch (error) {
    // Checked at the start, but the disk can change; the report itself is safe in the store.
    output.write(
      `\nCould not write the report to ${path} (${error instanceof Error ? error.message : String(error)}). It is saved with the interview; run the command again with --session and another --report-json path.\n`,
    );
  }
}

function reportJson(values: PracticeValues): string | undefined {
  return values["report-json"];
}

function resumeCommand(id: string): string {
  return `secondround practice --session ${/^[\w.-]+$/.test(id) ? id : JSON.stringify(id)}`;
}

function action(kind: "pause" | "end", conversation: ReturnType<typeof conversationOf>, author: Candidate) {
  return {
    type: "action" as const,
    action: kind,
    eventId: `${kind}:${randomUUID()}`,
    conversation,
    author,
    receivedAt: Date.now(),
  };
}

/**
 * Ctrl-C during the interview. In a terminal it asks first (a stray Ctrl-C should not end a
 * practice); a second Ctrl-C while asking, or any Ctrl-C when stdin is not a terminal (nobody to
 * ask), pauses at once. Pausing stops reading input; the command then saves and says how to resume.
 */
class PauseOnInterrupt {
  readonly #transport: TerminalBot;
  readonly #output: Writable;
  readonly #interactive: boolean;
  #state: "running" | "asking" | "pausing" = "running";

  constructor(transport: TerminalBot, output: Writable, interactive: boolean) {
    this.#transport = transport;
    this.#output = output;
    this.#interactive = interactive;
  }

  get paused(): boolean {
    return this.#state === "pausing";
  }

  readonly onSignal = (): void => {
    if (this.#state === "pausing") {
      // A third Ctrl-C while saving: stop now. Every acknowledged line is already saved.
      this.#output.write("\nStopped.\n");
      process.exit(130);
    }
    if (this.#state === "asking" || !this.#interactive) return this.#pause();
    this.#state = "asking";
    void this.#confirm();
  };

  async #confirm(): Promise<void> {
    let question = "\n\nPause this interview? Everything you have typed is saved. (y/n) ";
    for (;;) {
      const answer = await this.#transport.ask(question);
      if (this.#state !== "asking") return;
      const reply = answer?.trim().toLowerCase();
      if (reply === undefined || reply === "y" || reply === "yes") return this.#pause();
      if (reply === "" || reply === "n" || reply === "no") {
        this.#state = "running";
        this.#output.write("Carrying on. Type your answer; an empty line submits it.\n");
        return;
      }
      question = "Please type y to pause, or n to carry on: ";
    }
  }

  #pause(): void {
    this.#state = "pausing";
    void this.#transport.stop();
  }
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}

/** Whether the candidate is waiting for background coach work before their next line makes sense. */
function waitsForCoach(session: Session | null): boolean {
  if (!session) return false;
  if (session.phase === "reporting") return true;
  const turn = session.turn;
  // A recording named with /audio: its transcript is shown before the next line is taken.
  if (session.phase === "interviewing" && (turn?.transcribing?.length ?? 0) > 0) return true;
  if (session.phase !== "interviewing" || !turn?.review) return false;
  const answer = session.answers.find((candidate) => candidate.questionId === turn.questionId);
  return turn.review === "evaluating" || answer?.strongerVersion?.status === "writing";
}
