// What moderators (or Discord itself) do to channels and threads, with the dispatches the bot would receive:
// archive/lock/unarchive (THREAD_UPDATE), delete (THREAD_DELETE / CHANNEL_DELETE), thread membership
// (THREAD_MEMBERS_UPDATE) and permission overwrites for the bot (CHANNEL_UPDATE).
import { actorChannel, actorThread, actorUser } from "./actor-lookups.ts";
import {
  dispatchChannelCreate,
  dispatchChannelDelete,
  dispatchChannelUpdate,
  dispatchThreadMembersUpdate,
} from "./channel-events.ts";
import type { EmulatorContext } from "./context.ts";
import { Permission, type PermissionName } from "./permissions.ts";

export function addTextChannel(ctx: EmulatorContext, name: string): string {
  const channel = ctx.world.addTextChannel(name);
  dispatchChannelCreate(ctx, channel);
  return channel.id;
}

export function setThreadState(
  ctx: EmulatorContext,
  threadId: string,
  change: { archived?: boolean; locked?: boolean },
): void {
  const channel = actorThread(ctx.world, threadId);
  const thread = channel.thread;
  if (change.locked !== undefined) thread.locked = change.locked;
  if (change.archived !== undefined && change.archived !== thread.archived) {
    thread.archived = change.archived;
    thread.archiveTimestamp = new Date().toISOString();
  }
  dispatchChannelUpdate(ctx, channel);
}

export function deleteChannel(ctx: EmulatorContext, channelId: string): void {
  const channel = actorChannel(ctx.world, channelId);
  channel.deleted = true;
  dispatchChannelDelete(ctx, channel);
  // Deleting a text channel deletes its threads too.
  for (const child of ctx.world.channels.values()) {
    if (child.parentId === channel.id && !child.deleted) child.deleted = true;
  }
}

export function addThreadMember(ctx: EmulatorContext, threadId: string, userId: string): void {
  const channel = actorThread(ctx.world, threadId);
  actorUser(ctx.world, userId);
  if (channel.thread.members.has(userId)) return;
  channel.thread.members.set(userId, new Date().toISOString());
  dispatchThreadMembersUpdate(ctx, channel, { added: [userId] });
}

export function removeThreadMember(ctx: EmulatorContext, threadId: string, userId: string): void {
  const channel = actorThread(ctx.world, threadId);
  if (!channel.thread.members.delete(userId)) {
    throw new Error(`User ${userId} is not a member of thread ${threadId}`);
  }
  dispatchThreadMembersUpdate(ctx, channel, { removed: [userId] });
}

/**
 * Denies the bot a permission in a channel through a member overwrite (on the parent for a thread, since threads
 * inherit it); matching REST calls then fail with 403 50013 (50001 for VIEW_CHANNEL), and interactions' app_permissions
 * drop the bit.
 */
export function denyPermission(ctx: EmulatorContext, channelId: string, permission: PermissionName): void {
  const target = actorChannel(ctx.world, channelId);
  const channel = target.parentId ? actorChannel(ctx.world, target.parentId) : target;
  const bit = Permission[permission];
  let overwrite = channel.overwrites.find((o) => o.type === 1 && o.id === ctx.world.botUserId);
  if (!overwrite) {
    overwrite = { id: ctx.world.botUserId, type: 1, allow: 0n, deny: 0n };
    channel.overwrites.push(overwrite);
  }
  overwrite.deny |= bit;
  overwrite.allow &= ~bit;
  dispatchChannelUpdate(ctx, channel);
}
