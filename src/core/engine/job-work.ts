import { isCoachTaskPending } from "../interview/pending-coach-tasks.ts";
import type { ConversationKey } from "../model/conversation.ts";
import type { Session } from "../model/session.ts";
import type { Effect } from "../model/session-effects.ts";
import type { SessionEvent } from "../model/session-events.ts";
import type { EngineJob } from "../ports/engine-jobs.ts";
import type { CoachTaskContext } from "./coach-task-context.ts";
import { runCoachTask } from "./coach-task-runner.ts";
import { transcribeVoice } from "./transcribe-voice.ts";

/**
 * The job (and its delay) that carries out an effect after the commit, or null for other effects.
 * Quiet-period timers are not jobs: the commit writes them (see quiet-timer.ts).
 */
export function jobForEffect(effect: Effect, session: Session): { job: EngineJob; delayMs: number } | null {
  const target = { conversation: session.conversation as ConversationKey, sessionId: session.id };
  if (effect.type === "run-coach-task") {
    const { task, questionId } = effect;
    const job: EngineJob = { kind: "coach-task", ...target, task, questionId: questionId ?? null };
    const attempt = attemptNumber(session, questionId);
    return { job: attempt > 1 ? { ...job, attempt } : job, delayMs: 0 };
  }
  return null;
}

/** 1 for a question's first answer, 2 for its first retry (practice mode), and so on. */
function attemptNumber(session: Session, questionId: string | undefined): number {
  if (questionId === undefined) return 1;
  const answer = session.answers.find((candidate) => candidate.questionId === questionId);
  return (answer?.earlierAttempts?.length ?? 0) + 1;
}

/**
 * The event a job produces for the session as it stands now, or null when the job no longer
 * applies: the interview was replaced, or the coach work was already done (by another worker, or
 * a redelivered job), in which case no model is called.
 */
export async function eventForJob(
  job: EngineJob,
  session: Session,
  context: CoachTaskContext,
): Promise<SessionEvent | null> {
  if (session.id !== job.sessionId) return null;
  if (job.kind === "quiet-period") {
    return { type: "quiet-period-elapsed", turnId: job.turnId, draftSize: job.draftSize, at: context.now() };
  }
  if (!isCoachTaskPending(session, job.task, job.questionId)) return null;
  if (job.task === "transcribe-voice") {
    if (!context.voice || job.questionId === null) return null;
    return transcribeVoice(context.voice, session, job.questionId, context);
  }
  return runCoachTask(context, session, job.task, job.questionId ?? undefined);
}
