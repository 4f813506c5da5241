import { turnIdOf } from "../interview/session-turns.ts";
import type { ConversationKey } from "../model/conversation.ts";
import type { Session } from "../model/session.ts";
import type { EngineJob } from "../ports/engine-jobs.ts";

/**
 * Quiet-period timers are stored beside the interviews (a sorted set the commit script writes),
 * one member per armed timer: the conversation, the interview, the prompt and how many messages
 * the draft had when the last one arrived. Firing one with a different draft size changes
 * nothing, exactly as a delayed job did; the member is a plain string so the store needs no
 * codec and a workspace's timers can be found by their conversation prefix.
 */
type QuietJob = Extract<EngineJob, { kind: "quiet-period" }>;

const SEPARATOR = "\n";

export function quietTimerMember(job: Omit<QuietJob, "kind">): string {
  return [job.conversation, job.sessionId, job.turnId, String(job.draftSize)].join(SEPARATOR);
}

/** The job a stored member stands for; null for a member that does not parse (skipped). */
export function quietTimerJob(member: string): QuietJob | null {
  const parts = member.split(SEPARATOR);
  if (parts.length !== 4) return null;
  const [conversation, sessionId, turnId, size] = parts as [string, string, string, string];
  const draftSize = Number(size);
  if (!Number.isInteger(draftSize) || draftSize < 0) return null;
  return {
    kind: "quiet-period",
    conversation: conversation as ConversationKey,
    sessionId,
    turnId,
    draftSize,
  };
}

/** The timer the current draft's last message armed, if the interview uses a quiet period. */
export function armedQuietTimer(session: Session | null): string | null {
  const turn = session?.turn;
  if (!session || !turn || session.options.quietPeriodMs === null || turn.draft.length === 0) return null;
  return quietTimerMember({
    conversation: session.conversation as ConversationKey,
    sessionId: session.id,
    turnId: turnIdOf(turn),
    draftSize: turn.draft.length,
  });
}
