// Permission bits (discord-api-docs developers/topics/permissions.mdx) and the emulator's permission model:
// @everyone grants a typical bot invite's permissions, and `denyPermission` adds a member overwrite for the bot on a
// channel. Threads take their permissions from the parent channel, as on Discord.

export const Permission = {
  CREATE_INSTANT_INVITE: 1n << 0n,
  ADD_REACTIONS: 1n << 6n,
  VIEW_CHANNEL: 1n << 10n,
  SEND_MESSAGES: 1n << 11n,
  MANAGE_CHANNELS: 1n << 4n,
  MANAGE_GUILD: 1n << 5n,
  MANAGE_MESSAGES: 1n << 13n,
  EMBED_LINKS: 1n << 14n,
  ATTACH_FILES: 1n << 15n,
  READ_MESSAGE_HISTORY: 1n << 16n,
  MENTION_EVERYONE: 1n << 17n,
  USE_EXTERNAL_EMOJIS: 1n << 18n,
  USE_APPLICATION_COMMANDS: 1n << 31n,
  MANAGE_THREADS: 1n << 34n,
  CREATE_PUBLIC_THREADS: 1n << 35n,
  CREATE_PRIVATE_THREADS: 1n << 36n,
  SEND_MESSAGES_IN_THREADS: 1n << 38n,
} as const;

export type PermissionName = keyof typeof Permission;

/**
 * What @everyone may do in the emulated guild. MANAGE_THREADS is left out on purpose: the bot is not a moderator,
 * so locked threads refuse its posts (403 50013) as they would for a bot invited without it.
 */
export const EVERYONE_PERMISSIONS: bigint =
  Permission.CREATE_INSTANT_INVITE |
  Permission.ADD_REACTIONS |
  Permission.VIEW_CHANNEL |
  Permission.SEND_MESSAGES |
  Permission.EMBED_LINKS |
  Permission.ATTACH_FILES |
  Permission.READ_MESSAGE_HISTORY |
  Permission.USE_EXTERNAL_EMOJIS |
  Permission.USE_APPLICATION_COMMANDS |
  Permission.CREATE_PUBLIC_THREADS |
  Permission.CREATE_PRIVATE_THREADS |
  Permission.SEND_MESSAGES_IN_THREADS;

export type Overwrite = { id: string; type: 0 | 1; allow: bigint; deny: bigint };

/** Discord's channel permission algorithm, reduced to @everyone + member overwrites (no roles besides @everyone). */
export function effectivePermissions(
  base: bigint,
  guildId: string,
  userId: string,
  overwrites: readonly Overwrite[],
): bigint {
  let permissions = base;
  for (const overwrite of overwrites) {
    if (overwrite.type === 0 && overwrite.id === guildId)
      permissions = (permissions & ~overwrite.deny) | overwrite.allow;
  }
  for (const overwrite of overwrites) {
    if (overwrite.type === 1 && overwrite.id === userId)
      permissions = (permissions & ~overwrite.deny) | overwrite.allow;
  }
  return permissions;
}

export function overwriteToApi(overwrite: Overwrite): Record<string, unknown> {
  return {
    id: overwrite.id,
    type: overwrite.type,
    allow: overwrite.allow.toString(),
    deny: overwrite.deny.toString(),
  };
}
