import type { InterviewEngine } from "../core/engine/interview-engine.ts";
import type { ChatBot } from "../core/ports/chat-bot.ts";
import type { Logger } from "../core/ports/ports.ts";
import type { RedisSessionStore } from "../store/redis-session-store.ts";

/**
 * Inbound claims last 24 hours; catching up further back could hand the engine a message it
 * processed but no longer recognises.
 */
const CATCH_UP_LIMIT_MS = 23 * 60 * 60_000;
/** Messages a little older than the last change may have raced with the crash. */
const CATCH_UP_OVERLAP_MS = 5 * 60_000;

/**
 * After a (re)start: redelivers what a crashed process left in any outbox, asks again for coach
 * work in flight, and lets each bot catch up on messages sent while no process was listening.
 * Returns how many interviews were looked at again.
 */
export async function resumeOpenInterviews(
  store: RedisSessionStore,
  engine: InterviewEngine,
  bots: readonly ChatBot[],
  logger: Logger,
  now: () => number = Date.now,
): Promise<number> {
  let resumed = 0;
  for (const bot of bots) {
    for await (const conversation of store.conversations(bot.platform)) {
      try {
        const session = await engine.current(conversation);
        if (!session || (session.phase === "finished" && session.outbox.length === 0)) continue;
        await engine.resume(conversation, false, { leaveRecentToSweep: true });
        if (session.phase === "interviewing" && bot.catchUp) {
          const since = Math.max(session.updatedAt - CATCH_UP_OVERLAP_MS, now() - CATCH_UP_LIMIT_MS);
          await bot.catchUp(conversation, since);
        }
        resumed += 1;
      } catch (error) {
        logger.warn("could not resume an interview", { conversation, error: String(error) });
      }
    }
  }
  return resumed;
}
