import type { ConversationKey } from "../model/conversation.ts";
import { errorSummary } from "../model/error-summary.ts";
import type { Session } from "../model/session.ts";
import type { Logger } from "../ports/ports.ts";
import { progressScopeOf } from "../ports/progress-store.ts";
import { justFinished } from "./record-progress.ts";
import type { StoryBank } from "./story-bank.ts";

/**
 * After the commit that finished an interview with a report: adds the stories its answers told to
 * the member's story bank (in the same community as their progress). A failure is logged, never
 * thrown into the interview; the report already says which stories were reused.
 */
export async function recordStories(
  stories: StoryBank,
  conversation: ConversationKey,
  previous: Session | null,
  next: Session,
  logger: Logger,
): Promise<void> {
  if (!justFinished(previous, next)) return;
  try {
    await stories.record(progressScopeOf(conversation), next.candidate.id, next);
  } catch (error) {
    logger.warn("could not add the interview's stories to the member's story bank", {
      error: errorSummary(error),
    });
  }
}
