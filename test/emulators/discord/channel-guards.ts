// Permission and state checks the bot's REST calls go through, with Discord's error codes: 50001 when the bot cannot
// see the channel, 50013 for a missing permission, 50083 for an archived thread.
import { dispatchChannelUpdate } from "./channel-events.ts";
import type { EmulatorContext } from "./context.ts";
import { missingAccess, missingPermissions, threadArchived } from "./errors.ts";
import { Permission, type PermissionName } from "./permissions.ts";
import type { ChannelState } from "./world.ts";

export function requireView(ctx: EmulatorContext, channel: ChannelState): void {
  if (!ctx.world.botCan(channel, Permission.VIEW_CHANNEL) || !ctx.world.botSeesThread(channel))
    throw missingAccess();
}

export function requirePermission(ctx: EmulatorContext, channel: ChannelState, name: PermissionName): void {
  if (!ctx.world.botCan(channel, Permission[name])) throw missingPermissions(name);
}

/** Refuses changes inside an archived thread (edits, deletes, member changes): 400 50083. */
export function requireNotArchived(channel: ChannelState): void {
  if (channel.thread?.archived) throw threadArchived();
}

/**
 * Checks for posting a message. SEND_MESSAGES does not carry over to threads, which need SEND_MESSAGES_IN_THREADS
 * (permissions.mdx:201). A locked thread takes posts only from MANAGE_THREADS holders (documented emulator rule; the
 * bot lacks it by default). An archived thread refuses with 50083 unless `autoUnarchiveOnSend` is set.
 */
export function requireSendable(ctx: EmulatorContext, channel: ChannelState, hasFiles: boolean): void {
  requireView(ctx, channel);
  const thread = channel.thread;
  requirePermission(ctx, channel, thread ? "SEND_MESSAGES_IN_THREADS" : "SEND_MESSAGES");
  if (hasFiles) requirePermission(ctx, channel, "ATTACH_FILES");
  if (!thread) return;
  const moderator = ctx.world.botCan(channel, Permission.MANAGE_THREADS);
  if (thread.locked && !moderator) throw missingPermissions("MANAGE_THREADS", "thread is locked");
  if (thread.archived) {
    if (!ctx.options.autoUnarchiveOnSend) throw threadArchived();
    thread.archived = false;
    thread.archiveTimestamp = new Date().toISOString();
    dispatchChannelUpdate(ctx, channel);
  }
}
