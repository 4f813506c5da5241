import { transition } from "../../src/core/interview/transition.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { InterviewOptionsSchema } from "../../src/core/model/interview-options.ts";
import type { Question } from "../../src/core/model/question.ts";
import type { Session } from "../../src/core/model/session.ts";

export const SAMPLE_QUESTIONS: Question[] = [
  {
    id: "conflict-1",
    text: "Tell me about a time you disagreed with a colleague.",
    kind: "behavioural",
    competency: "conflict",
    hint: "Situation, task, action, result.",
    topicWords: ["disagree", "colleague", "conflict"],
  },
  {
    id: "motivation-1",
    text: "Why do you want this role?",
    kind: "motivation",
    competency: null,
    hint: "Reasons tied to the role.",
    topicWords: ["role", "why"],
  },
];

/** A valid session in the interviewing phase, built through the real state machine. */
export function sampleSession(conversation: ConversationKey, id = "session-1"): Session {
  const created = transition(null, {
    type: "interview-requested",
    sessionId: id,
    conversation,
    candidate: { id: "user-1", name: "Ada" },
    options: InterviewOptionsSchema.parse({ role: "Data Analyst", company: "Acme" }),
    coach: "offline",
    at: 1_700_000_000_000,
  }).session;
  if (!created) throw new Error("sample session was not created");
  const planned = transition(created, {
    type: "questions-planned",
    questions: SAMPLE_QUESTIONS,
    at: 1_700_000_001_000,
  });
  if (!planned.session) throw new Error("sample session was not planned");
  return planned.session;
}

/** The same session one step on (a draft message added), as the next version. */
export function withDraft(session: Session, messageId: string, text: string): Session {
  const next = transition(session, {
    type: "message-received",
    messageId,
    text,
    at: session.updatedAt + 1000,
  }).session;
  if (!next) throw new Error("draft was not added");
  return { ...next, version: session.version + 1 };
}
