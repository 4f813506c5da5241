import type { ConversationKey } from "../model/conversation.ts";
import { errorSummary } from "../model/error-summary.ts";
import { progressEntryOf } from "../model/progress-entry.ts";
import type { Session } from "../model/session.ts";
import type { Logger } from "../ports/ports.ts";
import { type ProgressStore, progressScopeOf } from "../ports/progress-store.ts";

/**
 * After the commit that finished an interview with a report: adds it to the member's progress
 * history. Keyed by the session id, so a replayed or retried finish records it once. A failure is
 * logged, never thrown into the interview: `/interview progress` fills in finished interviews
 * missing from the history while they are still stored (see InterviewDesk.progress).
 */
export async function recordProgress(
  progress: ProgressStore,
  conversation: ConversationKey,
  previous: Session | null,
  next: Session,
  logger: Logger,
): Promise<void> {
  if (!justFinished(previous, next)) return;
  const entry = progressEntryOf(next);
  if (!entry) return;
  try {
    await progress.record(progressScopeOf(conversation), next.candidate.id, entry);
  } catch (error) {
    logger.warn("could not record the interview in the member's progress", { error: errorSummary(error) });
  }
}

/**
 * This commit finished the interview with its report. Later commits of an interview already
 * finished (a late token count) are not a finish: what is recorded at the finish is recorded once.
 */
export function justFinished(previous: Session | null, next: Session): boolean {
  if (previous?.id === next.id && previous.phase === "finished" && previous.report) return false;
  return next.phase === "finished" && next.report !== null;
}
