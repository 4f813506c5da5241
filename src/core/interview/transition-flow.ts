import { countWords } from "../model/sanitize-text.ts";
import type { Answer, AnswerPart, DraftMessage, Turn } from "../model/session.ts";
import { buildReport } from "./build-report.ts";
import { answerRecordedText, NOTICES } from "./copy.ts";
import { isRetry, reviewsAnswer, startReview } from "./practice-hold.ts";
import { probeLimitOf } from "./probe-limit.ts";
import { enqueueMessage } from "./session-outbox.ts";
import {
  answersAwaitingEvaluation,
  askCurrentQuestion,
  CLOSING_QUESTION_ID,
  currentQuestion,
  isClosing,
  promptText,
} from "./session-turns.ts";
import { spokenTimingOfPart } from "./spoken-part.ts";
import { markChanged, requestCoach, type TransitionStep } from "./transition-step.ts";

/** Moves an interview forward once a prompt has been answered: probe, next question, or report. */

const PROBEABLE_KINDS = new Set(["behavioural", "revisit"]);

export function buildPart(
  turn: Turn,
  messages: readonly DraftMessage[],
  at: number,
  prompt: string,
): AnswerPart {
  const text = messages.map((message) => message.text).join("\n");
  // The candidate's time is up to their last message: waiting for the quiet period to pass, or
  // before pressing Submit, is not answering time.
  const lastMessageAt = messages.reduce((latest, message) => Math.max(latest, message.at), turn.askedAt);
  const answeredAt = messages.length > 0 ? Math.min(lastMessageAt, at) : at;
  const spoken = spokenTimingOfPart(messages);
  return {
    prompt: turn.prompt,
    promptText: prompt,
    text,
    messageIds: messages.map((message) => message.id),
    submittedAt: at,
    secondsToAnswer: Math.max(0, Math.round((answeredAt - turn.askedAt) / 1000)),
    words: countWords(text),
    ...(spoken ? { spoken } : {}),
  };
}

/** Completes the current prompt with the given draft messages (all of them, or a whole answer). */
export function completePrompt(step: TransitionStep, submitted: readonly DraftMessage[]): void {
  const { session, at } = step;
  const turn = session.turn;
  const question = currentQuestion(session);
  if (!turn || !question) return;
  const part = buildPart(turn, submitted, at, promptText(session, turn));
  const submittedIds = new Set(part.messageIds);
  const leftover = turn.draft.filter((message) => !submittedIds.has(message.id));
  markChanged(step);
  enqueueMessage(session, at, [
    { kind: "text", tone: "ack", text: answerRecordedText(question.kind, part.words, part.secondsToAnswer) },
  ]);

  if (isClosing(question)) {
    // Assessment is requested before the answer is recorded: recording it ends the interview,
    // and the report must wait for this assessment.
    requestCoach(step, "assess-candidate-questions");
    recordAnswer(step, { parts: [part], status: "answered" }, leftover);
    return;
  }
  const canProbe =
    turn.prompt === "question" &&
    PROBEABLE_KINDS.has(question.kind) &&
    session.probesUsed < probeLimitOf(session.options) &&
    // A practice retry is not probed: the feedback before it already said what was missing.
    !isRetry(step, question.id);
  if (canProbe) {
    session.turn = { ...turn, mainPart: part, draft: leftover, awaitingCoach: true };
    requestCoach(step, "decide-follow-up", question.id);
    return;
  }
  const parts = turn.mainPart ? [turn.mainPart, part] : [part];
  recordAnswer(step, { parts, status: "answered" }, leftover);
}

/** Stores the answer, asks for its evaluation and moves to the next question. */
export function recordAnswer(
  step: TransitionStep,
  answer: Pick<Answer, "parts" | "status">,
  leftover: readonly DraftMessage[],
  moveOn = true,
): void {
  const { session } = step;
  const turn = session.turn;
  if (!turn) return;
  const recorded = { questionId: turn.questionId, ...answer, hintUsed: turn.hintUsed, evaluation: null };
  if (!recordRetry(step, recorded)) session.answers.push(recorded);
  const question = currentQuestion(session);
  if (answer.status === "answered" && question && !isClosing(question)) {
    requestCoach(step, "evaluate-answer", turn.questionId);
  }
  markChanged(step);
  if (moveOn && reviewsAnswer(step, answer)) return startReview(step, leftover);
  if (moveOn) advance(step, leftover);
}

/**
 * A second (or later) attempt at a question (practice mode's "Try again") replaces the answer and
 * keeps the attempts before it, so the report can show both. A skipped retry keeps the last attempt.
 */
function recordRetry(step: TransitionStep, recorded: Answer): boolean {
  const index = step.session.answers.findIndex((answer) => answer.questionId === recorded.questionId);
  const previous = step.session.answers[index];
  if (!previous) return false;
  if (recorded.status === "skipped") return true;
  const { parts, hintUsed, evaluation } = previous;
  step.session.answers[index] = {
    ...recorded,
    earlierAttempts: [...(previous.earlierAttempts ?? []), { parts, hintUsed, evaluation }],
  };
  return true;
}

export function advance(step: TransitionStep, leftover: readonly DraftMessage[]): void {
  const { session, at } = step;
  if (session.phase !== "interviewing") return;
  session.currentIndex += 1;
  if (session.currentIndex < session.questions.length) {
    askCurrentQuestion(session, at, [...leftover]);
  } else {
    finishInterview(step, false);
  }
}

/** Closes the interview and asks for the report once every answer has been assessed. */
export function finishInterview(step: TransitionStep, endedEarly: boolean): void {
  const { session, at } = step;
  if (session.phase !== "interviewing" && session.phase !== "planning") return;
  const hadQuestions = session.questions.length > 0;
  session.turn = null;
  session.endedEarly = endedEarly;
  session.pausedAt = null;
  session.phase = hadQuestions ? "reporting" : "finished";
  markChanged(step);
  if (hadQuestions) {
    enqueueMessage(session, at, [
      { kind: "text", tone: "notice", text: endedEarly ? NOTICES.endingEarly : NOTICES.finishedThanks },
    ]);
  }
  requestSummaryWhenReady(step);
}

/**
 * The summary needs every evaluation (not the assessment of the candidate's own questions, which
 * runs alongside it, so the report waits for one model call rather than two in a row). It is
 * requested exactly once.
 */
export function requestSummaryWhenReady(step: TransitionStep): void {
  const { session } = step;
  if (session.phase !== "reporting" || session.summaryRequested) return;
  if (answersAwaitingEvaluation(session).length > 0) return;
  session.summaryRequested = true;
  markChanged(step);
  requestCoach(step, "summarise");
}

/** The report is built once the summary and (if they asked any) the assessment of their questions are in. */
export function completeReportWhenReady(step: TransitionStep): void {
  const { session, at } = step;
  if (session.phase !== "reporting" || session.report !== null || session.summary === null) return;
  const closingAnswered = session.answers.some(
    (answer) => answer.questionId === CLOSING_QUESTION_ID && answer.status === "answered",
  );
  if (closingAnswered && session.candidateQuestions === null) return;
  session.report = buildReport(session, at);
  session.phase = "finished";
  markChanged(step);
  enqueueMessage(session, at, [{ kind: "report", report: session.report }]);
}
