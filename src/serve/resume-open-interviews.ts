import type { PlatformName } from "../core/conversation.ts";
import type { InterviewEngine } from "../core/interview-engine.ts";
import type { Logger } from "../core/ports.ts";
import type { RedisSessionStore } from "../store/redis-session-store.ts";

/**
 * After a (re)start: redelivers what a crashed process left in any outbox and asks again for coach
 * work in flight. Interviews still waiting for the candidate need nothing: their next message
 * simply continues them. Returns how many interviews were looked at again.
 */
export async function resumeOpenInterviews(
  store: RedisSessionStore,
  engine: InterviewEngine,
  platforms: readonly PlatformName[],
  logger: Logger,
): Promise<number> {
  let resumed = 0;
  for (const platform of platforms) {
    for await (const conversation of store.conversations(platform)) {
      try {
        const session = await engine.current(conversation);
        if (!session || (session.phase === "finished" && session.outbox.length === 0)) continue;
        await engine.resume(conversation, false);
        resumed += 1;
      } catch (error) {
        logger.warn("could not resume an interview", { conversation, error: String(error) });
      }
    }
  }
  return resumed;
}
