import { isStoryKind } from "../model/interview-vocabulary.ts";
import type { Reply, ReplyAction } from "../model/reply.ts";
import type { Answer } from "../model/session.ts";
import type { SessionEvent } from "../model/session-events.ts";
import { NOTICES } from "./copy.ts";
import { deliveryNote } from "./delivery-copy.ts";
import { deliveryOf } from "./delivery-measures.ts";
import type { CommandName } from "./parse-command.ts";
import { PRACTICE_NOTICES, practiceFeedbackText } from "./practice-copy.ts";
import { enqueueMessage } from "./session-outbox.ts";
import { askCurrentQuestion, currentQuestion, questionLabel, turnIdOf } from "./session-turns.ts";
import { strongerVersionText } from "./stronger-version.ts";
import { advance } from "./transition-flow.ts";
import { markChanged, notify, requestCoach, type TransitionStep } from "./transition-step.ts";

type StoryRewrittenEvent = Extract<SessionEvent, { type: "story-rewritten" }>;

/**
 * Practice mode: after each main answer is recorded the interview waits for its assessment, shows
 * short feedback, and lets the candidate try the question again, see a stronger version of their
 * answer, or move on. Realistic mode never enters this state.
 */

/** Attempts one practice interview keeps per question (the first and up to four retries). */
export const MAX_ATTEMPTS = 5;

/** The assessment of the answer under review arrived: post its feedback with the practice actions. */
export function showReviewFeedback(step: TransitionStep, answer: Answer): void {
  const { session, at } = step;
  const turn = session.turn;
  if (
    session.phase !== "interviewing" ||
    turn?.review !== "evaluating" ||
    turn.questionId !== answer.questionId
  )
    return;
  if (!answer.evaluation) return;
  session.turn = { ...turn, review: "feedback" };
  markChanged(step);
  enqueueMessage(session, at, [feedbackReply(step, answer)], reviewActions(step));
}

/**
 * What to show again when the candidate comes back to an answer under review: its feedback with
 * the practice actions, or nothing while the assessment is still being written (it is posted when
 * it arrives).
 */
export function reviewPrompt(step: TransitionStep): { replies: Reply[]; actions: ReplyAction[] } {
  const answer = answerUnderReview(step);
  if (step.session.turn?.review !== "feedback" || !answer?.evaluation) return { replies: [], actions: [] };
  // A stronger version asked for before the restart is asked for again, and posted when it arrives.
  const writing: Reply[] =
    answer.strongerVersion?.status === "writing"
      ? [{ kind: "text", tone: "notice", text: PRACTICE_NOTICES.strongerStillWriting }]
      : [];
  return { replies: [feedbackReply(step, answer), ...writing], actions: reviewActions(step) };
}

function feedbackReply(step: TransitionStep, answer: Answer): Reply {
  const question = currentQuestion(step.session);
  const story = question !== undefined && isStoryKind(question.kind);
  const previous = answer.earlierAttempts?.at(-1)?.evaluation;
  const feedback = answer.evaluation ? practiceFeedbackText(answer.evaluation, previous, story) : "";
  // A spoken answer's delivery, measured from its transcript's timing, with its one tip.
  const delivery = question ? deliveryOf(answer, question.kind) : undefined;
  const text = delivery ? `${feedback}\nDelivery: ${deliveryNote(delivery)}. ${delivery.tip}` : feedback;
  return { kind: "text", tone: "ack", text };
}

/** Try again, a stronger version (story questions only: it is a STAR scaffold), next, end. */
function reviewActions(step: TransitionStep): ReplyAction[] {
  const { session } = step;
  const turnId = session.turn ? turnIdOf(session.turn) : "";
  const question = currentQuestion(session);
  const story = question !== undefined && isStoryKind(question.kind);
  return [
    { id: "retry", label: "Try again", turnId },
    ...(story ? [{ id: "stronger" as const, label: "Show a stronger version", turnId }] : []),
    { id: "next", label: "Next question", turnId },
    { id: "end", label: "End", turnId },
  ];
}

/**
 * Commands while an answer is under review. Returns false for the ones that work as anywhere else
 * (end, pause, resume, help, status).
 */
export function runReviewCommand(step: TransitionStep, command: CommandName): boolean {
  const turn = step.session.turn;
  if (!turn?.review || step.session.phase !== "interviewing") return false;
  switch (command) {
    case "retry":
    case "stronger":
    case "next":
    case "submit":
    case "skip":
    case "repeat":
    case "hint":
      break;
    default:
      return false;
  }
  if (turn.review === "evaluating") {
    notify(step, NOTICES.waitForCoach);
    return true;
  }
  if (command === "retry") retry(step);
  else if (command === "stronger") stronger(step);
  else if (command === "hint") notify(step, PRACTICE_NOTICES.chooseFirst);
  else if (command === "repeat") repeatFeedback(step);
  else moveOn(step);
  return true;
}

