import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createOfflineCoach } from "../../coach/offline-coach.ts";
import { DEFAULT_QUESTION_BANK_DIRECTORY, loadQuestionBank } from "../../coach/question-bank.ts";
import type { ConversationKey } from "../../core/model/conversation.ts";
import type { InboundEvent } from "../../core/model/inbound-event.ts";
import type { Answer, Session } from "../../core/model/session.ts";
import { createInterviewEngine } from "../../engine-factory.ts";
import { MemorySessionStore } from "../memory-session-store.ts";

/**
 * Writes a new version of a compression dictionary (see field-codec.ts). Run it only to make a
 * NEW version and add that version to the codec: stored interviews name the dictionary they were
 * written with, so an existing version's file must never change.
 *
 *   node src/store/dictionaries/make-dictionaries.ts answer v4
 *   node src/store/dictionaries/make-dictionaries.ts core v3
 *   node src/store/dictionaries/make-dictionaries.ts cold v2
 *
 * `answer`: evaluated answers as the offline coach writes them, from interviews answered with the
 * tuning half of the calibration corpus (answers written by interviewers), never its held-out
 * half nor the benchmarks' answers, so neither the calibration nor the bench figures are
 * flattered. `core`: the same interviews' `core` after every event. Both are trained by the zstd
 * command-line tool (`zstd --train`, the Debian or Homebrew package `zstd`), 32 KB and 4 KB: a
 * larger core dictionary costs more per write than it saves. `cold`: every bank question, then a
 * report, as raw content (zstd reads a whole dictionary; the most alike goes last).
 */
const [kind, version] = process.argv.slice(2);
if (!["answer", "core", "cold"].includes(kind ?? "") || !version || !/^v\d+$/.test(version))
  throw new Error("usage: make-dictionaries.ts answer|core|cold v<N>");

const ANSWER_DICTIONARY_BYTES = 32_768;
const CORE_DICTIONARY_BYTES = 4_096;
const QUESTIONS_PER_INTERVIEW = 10;
const corpusDirectory = path.join(import.meta.dirname, "../../../test/calibration/corpus");
const TUNING_FILES = ["tuning-a.jsonl", "tuning-b.jsonl"];

const coach = createOfflineCoach();
const engine = createInterviewEngine({
  store: new MemorySessionStore(),
  coach,
  standInCoach: coach,
  sender: { send: async () => {} },
  logger: { debug() {}, info() {}, warn() {}, error() {} },
});
let events = 0;
const event = (conversation: ConversationKey, body: Record<string, unknown>) =>
  ({
    eventId: `e${++events}`,
    conversation,
    author: { id: "c", name: "Alex" },
    receivedAt: Date.now(),
    ...body,
  }) as InboundEvent;

/**
 * One interview answered with `texts` in turn, until it finishes or they run out; `seen` gets the
 * session after every event.
 */
async function interview(
  conversation: ConversationKey,
  texts: string[],
  questionCount = QUESTIONS_PER_INTERVIEW,
  seen: (session: Session) => void = () => {},
): Promise<Session> {
  const handle = async (body: Record<string, unknown>) => {
    await engine.handle(event(conversation, body));
    const session = await engine.current(conversation);
    if (session) seen(session);
    return session;
  };
  let session = await handle({
    type: "start",
    options: { role: "Operations Analyst", company: "Northwind", questionCount },
  });
  while (session?.phase === "interviewing" && texts.length > 0) {
    await handle({ type: "message", text: texts.shift() });
    session = await handle({ type: "action", action: "submit" });
  }
  return session as Session;
}

/** Interviews answered with the tuning corpus, one after the other, until its answers run out. */
async function tuningInterviews(seen?: (session: Session) => void): Promise<Session[]> {
  const texts = TUNING_FILES.flatMap((file) =>
    readFileSync(path.join(corpusDirectory, file), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => (JSON.parse(line) as { answer: string }).answer),
  );
  const sessions: Session[] = [];
  for (let index = 0; texts.length > 0; index += 1)
    sessions.push(await interview(`terminal:dictionary-${index}`, texts, QUESTIONS_PER_INTERVIEW, seen));
  return sessions;
}

async function evaluatedAnswers(): Promise<Answer[]> {
  const sessions = await tuningInterviews();
  return sessions.flatMap((session) => session.answers.filter((answer) => answer.evaluation !== null));
}

/** `core` as the store writes it, after every event of the tuning interviews. */
async function cores(): Promise<unknown[]> {
  const seen: unknown[] = [];
  await tuningInterviews(({ answers, questions, report, documents, ...core }) => seen.push(core));
  return seen;
}

const REPORT_ANSWERS = [
  "When I volunteered at the food bank, donations were logged on paper and stock ran out without warning. I was asked to fix it before the winter appeal. I set up a shared sheet, trained six volunteers and checked the counts every Friday. Shortages fell from weekly to once in three months, and the manager now uses the sheet for the whole site.",
  "In a group project our designer missed two deadlines and the others wanted to cut her out. I led the team, so it was my job to keep us on track. I asked her what was blocking her, split her work into smaller parts and moved our review to mornings. We handed in on time and scored 72 per cent.",
  "I once promised a client a report by Monday and realised on Friday that the data was wrong. I told my manager straight away, called the client to agree a new date and worked with IT to correct the source. The report went out on Wednesday, the client renewed, and I now check data a week before any deadline.",
];

const here = import.meta.dirname;

/** A dictionary zstd trains on `samples`, written as `file`. */
function trainZstd(samples: readonly unknown[], maxBytes: number, file: string): void {
  const directory = mkdtempSync(path.join(tmpdir(), "secondround-samples-"));
  try {
    const files = samples.map((sample, index) => {
      const name = path.join(directory, `${index}.json`);
      writeFileSync(name, JSON.stringify(sample));
      return name;
    });
    execFileSync("zstd", ["--train", ...files, `--maxdict=${maxBytes}`, "-q", "-f", "-o", file]);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (kind === "answer") {
  trainZstd(await evaluatedAnswers(), ANSWER_DICTIONARY_BYTES, path.join(here, `answer-${version}.zdict`));
} else if (kind === "core") {
  trainZstd(await cores(), CORE_DICTIONARY_BYTES, path.join(here, `core-${version}.zdict`));
} else {
  // Answers are cycled until the interview finishes (probes and the closing question included).
  const texts = Array.from({ length: 12 }, () => REPORT_ANSWERS).flat();
  const report = (await interview("terminal:dictionary-report", texts, 3)).report;
  if (!report) throw new Error("the made-up interview did not finish");
  const bank = loadQuestionBank(DEFAULT_QUESTION_BANK_DIRECTORY);
  const questions = bank.entries.map(({ id, text, kind, competency, hint, topicWords }) =>
    JSON.stringify({ id, text, kind, competency, hint, topicWords }),
  );
  writeFileSync(path.join(here, `cold-${version}.txt`), `${questions.join("")}${JSON.stringify(report)}`);
}
console.log(`wrote ${kind}-${version}${kind === "cold" ? ".txt" : ".zdict"}`);
