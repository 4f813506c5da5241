import type { Evaluation } from "../model/evaluation.ts";
import type { SessionEvent } from "../model/session-events.ts";
import { NOTICES } from "./copy.ts";
import { PRACTICE_NOTICES } from "./practice-copy.ts";
import { onStoryRewritten, showReviewFeedback } from "./practice-review.ts";
import { probeLimitOf } from "./probe-limit.ts";
import { enqueueMessage } from "./session-outbox.ts";
import { turnActions } from "./session-turns.ts";
import {
  completeReportWhenReady,
  finishInterview,
  recordAnswer,
  requestSummaryWhenReady,
} from "./transition-flow.ts";
import { markChanged, type TransitionStep } from "./transition-step.ts";

type Input<T extends SessionEvent["type"]> = Extract<SessionEvent, { type: T }>;

/** Results of coach work. Each is applied once; a late or repeated result changes nothing. */

export function onFollowUpDecided(step: TransitionStep, event: Input<"follow-up-decided">): void {
  const { session, at } = step;
  const turn = session.turn;
  if (!turn?.awaitingCoach || turn.questionId !== event.questionId || !turn.mainPart) return;
  const decision = event.decision;
  if (decision.probe && session.probesUsed < probeLimitOf(session.options)) {
    session.probesUsed += 1;
    session.turn = { ...turn, prompt: "probe", probeText: decision.text, askedAt: at, awaitingCoach: false };
    markChanged(step);
    enqueueMessage(
      session,
      at,
      [{ kind: "text", tone: "probe", text: decision.text }],
      turnActions(`${turn.questionId}:probe`),
    );
    return;
  }
  recordAnswer(step, { parts: [turn.mainPart], status: "answered" }, turn.draft);
}

export function onAnswerEvaluated(step: TransitionStep, event: Input<"answer-evaluated">): void {
  setEvaluation(step, event.questionId, event.evaluation);
}

function setEvaluation(step: TransitionStep, questionId: string, evaluation: Evaluation): void {
  const answer = step.session.answers.find((candidate) => candidate.questionId === questionId);
  if (!answer || answer.evaluation !== null || answer.status !== "answered") return;
  answer.evaluation = evaluation;
  markChanged(step);
  showReviewFeedback(step, answer);
  requestSummaryWhenReady(step);
}

export function onCandidateQuestionsAssessed(
  step: TransitionStep,
  event: Input<"candidate-questions-assessed">,
): void {
  if (step.session.candidateQuestions !== null) return;
  const { quality, questions, feedback, fallbackReason } = event.assessment;
  step.session.candidateQuestions = {
    quality,
    questions: [...questions],
    feedback,
    ...(fallbackReason ? { fallbackReason } : {}),
  };
  markChanged(step);
  requestSummaryWhenReady(step);
  completeReportWhenReady(step);
}

export function onReportSummarised(step: TransitionStep, event: Input<"report-summarised">): void {
  const { session } = step;
  if (session.phase !== "reporting" || session.summary !== null) return;
  const { strengths, improvements, fallbackReason } = event.summary;
  session.summary = {
    strengths: [...strengths],
    improvements: [...improvements],
    ...(fallbackReason ? { fallbackReason } : {}),
  };
  markChanged(step);
  completeReportWhenReady(step);
}

/** Coach failures degrade honestly: no probe, "not assessed", or an apology; never a made-up score. */
export function onCoachFailed(step: TransitionStep, event: Input<"coach-failed">): void {
  const { session } = step;
  switch (event.task) {
    case "plan-questions":
      if (session.phase !== "planning") return;
      enqueueMessage(session, step.at, [{ kind: "text", tone: "error", text: NOTICES.planningFailed }]);
      return finishInterview(step, true);
    case "decide-follow-up": {
      const turn = session.turn;
      if (!turn?.awaitingCoach || turn.questionId !== event.questionId || !turn.mainPart) return;
      return recordAnswer(step, { parts: [turn.mainPart], status: "answered" }, turn.draft);
    }
    case "evaluate-answer":
      if (event.questionId === undefined) return;
      return setEvaluation(step, event.questionId, notAssessed(session.coach));
    case "assess-candidate-questions":
      if (session.candidateQuestions !== null) return;
      session.candidateQuestions = {
        quality: "not-assessed",
        questions: [],
        feedback: "Your questions could not be assessed this time.",
      };
      markChanged(step);
      requestSummaryWhenReady(step);
      return completeReportWhenReady(step);
    case "rewrite-story": {
      // Only when no stand-in answered (the AI coach unwrapped, or a result that does not fit).
      const answer = session.answers.find((candidate) => candidate.questionId === event.questionId);
      if (event.questionId === undefined || !answer) return;
      return onStoryRewritten(step, {
        type: "story-rewritten",
        at: step.at,
        questionId: event.questionId,
        attempt: (answer.earlierAttempts?.length ?? 0) + 1,
        rewrite: { story: null, fallbackReason: PRACTICE_NOTICES.strongerFailed },
      });
    }
    case "summarise":
      return onReportSummarised(step, {
        type: "report-summarised",
        at: step.at,
        summary: { strengths: [], improvements: [] },
      });
  }
}

function notAssessed(coach: string): Evaluation {
  const absent = { present: false, evidence: null };
  return {
    coach: coach === "llm" ? "llm" : "offline",
    fallbackReason: null,
    scorable: false,
    notScorableReason: "coach-unavailable",
    score: null,
    star: { situation: absent, task: absent, action: absent, result: absent },
    quantified: false,
    evidence: [],
    strengths: [],
    improvements: [NOTICES.evaluationDelayed],
    flags: [],
    signals: {
      words: 0,
      sentences: 0,
      fillerPer100Words: 0,
      hedgesPer100Words: 0,
      firstPersonSingular: 0,
      firstPersonPlural: 0,
      specificity: 0,
      relevance: 0,
    },
  };
}
