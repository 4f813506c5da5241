import { type ActionId, ActionIdSchema, type ReplyAction } from "../../../src/core/model/reply.ts";

const ACTION_ID = /^sr_(.+)$/s;

/** `sr_<action>`: unique within a message because each action id appears once. */
export function slackActionId(action: ReplyAction): string {
  return `sr_${action.id}`;
}

/** The action a button press asks for (the button's value is the turn id), or null when it is not ours. */
export function parseSlackAction(
  actionId: string,
  value: string | undefined,
): { action: ActionId; turnId?: string } | null {
  const match = ACTION_ID.exec(actionId);
  if (!match) return null;
  const action = ActionIdSchema.safeParse(match[1]);
  if (!action.success) return null;
  return value ? { action: action.data, turnId: value } : { action: action.data };
}
