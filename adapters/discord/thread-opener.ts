import {
  ChannelType,
  type ChatInputCommandInteraction,
  type TextChannel,
  ThreadAutoArchiveDuration,
  type ThreadChannel,
} from "discord.js";
import { DISCORD_ERRORS, discordErrorCode } from "./discord-errors.ts";

export type ThreadType = "private" | "public";

/**
 * Opens the interview thread: private by default (only the candidate and moderators see it),
 * public when configured or when the bot may not create private threads in that channel.
 */
export async function openInterviewThread(
  interaction: ChatInputCommandInteraction,
  preferred: ThreadType,
  name: string,
): Promise<ThreadChannel> {
  const parent = parentTextChannel(interaction.channel);
  if (!parent) throw new Error("Interviews can only start in a server text channel.");
  const create = (type: ThreadType) =>
    parent.threads.create({
      name: name.slice(0, 100),
      type: type === "private" ? ChannelType.PrivateThread : ChannelType.PublicThread,
      autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
      ...(type === "private" ? { invitable: false } : {}),
      reason: `Mock interview for ${interaction.user.username}`,
    });
  let thread: ThreadChannel;
  try {
    thread = await create(preferred);
  } catch (error) {
    if (preferred !== "private" || discordErrorCode(error) !== DISCORD_ERRORS.missingPermissions) throw error;
    thread = await create("public");
  }
  await thread.members.add(interaction.user.id);
  return thread;
}

/** The channel to open threads in: the command's channel, or its parent when run inside a thread. */
function parentTextChannel(channel: ChatInputCommandInteraction["channel"]): TextChannel | null {
  const base = channel?.isThread() ? channel.parent : channel;
  return base?.type === ChannelType.GuildText ? base : null;
}
