import type { Session } from "../model/session.ts";
import type { CoachTaskName } from "../model/session-events.ts";
import { answersAwaitingEvaluation, CLOSING_QUESTION_ID } from "./session-turns.ts";

export interface PendingCoachTask {
  readonly task: CoachTaskName;
  readonly questionId?: string;
}

/**
 * Coach work the session is still waiting for. After a restart it is asked for again; a job whose
 * work is no longer pending (done by another worker, or a duplicate) is skipped without a model call.
 */
export function pendingCoachTasks(session: Session): PendingCoachTask[] {
  if (session.phase === "planning") return [{ task: "plan-questions" }];
  const pending: PendingCoachTask[] = [];
  const turn = session.turn;
  if (session.phase === "interviewing" && turn?.awaitingCoach)
    pending.push({ task: "decide-follow-up", questionId: turn.questionId });
  // Voice clips of the current prompt: the questionId slot names the clip's message.
  if (session.phase === "interviewing") {
    for (const clip of turn?.transcribing ?? [])
      pending.push({ task: "transcribe-voice", questionId: clip.messageId });
  }
  for (const answer of answersAwaitingEvaluation(session))
    pending.push({ task: "evaluate-answer", questionId: answer.questionId });
  const closingAnswered = session.answers.some(
    (answer) => answer.questionId === CLOSING_QUESTION_ID && answer.status === "answered",
  );
  if (closingAnswered && session.candidateQuestions === null)
    pending.push({ task: "assess-candidate-questions" });
  // A stronger version is for the interview in progress; once it has ended nobody is waiting for it.
  if (session.phase === "interviewing") {
    for (const answer of session.answers) {
      if (answer.strongerVersion?.status === "writing")
        pending.push({ task: "rewrite-story", questionId: answer.questionId });
    }
  }
  if (session.phase === "reporting" && session.summaryRequested && session.summary === null)
    pending.push({ task: "summarise" });
  return pending;
}

export function isCoachTaskPending(
  session: Session,
  task: CoachTaskName,
  questionId: string | null,
): boolean {
  return pendingCoachTasks(session).some(
    (pending) => pending.task === task && (pending.questionId ?? null) === questionId,
  );
}
