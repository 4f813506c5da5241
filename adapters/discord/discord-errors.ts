import { DiscordAPIError } from "discord.js";

/** Discord's JSON error codes the bot reacts to (discord-api-docs, opcodes-and-status-codes). */
export const DISCORD_ERRORS = {
  unknownChannel: 10003,
  unknownMessage: 10008,
  unknownWebhook: 10015,
  unknownInteraction: 10062,
  missingAccess: 50001,
  missingPermissions: 50013,
  interactionAcknowledged: 40060,
  threadArchived: 50083,
  threadLocked: 160005,
} as const;

export function discordErrorCode(error: unknown): number | string | null {
  return error instanceof DiscordAPIError ? error.code : null;
}

/** The place to post is gone or closed to the bot: retrying cannot help, so the message is dropped. */
export function isPermanentDeliveryError(error: unknown): boolean {
  const code = discordErrorCode(error);
  return (
    code === DISCORD_ERRORS.unknownChannel ||
    code === DISCORD_ERRORS.missingAccess ||
    code === DISCORD_ERRORS.missingPermissions ||
    code === DISCORD_ERRORS.threadLocked
  );
}

/** Someone (another bot process, or this one before a gateway replay) already answered the interaction. */
export function isAlreadyAcknowledged(error: unknown): boolean {
  return discordErrorCode(error) === DISCORD_ERRORS.interactionAcknowledged;
}

/** The interaction's token has expired or was never acknowledged in time. */
export function isExpiredInteraction(error: unknown): boolean {
  const code = discordErrorCode(error);
  return code === DISCORD_ERRORS.unknownInteraction || code === DISCORD_ERRORS.unknownWebhook;
}
