import {
  ActionRowBuilder,
  type ChatInputCommandInteraction,
  MessageFlags,
  ModalBuilder,
  type ModalSubmitInteraction,
  TextInputBuilder,
  TextInputStyle,
} from "discord.js";
import type { ChatBotServices } from "../../src/core/engine/chat-bot-services.ts";
import { NOTICES } from "../../src/core/interview/copy.ts";
import { errorSummary } from "../../src/core/model/error-summary.ts";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import { RoundOneLogSchema } from "../../src/core/model/round-one-log.ts";
import { formatRoundOneText, parseRoundOneText } from "../../src/core/model/round-one-text.ts";
import { truncateText } from "../shared/split-text.ts";
import { discordScope } from "./conversation-keys.ts";

export const ROUND_ONE_MODAL_ID = "sr:round-one-log";
/** Discord's limit for a paragraph text input. */
const PARAGRAPH_LIMIT = 4_000;
/** Discord caps a placeholder at 100 characters. */
const EXAMPLE = "The question, then your notes below it, then How it went: badly. Blank line between.";

/**
 * `/interview log` (without `delete`): a modal with the company, role, date and the questions in
 * the plain-text form (one per paragraph). `company` given with the command fills the form with
 * that company's log, so submitting it again edits it. Shown as the first response: a modal cannot
 * follow a deferred reply.
 */
export async function showRoundOneModal(
  interaction: ChatInputCommandInteraction,
  services: ChatBotServices,
): Promise<void> {
  const company = interaction.options.getString("company") ?? "";
  const store = services.desk.roundOneLogs;
  const existing =
    company && store && interaction.guildId
      ? await store.get(discordScope(interaction.guildId), interaction.user.id, company).catch(() => null)
      : null;
  const input = (id: string, label: string, style: TextInputStyle, max: number, value: string) => {
    const field = new TextInputBuilder().setCustomId(id).setLabel(label).setStyle(style).setMaxLength(max);
    if (value) field.setValue(value.slice(0, max));
    return new ActionRowBuilder<TextInputBuilder>().addComponents(
      field.setRequired(id === "company" || id === "questions"),
    );
  };
  const questions = input(
    "questions",
    "Questions: one per paragraph, notes below",
    TextInputStyle.Paragraph,
    PARAGRAPH_LIMIT,
    existing ? formatRoundOneText(existing.entries) : "",
  );
  if (!existing) questions.components[0]?.setPlaceholder(EXAMPLE);
  const modal = new ModalBuilder()
    .setCustomId(ROUND_ONE_MODAL_ID)
    .setTitle("Your round-1 log")
    .addComponents(
      input("company", "Company", TextInputStyle.Short, 120, existing?.company ?? company),
      input("role", "Role", TextInputStyle.Short, 120, existing?.role ?? ""),
      input("date", "Date of round 1", TextInputStyle.Short, 40, existing?.date ?? ""),
      questions,
    );
  try {
    await interaction.showModal(modal);
  } catch (error) {
    // Nothing can be said to the member once the modal failed (it was the one response allowed).
    services.logger.error("discord round-one modal failed", { error: errorSummary(error) });
  }
}

/** The modal's submission: saved (replacing the company's log) or the problems, privately. */
export async function onRoundOneModal(
  interaction: ModalSubmitInteraction,
  services: ChatBotServices,
): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const text = await saveFromModal(interaction, services).catch((error: unknown) => {
    services.logger.error("discord round-one log failed", { error: errorSummary(error) });
    return error instanceof StoreUnavailableError
      ? NOTICES.commandNotDone
      : "Something went wrong on my side while saving your log. Please try again in a minute.";
  });
  await interaction.editReply({ content: truncateText(text, 2_000), allowedMentions: { parse: [] } });
}

async function saveFromModal(
  interaction: ModalSubmitInteraction,
  services: ChatBotServices,
): Promise<string> {
  const store = services.desk.roundOneLogs;
  if (!store || !interaction.guildId) return "Round-1 logs are not available here.";
  const parsed = parseRoundOneText(interaction.fields.getTextInputValue("questions"));
  if (!parsed.ok) return `${parsed.problems.join("\n")}\nNothing was saved: run \`/interview log\` again.`;
  const log = RoundOneLogSchema.safeParse({
    company: interaction.fields.getTextInputValue("company"),
    role: interaction.fields.getTextInputValue("role"),
    date: interaction.fields.getTextInputValue("date"),
    entries: parsed.value.entries,
    updatedAt: services.clock.now(),
  });
  if (!log.success) return "Please give the company and at least one question. Nothing was saved.";
  const scope = discordScope(interaction.guildId);
  const replaced = (await store.get(scope, interaction.user.id, log.data.company)) !== null;
  await store.put(scope, interaction.user.id, log.data);
  const count = log.data.entries.length;
  return `${replaced ? "Replaced" : "Saved"} your round-1 log for ${log.data.company}: ${count} question${count === 1 ? "" : "s"}. A second round there (\`/interview start\` with stage Second round) now builds on it.`;
}

/** `/interview log delete:<company>`: already deferred; the text of the private reply. */
export async function deleteRoundOneLog(
  interaction: ChatInputCommandInteraction,
  services: ChatBotServices,
  company: string,
): Promise<string> {
  const store = services.desk.roundOneLogs;
  if (!store || !interaction.guildId) return "Round-1 logs are not available here.";
  const deleted = await store.delete(discordScope(interaction.guildId), interaction.user.id, company);
  return deleted ? `Deleted your round-1 log for ${company}.` : `You have no round-1 log for ${company}.`;
}
