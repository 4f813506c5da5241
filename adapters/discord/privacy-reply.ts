import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  type ButtonInteraction,
  ButtonStyle,
  type ChatInputCommandInteraction,
  MessageFlags,
} from "discord.js";
import type { ChatBotServices } from "../../src/core/engine/chat-bot-services.ts";
import {
  ERASE_CANCELLED_TEXT,
  eraseWarningText,
  erasureDoneText,
  exportReadyText,
  NOT_YOUR_BUTTONS_TEXT,
  PRIVACY_BUTTONS,
  privacyOverviewText,
} from "../../src/core/engine/privacy-copy.ts";
import { NOTICES } from "../../src/core/interview/copy.ts";
import { errorSummary } from "../../src/core/model/error-summary.ts";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import { truncateText } from "../shared/split-text.ts";
import { discordScope } from "./conversation-keys.ts";
import { isAlreadyAcknowledged, isExpiredInteraction } from "./discord-errors.ts";

const CONTENT_LIMIT = 2_000;
export const EXPORT_FILE_NAME = "secondround-my-data.json";
/** `srp:<step>:<member id>`: the member is in the id, so nobody else's press is acted on. */
const PRIVACY_ID = /^srp:(export|delete|confirm|cancel):(\d{1,25})$/;
type PrivacyStep = "export" | "delete" | "confirm" | "cancel";

/** A privacy button's custom id (see PRIVACY_ID). */
export function privacyButtonId(step: PrivacyStep, memberId: string): string {
  return `srp:${step}:${memberId}`;
}

export function isPrivacyButton(customId: string): boolean {
  return PRIVACY_ID.test(customId);
}

function buttons(memberId: string, ...steps: [PrivacyStep, string, ButtonStyle][]) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    steps.map(([step, label, style]) =>
      new ButtonBuilder().setCustomId(privacyButtonId(step, memberId)).setLabel(label).setStyle(style),
    ),
  );
}

/** `/interview privacy`, already deferred as a private reply: what is kept, and the two buttons. */
export async function replyWithPrivacy(
  interaction: ChatInputCommandInteraction,
  services: ChatBotServices,
): Promise<void> {
  const memberId = interaction.user.id;
  try {
    // The server's own retention period, where its admins set one, shortens the figures.
    const guildId = interaction.guildId;
    const retention =
      guildId && services.retentionIn
        ? await services.retentionIn(discordScope(guildId))
        : services.retention;
    await interaction.editReply({
      content: truncateText(privacyOverviewText(retention, "server"), CONTENT_LIMIT),
      components: [
        buttons(
          memberId,
          ["export", PRIVACY_BUTTONS.export, ButtonStyle.Primary],
          ["delete", PRIVACY_BUTTONS.delete, ButtonStyle.Danger],
        ),
      ],
      allowedMentions: { parse: [] },
    });
  } catch (error) {
    if (!isExpiredInteraction(error)) throw error;
    services.logger.warn("discord reply window expired", { subcommand: "privacy" });
  }
}

/**
 * A press on one of the privacy reply's buttons. Only the member it was shown to may press them
 * (the reply is private, but the id is checked all the same): anyone else is told so, privately.
 */
export async function onPrivacyButton(
  interaction: ButtonInteraction,
  services: ChatBotServices,
): Promise<void> {
  const match = PRIVACY_ID.exec(interaction.customId);
  const guildId = interaction.guildId;
  if (!match || !guildId) return;
  const step = match[1] as PrivacyStep;
  const memberId = match[2] as string;
  try {
    if (interaction.user.id !== memberId) {
      await interaction.reply({ content: NOT_YOUR_BUTTONS_TEXT, flags: MessageFlags.Ephemeral });
      return;
    }
    const scope = discordScope(guildId);
    switch (step) {
      case "export":
        return await sendExport(interaction, services, scope, memberId);
      case "delete":
        await interaction.update({
          content: eraseWarningText("server"),
          components: [
            buttons(
              memberId,
              ["confirm", PRIVACY_BUTTONS.confirmDelete, ButtonStyle.Danger],
              ["cancel", PRIVACY_BUTTONS.cancel, ButtonStyle.Secondary],
            ),
          ],
        });
        return;
      case "cancel":
        await interaction.update({ content: ERASE_CANCELLED_TEXT, components: [] });
        return;
      case "confirm":
        return await erase(interaction, services, scope, memberId);
    }
  } catch (error) {
    // Another bot process took this press and answers it.
    if (isAlreadyAcknowledged(error)) return;
    throw error;
  }
}

/** The member's data as a JSON file in a private reply (as `/interview progress` sends its chart). */
async function sendExport(
  interaction: ButtonInteraction,
  services: ChatBotServices,
  scope: string,
  memberId: string,
): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  try {
    const data = await services.desk.exportMember(scope, memberId);
    const file = new AttachmentBuilder(Buffer.from(`${JSON.stringify(data, null, 2)}\n`), {
      name: EXPORT_FILE_NAME,
    });
    await interaction.editReply({ content: exportReadyText(EXPORT_FILE_NAME), files: [file] });
  } catch (error) {
    services.logger.error("discord privacy export failed", { error: errorSummary(error) });
    await interaction.editReply({ content: failureText(error, "nothing was sent") });
  }
}

async function erase(
  interaction: ButtonInteraction,
  services: ChatBotServices,
  scope: string,
  memberId: string,
): Promise<void> {
  // Acknowledged at once (the erasure can take longer than the 3-second deadline), buttons gone.
  await interaction.update({ content: "Deleting your data…", components: [] });
  try {
    const erasure = await services.desk.eraseMember(scope, memberId, "member");
    await interaction.editReply({ content: erasureDoneText(erasure) });
  } catch (error) {
    services.logger.error("discord privacy erasure failed", { error: errorSummary(error) });
    await interaction.editReply({
      content: failureText(
        error,
        "what was already deleted stays deleted, and the rest is finished automatically",
      ),
    });
  }
}

function failureText(error: unknown, outcome: string): string {
  if (error instanceof StoreUnavailableError) return NOTICES.commandNotDone;
  return `Something went wrong on my side (${outcome}). Please try again in a minute.`;
}
