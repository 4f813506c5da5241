import type { ButtonInteraction, Message, PartialMessage } from "discord.js";
import { MessageFlags } from "discord.js";
import type { InboundEvent } from "../../src/core/model/inbound-event.ts";
import { discordConversation } from "./conversation-keys.ts";
import { parseDiscordCustomId } from "./render/index.ts";

/**
 * A message in one of the bot's interview threads as an engine event, or null when it cannot be
 * part of an interview (bots, system messages, threads the bot did not open). Whether the author
 * is the candidate is the engine's decision.
 */
export function threadMessageEvent(message: Message, botUserId: string): InboundEvent | null {
  if (message.author.bot || message.system || !message.guildId) return null;
  const channel = message.channel;
  if (!channel.isThread() || channel.ownerId !== botUserId) return null;
  const voice = message.flags.has(MessageFlags.IsVoiceMessage);
  const attachments = [...message.attachments.values()].map((attachment) => ({
    name: attachment.name,
    // Voice messages are Ogg Opus; some clients leave the content type out.
    contentType: attachment.contentType ?? (voice ? "audio/ogg" : null),
    size: attachment.size,
    url: attachment.url,
    // Discord tells a voice message's length (`duration_secs`), so an over-long one is refused unfetched.
    ...(attachment.duration === null ? {} : { durationSecs: attachment.duration }),
  }));
  return {
    type: "message",
    eventId: message.id,
    conversation: discordConversation(message.guildId, channel.id),
    author: { id: message.author.id, name: message.author.globalName ?? message.author.username },
    receivedAt: message.createdTimestamp,
    text: message.content,
    ...(attachments.length > 0 ? { attachments } : {}),
  };
}

/** A press of one of our buttons as an engine event, or null for a button that is not ours. */
export function buttonEvent(interaction: ButtonInteraction): InboundEvent | null {
  const parsed = parseDiscordCustomId(interaction.customId);
  if (!parsed || !interaction.guildId || !interaction.channel?.isThread()) return null;
  return {
    type: "action",
    action: parsed.action,
    ...(parsed.turnId ? { turnId: parsed.turnId } : {}),
    eventId: interaction.id,
    conversation: discordConversation(interaction.guildId, interaction.channel.id),
    author: { id: interaction.user.id, name: interaction.user.globalName ?? interaction.user.username },
    receivedAt: interaction.createdTimestamp,
  };
}

export function isInterviewThreadMessage(message: Message | PartialMessage, botUserId: string): boolean {
  const channel = message.channel;
  return channel.isThread() && channel.ownerId === botUserId && message.author?.id !== botUserId;
}
