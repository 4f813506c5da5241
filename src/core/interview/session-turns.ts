import type { Question } from "../model/question.ts";
import type { ReplyAction } from "../model/reply.ts";
import type { Answer, Session, Turn } from "../model/session.ts";
import { CLOSING_HINT, closingQuestionText, questionHeading } from "./copy.ts";
import { enqueueMessage } from "./session-outbox.ts";

/** Identifies one prompt: a question, or its probe. Buttons carry it so stale presses are harmless. */
export function turnIdOf(turn: Pick<Turn, "questionId" | "prompt" | "review">): string {
  // Practice feedback is a prompt of its own: a Submit meant for the question cannot act on it.
  if (turn.review) return `${turn.questionId}:review`;
  return turn.prompt === "probe" ? `${turn.questionId}:probe` : turn.questionId;
}

export function currentQuestion(session: Session): Question | undefined {
  return session.questions[session.currentIndex];
}

export function isClosing(question: Question): boolean {
  return question.kind === "closing";
}

export function turnActions(turnId: string): ReplyAction[] {
  return [
    { id: "submit", label: "Submit answer", turnId },
    { id: "skip", label: "Skip", turnId },
    { id: "repeat", label: "Repeat", turnId },
    { id: "hint", label: "Hint", turnId },
    { id: "end", label: "End", turnId },
  ];
}

/** Main questions exclude the closing one. */
export function mainQuestionCount(session: Session): number {
  return session.questions.filter((question) => !isClosing(question)).length;
}

export function questionLabel(session: Session, index: number): string {
  const question = session.questions[index];
  if (!question || isClosing(question)) return "your questions for us";
  return questionHeading(index, mainQuestionCount(session)).toLowerCase();
}

/** Renders the prompt the candidate must answer now (question or probe). */
export function promptText(session: Session, turn: Turn): string {
  const question = session.questions[session.currentIndex];
  if (!question) return "";
  if (turn.prompt === "probe" && turn.probeText) return turn.probeText;
  if (isClosing(question)) return question.text;
  return `${questionHeading(session.currentIndex, mainQuestionCount(session))}\n${question.text}`;
}

/** Starts the turn for the question at `currentIndex` and queues it. */
export function askCurrentQuestion(session: Session, at: number, carriedDraft: Turn["draft"] = []): void {
  const question = currentQuestion(session);
  if (!question) return;
  session.turn = {
    questionId: question.id,
    prompt: "question",
    probeText: null,
    askedAt: at,
    draft: carriedDraft,
    mainPart: null,
    hintUsed: false,
    awaitingCoach: false,
  };
  enqueueMessage(
    session,
    at,
    [{ kind: "text", tone: "question", text: promptText(session, session.turn) }],
    turnActions(question.id),
  );
}

/** Id of the closing "any questions for us?" question, the last of every interview. */
export const CLOSING_QUESTION_ID = "closing";

/** Answered main questions whose evaluation has not arrived yet (the closing one is assessed apart). */
export function answersAwaitingEvaluation(session: Session): Answer[] {
  return session.answers.filter(
    (answer) =>
      answer.status === "answered" && answer.questionId !== CLOSING_QUESTION_ID && answer.evaluation === null,
  );
}

export function closingQuestion(session: Session): Question {
  return {
    id: CLOSING_QUESTION_ID,
    text: closingQuestionText(session.options),
    kind: "closing",
    competency: null,
    hint: CLOSING_HINT,
    topicWords: [],
  };
}
