import { writeFileSync } from "node:fs";
import path from "node:path";
import { createOfflineCoach } from "../../coach/offline-coach.ts";
import { DEFAULT_QUESTION_BANK_DIRECTORY, loadQuestionBank } from "../../coach/question-bank.ts";
import type { ConversationKey } from "../../core/model/conversation.ts";
import type { InboundEvent } from "../../core/model/inbound-event.ts";
import { createInterviewEngine } from "../../engine-factory.ts";
import { MemorySessionStore } from "../memory-session-store.ts";

/**
 * Writes a new version of the compression dictionaries (see field-codec.ts): an interview with
 * made-up answers through the offline coach gives the shape of an evaluated answer and of a
 * report; the shipped question bank gives the questions. Run it only to make a NEW version
 * (`node src/store/dictionaries/make-dictionaries.ts v2`) and add that version to the codec:
 * stored interviews name the dictionary they were written with, so an existing version's file
 * must never change.
 */
const version = process.argv[2];
if (!version || !/^v\d+$/.test(version)) throw new Error("usage: make-dictionaries.ts v<N>");

const ANSWERS = [
  "When I volunteered at the food bank, donations were logged on paper and stock ran out without warning. I was asked to fix it before the winter appeal. I set up a shared sheet, trained six volunteers and checked the counts every Friday. Shortages fell from weekly to once in three months, and the manager now uses the sheet for the whole site.",
  "In a group project our designer missed two deadlines and the others wanted to cut her out. I led the team, so it was my job to keep us on track. I asked her what was blocking her, split her work into smaller parts and moved our review to mornings. We handed in on time and scored 72 per cent.",
  "I once promised a client a report by Monday and realised on Friday that the data was wrong. I told my manager straight away, called the client to agree a new date and worked with IT to correct the source. The report went out on Wednesday, the client renewed, and I now check data a week before any deadline.",
];

const coach = createOfflineCoach();
const engine = createInterviewEngine({
  store: new MemorySessionStore(),
  coach,
  standInCoach: coach,
  sender: { send: async () => {} },
  logger: { debug() {}, info() {}, warn() {}, error() {} },
});
const conversation: ConversationKey = "terminal:dictionary";
let events = 0;
const event = (body: Record<string, unknown>) =>
  ({
    eventId: `e${++events}`,
    conversation,
    author: { id: "c", name: "Alex" },
    receivedAt: Date.now(),
    ...body,
  }) as InboundEvent;
await engine.handle(
  event({ type: "start", options: { role: "Operations Analyst", company: "Northwind", questionCount: 3 } }),
);
for (let turn = 0; (await engine.current(conversation))?.phase === "interviewing" && turn < 12; turn += 1) {
  await engine.handle(event({ type: "message", text: ANSWERS[turn % ANSWERS.length] }));
  await engine.handle(event({ type: "action", action: "submit" }));
}
const session = await engine.current(conversation);
const answer = session?.answers.find((entry) => entry.evaluation !== null);
if (!session?.report || !answer) throw new Error("the made-up interview did not finish");

const bank = loadQuestionBank(DEFAULT_QUESTION_BANK_DIRECTORY);
const questions = bank.entries.map(({ id, text, kind, competency, hint, topicWords }) =>
  JSON.stringify({ id, text, kind, competency, hint, topicWords }),
);
const here = import.meta.dirname;
// Deflate keeps the last 32 KB of a dictionary; the answer's shape is all that field needs.
writeFileSync(path.join(here, `answer-${version}.txt`), JSON.stringify(answer));
// zstd reads a whole dictionary: every bank question, then a report (the most alike goes last).
writeFileSync(
  path.join(here, `cold-${version}.txt`),
  `${questions.join("")}${JSON.stringify(session.report)}`,
);
console.log(`wrote answer-${version}.txt and cold-${version}.txt`);
