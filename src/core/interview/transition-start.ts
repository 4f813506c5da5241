import { countWords } from "../model/sanitize-text.ts";
import { SESSION_SCHEMA_VERSION, type Session } from "../model/session.ts";
import type { SessionEvent } from "../model/session-events.ts";
import { NO_TOKENS } from "../model/token-usage.ts";
import { introText, NOTICES, resumedText } from "./copy.ts";
import { pendingCoachTasks } from "./pending-coach-tasks.ts";
import { reviewPrompt } from "./practice-review.ts";
import { enqueueMessage } from "./session-outbox.ts";
import {
  askCurrentQuestion,
  closingQuestion,
  promptText,
  questionLabel,
  turnActions,
  turnIdOf,
} from "./session-turns.ts";
import { markChanged, requestCoach, type TransitionStep } from "./transition-step.ts";

type Input<T extends SessionEvent["type"]> = Extract<SessionEvent, { type: T }>;

export function coachLabel(coach: string): string {
  return coach === "llm" ? "AI coach" : "offline coach (built-in rubric, no AI)";
}

/** A new interview: greet the candidate and ask the coach for questions. */
export function createSession(event: Input<"interview-requested">): Session {
  return {
    schemaVersion: SESSION_SCHEMA_VERSION,
    id: event.sessionId,
    conversation: event.conversation,
    candidate: { id: event.candidate.id, name: event.candidate.name },
    options: event.options,
    coach: event.coach,
    phase: "planning",
    version: 0,
    createdAt: event.at,
    updatedAt: event.at,
    pausedAt: null,
    questions: [],
    currentIndex: 0,
    turn: null,
    probesUsed: 0,
    answers: [],
    candidateQuestions: null,
    summaryRequested: false,
    summary: null,
    report: null,
    endedEarly: false,
    documents:
      event.documents || event.roundOne || event.storyGaps?.length
        ? {
            cv: event.documents?.cv ?? null,
            jobDescription: event.documents?.jobDescription ?? null,
            ...(event.roundOne ? { roundOne: event.roundOne } : {}),
            ...(event.storyGaps?.length ? { storyGaps: [...event.storyGaps] } : {}),
          }
        : null,
    tokenUsage: { ...NO_TOKENS },
    outbox: [],
    nextOutboxSeq: 0,
  };
}

export function greet(step: TransitionStep): void {
  const { session, at } = step;
  enqueueMessage(session, at, [
    {
      kind: "text",
      tone: "intro",
      text: introText(session.options, session.candidate.name, coachLabel(session.coach)),
    },
  ]);
  markChanged(step);
  requestCoach(step, "plan-questions");
}

export function onQuestionsPlanned(step: TransitionStep, event: Input<"questions-planned">): void {
  const { session, at } = step;
  if (session.phase !== "planning" || event.questions.length === 0) return;
  session.questions = [...event.questions.slice(0, session.options.questionCount), closingQuestion(session)];
  session.phase = "interviewing";
  session.currentIndex = 0;
  markChanged(step);
  if (event.fallbackReason) {
    enqueueMessage(session, at, [{ kind: "text", tone: "notice", text: event.fallbackReason }]);
  }
  askCurrentQuestion(session, at);
}

/**
 * After a restart (or when the candidate comes back): show where things stand and ask again
 * for any coach work that was in flight, since its result may have been lost with the process.
 */
export function onResumed(step: TransitionStep, announce: boolean, progressLost = false): void {
  const { session, at } = step;
  const turn = session.turn;
  if (session.phase === "interviewing" && turn && (announce || progressLost)) {
    const draftWords = countWords(turn.draft.map((message) => message.text).join(" "));
    const label = questionLabel(session, session.currentIndex);
    // Practice mode, an answer under review: its feedback again rather than the answered question.
    const review = turn.review ? reviewPrompt(step) : null;
    enqueueMessage(
      session,
      at,
      [
        {
          kind: "text",
          tone: "notice",
          text: progressLost ? NOTICES.progressLost(label) : resumedText(label, draftWords),
        },
        ...(review
          ? review.replies
          : [
              {
                kind: "text" as const,
                tone: turn.prompt === "probe" ? ("probe" as const) : ("question" as const),
                text: promptText(session, turn),
              },
            ]),
      ],
      review ? review.actions : turnActions(turnIdOf(turn)),
    );
    markChanged(step);
  }
  for (const pending of pendingCoachTasks(session)) requestCoach(step, pending.task, pending.questionId);
}
