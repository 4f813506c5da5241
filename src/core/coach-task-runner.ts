import type { Coach } from "./coach-port.ts";
import type { Session } from "./session.ts";
import type { CoachTaskName, SessionEvent } from "./session-events.ts";
import { CLOSING_QUESTION_ID } from "./session-turns.ts";
import { addUsage, NO_TOKENS, type TokenUsage } from "./token-usage.ts";
import { validateCoachResult } from "./validate-coach-result.ts";

/**
 * Turns a coach task requested by a transition into the event carrying its result. Requests are
 * built from the session, so a task re-run after a crash sees exactly what the first run saw.
 * Failures become "coach-failed" events; the state machine decides how to degrade.
 */
export async function runCoachTask(
  coach: Coach,
  session: Session,
  task: CoachTaskName,
  questionId: string | undefined,
  at: () => number,
): Promise<SessionEvent> {
  let usage: TokenUsage = NO_TOKENS;
  const onUsage = (spent: TokenUsage) => {
    usage = addUsage(usage, spent);
  };
  let event: SessionEvent;
  try {
    event = await runTask(coach, session, task, questionId, at, onUsage);
    validateCoachResult(event);
  } catch {
    event =
      questionId === undefined
        ? { type: "coach-failed", task, at: at() }
        : { type: "coach-failed", task, questionId, at: at() };
  }
  return usage.calls > 0 ? { ...event, usage } : event;
}

async function runTask(
  coach: Coach,
  session: Session,
  task: CoachTaskName,
  questionId: string | undefined,
  at: () => number,
  onUsage: (usage: TokenUsage) => void,
): Promise<SessionEvent> {
  const { options } = session;
  switch (task) {
    case "plan-questions": {
      const questions = await coach.planQuestions({
        options,
        seed: session.id,
        onUsage,
        ...(session.documents?.cv ? { cvText: session.documents.cv } : {}),
        ...(session.documents?.jobDescription
          ? { jobDescriptionText: session.documents.jobDescription }
          : {}),
      });
      return { type: "questions-planned", questions, at: at() };
    }
    case "decide-follow-up": {
      const { question, answerText } = answerFor(session, questionId, "draft");
      const probesRemaining = Math.max(0, options.probeLimit - session.probesUsed);
      const decision = await coach.decideFollowUp({
        question,
        answerText,
        options,
        probesRemaining,
        onUsage,
      });
      return { type: "follow-up-decided", questionId: question.id, decision, at: at() };
    }
    case "evaluate-answer": {
      const { question, answerText } = answerFor(session, questionId, "answers");
      const evaluation = await coach.evaluateAnswer({ question, answerText, options, onUsage });
      return { type: "answer-evaluated", questionId: question.id, evaluation, at: at() };
    }
    case "assess-candidate-questions": {
      const answer = session.answers.find((candidate) => candidate.questionId === CLOSING_QUESTION_ID);
      const text = answer?.parts.map((part) => part.text).join("\n") ?? "";
      const assessment = await coach.assessCandidateQuestions({ text, options, onUsage });
      return { type: "candidate-questions-assessed", assessment, at: at() };
    }
    case "summarise": {
      const evaluations = session.answers.flatMap((answer) => {
        const question = session.questions.find((candidate) => candidate.id === answer.questionId);
        return question && answer.evaluation ? [{ question, evaluation: answer.evaluation }] : [];
      });
      const summary = await coach.summarise({ options, evaluations, onUsage });
      return { type: "report-summarised", summary, at: at() };
    }
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
