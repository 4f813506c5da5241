import type { ConversationKey } from "../model/conversation.ts";
import type { CoachTaskName } from "../model/session-events.ts";

/**
 * Work the engine does after a commit: a coach task (AI evaluation, question planning, report
 * summary), or a quiet-period timer (fired from the store's timer set, or a delayed job an earlier
 * version enqueued). Jobs name the session they belong to, so a job for an
 * interview that has since been replaced does nothing.
 */
export type EngineJob =
  | {
      readonly kind: "coach-task";
      readonly conversation: ConversationKey;
      readonly sessionId: string;
      readonly task: CoachTaskName;
      readonly questionId: string | null;
      /**
       * Which attempt at the question the task is for (practice mode's "Try again"): 2 for the
       * first retry. Absent for a first attempt, so a retry's job never shares the first one's id.
       */
      readonly attempt?: number;
    }
  | {
      readonly kind: "quiet-period";
      readonly conversation: ConversationKey;
      readonly sessionId: string;
      readonly turnId: string;
      readonly draftSize: number;
    };

/**
 * Where jobs wait until a worker runs them: in process for the terminal, BullMQ on Redis for the
 * chat bots (durable: a job outlives the process that enqueued it).
 */
export interface JobQueue {
  /** Adds a job, run after `delayMs`; a job with the same id already waiting or running is not added again. */
  enqueue(job: EngineJob, delayMs?: number): Promise<void>;
  /** Registers the function that runs jobs; the engine calls it once, when it is created. */
  process(handler: (job: EngineJob) => Promise<void>): void;
  /** Resolves when no job of this process is running or due soon (tests, graceful shutdown). */
  idle(): Promise<void>;
  /**
   * Removes the records a durable queue keeps of the scope's jobs (their data names interviews
   * and threads) when the community is erased; returns how many. In-process queues keep none.
   */
  forgetScope?(scope: string): Promise<number>;
  /**
   * Removes the records a durable queue keeps of these interviews' jobs and handed-off results (a
   * member's erasure). A job running at that moment is locked by its worker and cannot be removed
   * yet: it is counted in `running`, and the caller tries again once it has finished.
   */
  forgetConversations?(conversations: readonly ConversationKey[]): Promise<ForgottenJobs>;
  close(): Promise<void>;
}

export interface ForgottenJobs {
  readonly removed: number;
  /** Records still held by a running job. */
  readonly running: number;
}

/** The same work always gets the same id, so a redelivered request never runs twice. */
export function engineJobId(job: EngineJob): string {
  const parts =
    job.kind === "coach-task"
      ? [job.sessionId, job.task, job.questionId ?? "all", ...(job.attempt ? [`attempt-${job.attempt}`] : [])]
      : [job.sessionId, "quiet", job.turnId, String(job.draftSize)];
  // Queue backends reserve ":" (BullMQ refuses it in custom ids).
  return parts.map((part) => part.replaceAll(":", "~")).join(".");
}
