import { AttachmentBuilder, type ChatInputCommandInteraction } from "discord.js";
import type { ChatBotServices } from "../../src/core/engine/chat-bot-services.ts";
import { NOTICES } from "../../src/core/interview/copy.ts";
import { errorSummary } from "../../src/core/model/error-summary.ts";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import { truncateText } from "../shared/split-text.ts";
import { discordScope } from "./conversation-keys.ts";
import { isExpiredInteraction } from "./discord-errors.ts";

const CONTENT_LIMIT = 2_000;
/** Discord's limit on an attachment's description (its alt text). */
const DESCRIPTION_LIMIT = 1_024;
export const PROGRESS_FILE_NAME = "secondround-progress.png";

/**
 * `/interview progress`, already deferred as a private reply: the member's progress chart as a
 * PNG file in that reply, with its text summary as the message and as the picture's alt text
 * (screen readers read either). No finished interview yet: a friendly text and no picture.
 */
export async function replyWithProgress(
  interaction: ChatInputCommandInteraction,
  services: ChatBotServices,
): Promise<void> {
  const reply = await progressReply(interaction, services).catch((error: unknown) => {
    services.logger.error("discord progress command failed", { error: errorSummary(error) });
    return {
      content:
        error instanceof StoreUnavailableError
          ? NOTICES.commandNotDone
          : "Something went wrong on my side while drawing your progress. Please try again in a minute.",
      files: [],
    };
  });
  try {
    await interaction.editReply({ ...reply, allowedMentions: { parse: [] } });
  } catch (error) {
    // Personal: never posted in the channel when the private reply window has closed.
    if (!isExpiredInteraction(error)) throw error;
    services.logger.warn("discord reply window expired", { subcommand: "progress" });
  }
}

async function progressReply(
  interaction: ChatInputCommandInteraction,
  services: ChatBotServices,
): Promise<{ content: string; files: AttachmentBuilder[] }> {
  const guildId = interaction.guildId;
  if (!guildId) return { content: "SecondRound works in server channels.", files: [] };
  const entries = await services.desk.progress(discordScope(guildId), interaction.user.id);
  if (entries === null) return { content: "Progress is not kept on this server.", files: [] };
  // Loaded on first use: the charting library is only needed by this command.
  const { progressSummary } = await import("../../src/progress/progress-summary.ts");
  const summary = progressSummary(entries);
  if (entries.length === 0) return { content: summary, files: [] };
  const { renderProgressChart } = await import("../../src/progress/render-progress-chart.ts");
  const png = await renderProgressChart(entries);
  const file = new AttachmentBuilder(png, {
    name: PROGRESS_FILE_NAME,
    description: truncateText(summary, DESCRIPTION_LIMIT),
  });
  return { content: truncateText(summary, CONTENT_LIMIT), files: [file] };
}
