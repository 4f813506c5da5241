import type { ReplyAction } from "../../src/core/model/reply.ts";

/**
 * The actions with each id once (the first wins): Discord custom ids and Slack action ids must be unique
 * within a message, and both are derived from the action id.
 */
export function uniqueActions(actions: readonly ReplyAction[]): ReplyAction[] {
  const seen = new Set<string>();
  return actions.filter((action) => {
    if (seen.has(action.id)) return false;
    seen.add(action.id);
    return true;
  });
}
