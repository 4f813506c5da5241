import { type ChatInputCommandInteraction, MessageFlags } from "discord.js";
import type { ChatBotServices } from "../../src/core/engine/chat-bot-services.ts";
import { NOTICES } from "../../src/core/interview/copy.ts";
import { historyText, statusText } from "../../src/core/interview/session-status.ts";
import { errorSummary } from "../../src/core/model/error-summary.ts";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import { truncateText } from "../shared/split-text.ts";
import { discordScope, threadIdOf } from "./conversation-keys.ts";
import {
  DISCORD_ERRORS,
  discordErrorCode,
  isAlreadyAcknowledged,
  isExpiredInteraction,
} from "./discord-errors.ts";
import { replyWithPrivacy } from "./privacy-reply.ts";
import { replyWithProgress } from "./progress-reply.ts";
import { deleteRoundOneLog, showRoundOneModal } from "./round-one-log-modal.ts";
import { startInterview } from "./start-interview.ts";
import { replyWithStories } from "./story-bank-reply.ts";
import type { ThreadType } from "./thread-opener.ts";

const CONTENT_LIMIT = 2_000;

export const DISCORD_HELP =
  "**SecondRound** runs realistic mock interviews.\n" +
  "• `/interview start` with the role and company (optionally your CV and the job description) opens a private thread with your interviewer.\n" +
  "• Answer each question in one or more messages, then press **Submit answer** (or just stop typing for 90 seconds). Buttons: Skip, Repeat, Hint, End.\n" +
  "• Feedback with scores and quotes from your answers arrives at the end.\n" +
  "• `/interview status` shows where you are, `/interview end` finishes early, `/interview history` lists your past interviews, `/interview progress` charts your scores over time, `/interview stories` shows your story bank (keep, rename or delete the stories you told).\n" +
  "• `/interview privacy` shows what is kept about you and for how long, and lets you export or delete it.\n" +
  "• `/interview log` records how a first round went (questions, your notes, how each went), so a second round with that company builds on it.\n" +
  "• Server admins: `/interview admin` shows and changes this server's settings (daily limits, the AI budget, extra questions, threads).";

/**
 * `/interview …`: deferred at once as a private reply (so the 3-second deadline holds however
 * slow the coach or the CV parser is), then answered by editing that reply.
 */
export async function handleInterviewCommand(
  interaction: ChatInputCommandInteraction,
  services: ChatBotServices,
  threadType: ThreadType,
): Promise<void> {
  // The round-1 log form is a modal, which must be the command's first response (not deferred).
  if (interaction.options.getSubcommand() === "log" && !interaction.options.getString("delete"))
    return showRoundOneModal(interaction, services);
  try {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  } catch (error) {
    if (!isAlreadyAcknowledged(error)) throw error;
    // Another bot process took this command; it answers it.
    services.logger.debug("discord interaction acknowledged elsewhere", { interactionId: interaction.id });
    return;
  }
  // The one reply with a file (the chart): it writes its own reply.
  if (interaction.options.getSubcommand() === "progress") return replyWithProgress(interaction, services);
  // The story bank's reply carries buttons: it writes its own reply too.
  if (interaction.options.getSubcommand() === "stories") return replyWithStories(interaction, services);
  // Its reply carries buttons.
  if (interaction.options.getSubcommand() === "privacy") return replyWithPrivacy(interaction, services);
  const text = await answer(interaction, services, threadType).catch((error: unknown) => {
    services.logger.error("discord command failed", { error: errorSummary(error) });
    return failureText(error);
  });
  try {
    await interaction.editReply({
      content: truncateText(text, CONTENT_LIMIT),
      allowedMentions: { parse: [] },
    });
  } catch (error) {
    if (!isExpiredInteraction(error)) throw error;
    await replyInChannel(interaction, text, services);
  }
}

/** Status and history are personal: they are never posted where others can read them. */
const PERSONAL_SUBCOMMANDS = new Set(["status", "history", "log"]);

/**
 * The interaction's 15-minute reply window closed (a very slow start, a Discord hiccup): the
 * answer goes to the channel as a plain message addressed to the member, without pinging them.
 */
async function replyInChannel(
  interaction: ChatInputCommandInteraction,
  text: string,
  services: ChatBotServices,
): Promise<void> {
  const subcommand = interaction.options.getSubcommand();
  services.logger.warn("discord reply window expired", { subcommand });
  if (PERSONAL_SUBCOMMANDS.has(subcommand) || !interaction.channel?.isSendable()) return;
  const content = truncateText(`<@${interaction.user.id}> ${text}`, CONTENT_LIMIT);
  await interaction.channel.send({ content, allowedMentions: { parse: [] } });
}

/** What went wrong, in the candidate's terms: nothing was lost, and what to do next. */
function failureText(error: unknown): string {
  if (error instanceof StoreUnavailableError) return NOTICES.commandNotDone;
  if (
    discordErrorCode(error) === DISCORD_ERRORS.missingPermissions ||
    discordErrorCode(error) === DISCORD_ERRORS.missingAccess
  )
    return "I don't have permission to open a thread here. A server admin can give me Create Private Threads, Create Public Threads and Send Messages in Threads in this channel.";
  return "Something went wrong on my side and nothing was started. Please try again in a minute.";
}

async function answer(
  interaction: ChatInputCommandInteraction,
  services: ChatBotServices,
  threadType: ThreadType,
): Promise<string> {
  const guildId = interaction.guildId;
  if (!guildId) return "SecondRound works in server channels.";
  const scope = discordScope(guildId);
  const userId = interaction.user.id;
  switch (interaction.options.getSubcommand()) {
    case "start":
      return startInterview(interaction, services, threadType);
    case "status": {
      const active = await services.desk.activeInterview(scope, userId);
      return active
        ? `${statusText(active)}\nYour interview: <#${threadIdOf(active.conversation)}>`
        : "You have no interview running here. Start one with /interview start.";
    }
    case "history":
      return historyText(await services.desk.history(scope, userId));
    case "log":
      return deleteRoundOneLog(interaction, services, interaction.options.getString("delete") ?? "");
    case "end": {
      const candidate = { id: userId, name: interaction.user.username };
      const ended = await services.desk.endInterview(
        scope,
        candidate,
        interaction.id,
        interaction.createdTimestamp,
      );
      if (!ended) return "You have no interview running here.";
      return `Ending your interview. Your feedback is in <#${threadIdOf(ended.conversation)}>.`;
    }
    default:
      return DISCORD_HELP;
  }
}
