import {
  AttachmentBuilder,
  type ChatInputCommandInteraction,
  MessageFlags,
  PermissionFlagsBits,
} from "discord.js";
import type { ChatBotServices } from "../../src/core/engine/chat-bot-services.ts";
import type { CommunityAdmin } from "../../src/core/engine/community-admin.ts";
import {
  NOT_AN_ADMIN_TEXT,
  SETTINGS_UNAVAILABLE_TEXT,
  settingsProblemsText,
  settingsSummaryText,
} from "../../src/core/interview/community-copy.ts";
import { NOTICES } from "../../src/core/interview/copy.ts";
import { errorSummary } from "../../src/core/model/error-summary.ts";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import { truncateText } from "../shared/split-text.ts";
import { discordScope } from "./conversation-keys.ts";
import { isAlreadyAcknowledged, isExpiredInteraction } from "./discord-errors.ts";
import { downloadAttachment } from "./download-attachment.ts";

const CONTENT_LIMIT = 2_000;
export const SETTINGS_FILE_NAME = "secondround-settings.yaml";

type AdminReply = { content: string; files: AttachmentBuilder[] };

/**
 * `/interview admin`: the server's SecondRound settings, for its admins only (Manage Server, or a
 * role in DISCORD_ADMIN_ROLE_IDS); anyone else is refused and nothing changes. With no options it
 * shows the settings and the month's token meter; `file` imports a settings file (all or nothing);
 * `daily_limit`, `token_budget`, `ai_coach`, `threads` and `retention_days` change one field each
 * (0 clears a limit or the retention period); `export`
 * attaches the settings as a file. Every reply is private.
 */
export async function handleAdminCommand(
  interaction: ChatInputCommandInteraction,
  services: ChatBotServices,
  adminRoleIds: readonly string[],
): Promise<void> {
  try {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  } catch (error) {
    if (!isAlreadyAcknowledged(error)) throw error;
    return;
  }
  const reply = await adminReply(interaction, services, adminRoleIds).catch((error: unknown): AdminReply => {
    services.logger.error("discord admin command failed", { error: errorSummary(error) });
    return {
      content:
        error instanceof StoreUnavailableError
          ? NOTICES.commandNotDone
          : "Something went wrong on my side; the settings may not have changed. Please check with /interview admin.",
      files: [],
    };
  });
  try {
    await interaction.editReply({
      content: truncateText(reply.content, CONTENT_LIMIT),
      files: reply.files,
      allowedMentions: { parse: [] },
    });
  } catch (error) {
    // Settings are the admins' business: never posted in the channel when the private window closed.
    if (!isExpiredInteraction(error)) throw error;
    services.logger.warn("discord reply window expired", { subcommand: "admin" });
  }
}

export function isAdminCommand(interaction: ChatInputCommandInteraction): boolean {
  return interaction.commandName === "interview" && interaction.options.getSubcommand(false) === "admin";
}

/** Manage Server, or one of the configured admin roles. */
export function isDiscordAdmin(
  interaction: ChatInputCommandInteraction,
  adminRoleIds: readonly string[],
): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true) return true;
  const roles = interaction.member?.roles;
  if (!roles || adminRoleIds.length === 0) return false;
  const held: readonly string[] = Array.isArray(roles) ? roles : [...roles.cache.keys()];
  return adminRoleIds.some((id) => held.includes(id));
}

async function adminReply(
  interaction: ChatInputCommandInteraction,
  services: ChatBotServices,
  adminRoleIds: readonly string[],
): Promise<AdminReply> {
  const guildId = interaction.guildId;
  if (!guildId) return { content: "SecondRound works in server channels.", files: [] };
  const admin = services.admin;
  if (!admin) return { content: SETTINGS_UNAVAILABLE_TEXT, files: [] };
  if (!isDiscordAdmin(interaction, adminRoleIds)) {
    services.logger.info("community settings refused to a non-admin", {
      audit: "settings-refused",
      scope: discordScope(guildId),
      actor: interaction.user.id,
    });
    return { content: NOT_AN_ADMIN_TEXT, files: [] };
  }
  const scope = discordScope(guildId);
  const actor = { id: interaction.user.id };
  const notes: string[] = [];
  const file = interaction.options.getAttachment("file");
  if (file) {
    const text = await downloadText(file);
    if (text === null)
      return { content: `I couldn't download ${file.name} from Discord. Please try again.`, files: [] };
    const imported = await admin.importText(scope, actor, text);
    if (!imported.ok) return { content: settingsProblemsText(imported.problems), files: [] };
    notes.push(`Imported ${file.name}: ${changedText(imported.changed)}.`);
  }
  const changes = fieldChanges(interaction);
  if (Object.keys(changes).length > 0) {
    const updated = await admin.update(scope, actor, changes);
    if (!updated.ok)
      return { content: [...notes, settingsProblemsText(updated.problems)].join("\n\n"), files: [] };
    notes.push(`Saved: ${changedText(updated.changed)}.`);
  }
  const summary = await summaryOf(admin, scope);
  const files = interaction.options.getBoolean("export")
    ? [
        new AttachmentBuilder(Buffer.from(await admin.exportText(scope), "utf8"), {
          name: SETTINGS_FILE_NAME,
        }),
      ]
    : [];
  return { content: [...notes, summary].join("\n\n"), files };
}

/** The single-field options given; 0 clears a limit or budget (back to none). */
function fieldChanges(interaction: ChatInputCommandInteraction) {
  const limit = interaction.options.getInteger("daily_limit");
  const budget = interaction.options.getInteger("token_budget");
  const aiCoach = interaction.options.getBoolean("ai_coach");
  const threads = interaction.options.getString("threads") as "private" | "public" | null;
  const retentionDays = interaction.options.getInteger("retention_days");
  return {
    ...(retentionDays === null ? {} : { retentionDays: retentionDays === 0 ? null : retentionDays }),
    ...(threads === null ? {} : { threads }),
    ...(limit === null ? {} : { interviewsPerMemberPerDay: limit === 0 ? null : limit }),
    ...(budget === null ? {} : { monthlyTokenBudget: budget === 0 ? null : budget }),
    ...(aiCoach === null ? {} : { aiCoach }),
  };
}

function changedText(changed: readonly string[]): string {
  return changed.length === 0 ? "nothing changed" : `changed ${changed.join(", ")}`;
}

async function summaryOf(admin: CommunityAdmin, scope: string): Promise<string> {
  const [settings, meter] = await Promise.all([admin.settings(scope), admin.meter(scope)]);
  return settingsSummaryText(settings, meter);
}

async function downloadText(attachment: Parameters<typeof downloadAttachment>[0]): Promise<string | null> {
  const download = await downloadAttachment(attachment);
  return download.ok ? new TextDecoder("utf-8").decode(download.bytes) : null;
}
