// Gateway events for channel and thread changes, shared by REST routes (the bot's own actions) and actors (what
// users or moderators do). Private threads are only sent to sessions that can see them, as on Discord.
import type { EmulatorContext } from "./context.ts";
import { Intent } from "./gateway-intents.ts";
import { channelObject, memberObject, threadMemberObject } from "./payloads.ts";
import type { ChannelState, ThreadChannelState as Thread } from "./world.ts";

export function dispatchChannelCreate(ctx: EmulatorContext, channel: ChannelState): void {
  ctx.gateway.dispatch("CHANNEL_CREATE", () => channelObject(channel));
}

export function dispatchChannelUpdate(ctx: EmulatorContext, channel: ChannelState): void {
  ctx.gateway.dispatch(channel.thread ? "THREAD_UPDATE" : "CHANNEL_UPDATE", () =>
    ctx.world.botSeesThread(channel) ? channelObject(channel) : null,
  );
}

export function dispatchChannelDelete(ctx: EmulatorContext, channel: ChannelState): void {
  if (!channel.thread) {
    ctx.gateway.dispatch("CHANNEL_DELETE", () => channelObject(channel));
    return;
  }
  const visible = ctx.world.botSeesThread(channel);
  ctx.gateway.dispatch("THREAD_DELETE", () =>
    visible
      ? { id: channel.id, guild_id: channel.guildId, parent_id: channel.parentId, type: channel.type }
      : null,
  );
}

/** THREAD_CREATE for a new thread: `newly_created` plus the bot's own thread member, which discord.js caches. */
export function dispatchThreadCreate(ctx: EmulatorContext, thread: Thread): void {
  const joined = thread.thread.members.get(ctx.world.botUserId);
  ctx.gateway.dispatch("THREAD_CREATE", () =>
    ctx.world.botSeesThread(thread)
      ? {
          ...channelObject(thread),
          newly_created: true,
          ...(joined ? { member: threadMemberObject(thread.id, ctx.world.botUserId, joined) } : {}),
        }
      : null,
  );
}

/**
 * THREAD_MEMBERS_UPDATE. Without the privileged GUILD_MEMBERS intent Discord sends it only when the bot itself was
 * added or removed (gateway-events.mdx "Thread Members Update").
 */
export function dispatchThreadMembersUpdate(
  ctx: EmulatorContext,
  thread: Thread,
  change: { added?: string[]; removed?: string[] },
): void {
  const { world } = ctx;
  const added = change.added ?? [];
  const removed = change.removed ?? [];
  const involvesBot = added.includes(world.botUserId) || removed.includes(world.botUserId);
  ctx.gateway.dispatch("THREAD_MEMBERS_UPDATE", (intents) => {
    if ((intents & Intent.GuildMembers) === 0 && !involvesBot) return null;
    return {
      id: thread.id,
      guild_id: thread.guildId,
      member_count: thread.thread.members.size,
      ...(added.length > 0
        ? {
            added_members: added.map((userId) => {
              const user = world.user(userId);
              return {
                ...threadMemberObject(
                  thread.id,
                  userId,
                  thread.thread.members.get(userId) ?? new Date().toISOString(),
                ),
                member: memberObject(world, user),
                presence: null,
              };
            }),
          }
        : {}),
      ...(removed.length > 0 ? { removed_member_ids: removed } : {}),
    };
  });
}
