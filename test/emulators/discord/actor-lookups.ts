// Lookups for actors. A wrong id in a test is a test bug, so these throw plain Errors that say what to do, rather
// than the Discord error codes routes answer the bot with.
import type { ChannelState, ThreadChannelState, UserState, World } from "./world.ts";

export function actorUser(world: World, userId: string): UserState {
  const user = world.users.get(userId);
  if (!user) throw new Error(`No user ${userId} in the emulated guild; create one with discord.addUser()`);
  return user;
}

export function actorChannel(world: World, channelId: string): ChannelState {
  const channel = world.channels.get(channelId);
  if (!channel)
    throw new Error(`No channel ${channelId}; use discord.defaultChannelId or addGuildTextChannel()`);
  if (channel.deleted) throw new Error(`Channel ${channelId} was deleted`);
  return channel;
}

export function actorThread(world: World, threadId: string): ThreadChannelState {
  const channel = actorChannel(world, threadId);
  if (!channel.thread) throw new Error(`Channel ${threadId} is not a thread`);
  return channel as ThreadChannelState;
}