function answerUnderReview(step: TransitionStep): Answer | undefined {
  const questionId = step.session.turn?.questionId;
  return step.session.answers.find((answer) => answer.questionId === questionId);
}

function retry(step: TransitionStep): void {
  const { session, at } = step;
  const answer = answerUnderReview(step);
  const turn = session.turn;
  if (!answer || !turn) return;
  const attempts = (answer.earlierAttempts?.length ?? 0) + 1;
  if (attempts >= MAX_ATTEMPTS) return notify(step, PRACTICE_NOTICES.noMoreRetries(attempts));
  enqueueMessage(session, at, [
    {
      kind: "text",
      tone: "notice",
      text: PRACTICE_NOTICES.retrying(questionLabel(session, session.currentIndex)),
    },
  ]);
  askCurrentQuestion(session, at, [...turn.draft]);
  markChanged(step);
}

/**
 * "Show a stronger version". With the offline coach, the STAR scaffold of the candidate's own
 * sentences, at once. With the AI coach, its rewrite of this attempt, asked for once: while it is
 * being written a repeated click only says so, and once written it is shown again from the session.
 */
function stronger(step: TransitionStep): void {
  const { session } = step;
  const answer = answerUnderReview(step);
  const question = currentQuestion(session);
  if (!answer || !question || !session.turn) return;
  if (!isStoryKind(question.kind)) return notify(step, PRACTICE_NOTICES.strongerOnlyForStories);
  if (!answer.evaluation?.scorable) return notify(step, PRACTICE_NOTICES.strongerUnavailable);
  if (session.coach !== "llm") return showStronger(step, answer);
  const version = answer.strongerVersion;
  if (version?.status === "writing") return notify(step, PRACTICE_NOTICES.strongerStillWriting);
  if (version?.status === "written") return showStronger(step, answer);
  answer.strongerVersion = { status: "writing", story: null, fallbackReason: null };
  markChanged(step);
  notify(step, PRACTICE_NOTICES.strongerWriting);
  requestCoach(step, "rewrite-story", answer.questionId);
}

/** Posts the stronger version (with the practice actions again), or says why there is none. */
function showStronger(step: TransitionStep, answer: Answer): void {
  const text = strongerVersionText(answer);
  if (text === null) return notify(step, PRACTICE_NOTICES.strongerUnavailable);
  step.effects.push({
    type: "notify",
    message: {
      idempotencyKey: `${step.session.id}:stronger:${step.eventKey}`,
      conversation: step.session.conversation,
      visibility: { kind: "conversation" },
      replies: [{ kind: "text", tone: "hint", text }],
      actions: reviewActions(step),
    },
  });
}

/**
 * The AI coach's stronger version of one attempt arrived (checked by the engine: the candidate's
 * facts only). It is kept with the answer; while the candidate is still on the question's
 * feedback it is posted with the practice actions. A result for an earlier attempt, or a repeated
 * one, changes nothing.
 */
export function onStoryRewritten(step: TransitionStep, event: StoryRewrittenEvent): void {
  // Once the interview has ended nobody is waiting for it (and it is no longer asked for).
  if (step.session.phase !== "interviewing") return;
  const answer = step.session.answers.find((candidate) => candidate.questionId === event.questionId);
  if (answer?.strongerVersion?.status !== "writing") return;
  if ((answer.earlierAttempts?.length ?? 0) + 1 !== event.attempt) return;
  const { story, fallbackReason } = event.rewrite;
  answer.strongerVersion = {
    status: "written",
    story: story ? { ...story } : null,
    fallbackReason: fallbackReason ?? null,
  };
  markChanged(step);
  const turn = step.session.turn;
  if (turn?.review !== "feedback" || turn.questionId !== answer.questionId) return;
  const text = strongerVersionText(answer);
  if (text === null) return;
  enqueueMessage(step.session, step.at, [{ kind: "text", tone: "hint", text }], reviewActions(step));
}

function repeatFeedback(step: TransitionStep): void {
  const answer = answerUnderReview(step);
  const turn = step.session.turn;
  if (!answer?.evaluation || !turn) return;
  step.effects.push({
    type: "notify",
    message: {
      idempotencyKey: `${step.session.id}:repeat:${step.eventKey}`,
      conversation: step.session.conversation,
      visibility: { kind: "conversation" },
      replies: [feedbackReply(step, answer)],
      actions: reviewActions(step),
    },
  });
}

/** Leaves the review for the next question (or the end), as realistic mode would have at once. */
function moveOn(step: TransitionStep): void {
  const turn = step.session.turn;
  if (!turn) return;
  markChanged(step);
  advance(step, [...turn.draft]);
}
