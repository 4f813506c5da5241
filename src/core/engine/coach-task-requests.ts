import { probeLimitOf } from "../interview/probe-limit.ts";
import { CLOSING_QUESTION_ID } from "../interview/session-turns.ts";
import type { BankEntry } from "../model/question-bank-entry.ts";
import type { RubricEmphasis } from "../model/rubric-emphasis.ts";
import type { Session } from "../model/session.ts";
import type { CoachTaskName, SessionEvent } from "../model/session-events.ts";
import type { Coach, CoachCallOptions } from "../ports/coach-port.ts";

/** Asks one coach for a task's result, as the event that carries it. */
export type Produce = (coach: Coach) => Promise<SessionEvent>;

/** What the interview's community adds to requests: its extra questions and its rubric emphasis. */
export interface CommunityRequestParts {
  readonly extraQuestions: readonly BankEntry[];
  readonly emphasis: RubricEmphasis | null;
}

const NO_COMMUNITY_PARTS: CommunityRequestParts = { extraQuestions: [], emphasis: null };

/** How to ask a coach for this task's result; the same request for the coach and its stand-in. */
export function producer(
  session: Session,
  task: CoachTaskName,
  questionId: string | undefined,
  now: () => number,
  call: CoachCallOptions,
  community: CommunityRequestParts = NO_COMMUNITY_PARTS,
): Produce {
  const { options } = session;
  const { extraQuestions, emphasis } = community;
  switch (task) {
    case "plan-questions":
      return async (coach) => {
        const plan = await coach.planQuestions({
          options,
          seed: session.id,
          ...call,
          ...(session.documents?.cv ? { cvText: session.documents.cv } : {}),
          ...(session.documents?.jobDescription
            ? { jobDescriptionText: session.documents.jobDescription }
            : {}),
          ...(session.documents?.roundOne ? { roundOne: session.documents.roundOne } : {}),
          ...(session.documents?.storyGaps ? { storyGaps: session.documents.storyGaps } : {}),
          ...(extraQuestions.length > 0 ? { extraQuestions } : {}),
        });
        return {
          type: "questions-planned",
          questions: plan.questions,
          ...(plan.fallbackReason ? { fallbackReason: plan.fallbackReason } : {}),
          at: now(),
        };
      };
    case "decide-follow-up": {
      const { question, answerText } = answerFor(session, questionId, "draft");
      const probesRemaining = Math.max(0, probeLimitOf(options) - session.probesUsed);
      return async (coach) => {
        const decision = await coach.decideFollowUp({
          question,
          answerText,
          options,
          probesRemaining,
          ...call,
        });
        return { type: "follow-up-decided", questionId: question.id, decision, at: now() };
      };
    }
    case "evaluate-answer": {
      const { question, answerText } = answerFor(session, questionId, "answers");
      return async (coach) => {
        const evaluation = await coach.evaluateAnswer({
          question,
          answerText,
          options,
          ...call,
          ...(emphasis ? { emphasis } : {}),
        });
        return { type: "answer-evaluated", questionId: question.id, evaluation, at: now() };
      };
    }
    case "assess-candidate-questions": {
      const answer = session.answers.find((candidate) => candidate.questionId === CLOSING_QUESTION_ID);
      const text = answer?.parts.map((part) => part.text).join("\n") ?? "";
      return async (coach) => {
        const assessment = await coach.assessCandidateQuestions({ text, options, ...call });
        return { type: "candidate-questions-assessed", assessment, at: now() };
      };
    }
    case "rewrite-story": {
      const { question, answerText } = answerFor(session, questionId, "answers");
      const answer = session.answers.find((candidate) => candidate.questionId === question.id);
      const attempt = (answer?.earlierAttempts?.length ?? 0) + 1;
      return async (coach) => {
        const rewrite = await coach.rewriteStory({ question, answerText, options, ...call });
        return { type: "story-rewritten", questionId: question.id, attempt, rewrite, at: now() };
      };
    }
    case "summarise": {
      const evaluations = session.answers.flatMap((answer) => {
        const question = session.questions.find((candidate) => candidate.id === answer.questionId);
        return question && answer.evaluation ? [{ question, evaluation: answer.evaluation }] : [];
      });
      return async (coach) => {
        const summary = await coach.summarise({ options, evaluations, ...call });
        return { type: "report-summarised", summary, at: now() };
      };
    }
    case "transcribe-voice":
      // Not coach work: a transcription job runs through the transcriber (transcribe-voice.ts).
      throw new Error("A voice clip is transcribed, not asked of a coach");
  }
}

/** The question and answer text a task is about: the submitted main answer, or the stored answer. */
function answerFor(session: Session, questionId: string | undefined, source: "draft" | "answers") {
  const question = session.questions.find((candidate) => candidate.id === questionId);
  if (!question) throw new Error(`No question ${questionId} in session ${session.id}`);
  if (source === "draft") {
    const text = session.turn?.questionId === question.id ? session.turn.mainPart?.text : undefined;
    if (text === undefined) throw new Error(`No submitted answer for ${question.id}`);
    return { question, answerText: text };
  }
  const answer = session.answers.find((candidate) => candidate.questionId === question.id);
  if (!answer) throw new Error(`No answer for ${question.id}`);
  return { question, answerText: answer.parts.map((part) => part.text).join("\n\n") };
}
