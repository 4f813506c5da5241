import { type ActionId, ActionIdSchema, type ReplyAction } from "../../../src/core/model/reply.ts";
import { DISCORD_LIMITS } from "./limits.ts";

const CUSTOM_ID = /^sr:([^:]+):(.*)$/s;

/**
 * `sr:<action>:<turn id>`. Question ids are at most 80 characters, so the longest id
 * ("sr:stronger:" + id + ":review", on practice feedback) is 99 and fits Discord's 100.
 */
export function discordCustomId(action: ReplyAction): string {
  const customId = `sr:${action.id}:${action.turnId ?? ""}`;
  if (customId.length > DISCORD_LIMITS.customId) {
    // Cutting it would point the button at a different turn; an id this long is a bug upstream.
    throw new RangeError(`Discord custom_id for "${action.id}" is ${customId.length} characters, over 100`);
  }
  return customId;
}

/** The action a button press asks for, or null when the custom id is not one of ours. */
export function parseDiscordCustomId(customId: string): { action: ActionId; turnId?: string } | null {
  const match = CUSTOM_ID.exec(customId);
  if (!match) return null;
  const action = ActionIdSchema.safeParse(match[1]);
  if (!action.success) return null;
  const turnId = match[2];
  return turnId ? { action: action.data, turnId } : { action: action.data };
}
