import type { SlashCommandSubcommandBuilder } from "discord.js";
import {
  MAX_INTERVIEWS_PER_DAY,
  MAX_MONTHLY_TOKEN_BUDGET,
  MAX_RETENTION_DAYS,
} from "../../src/core/model/community-settings.ts";

/** `/interview admin` as registered: every option optional; none shows the settings. */
export function addAdminOptions(admin: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
  return admin
    .setName("admin")
    .setDescription("Server admins: SecondRound's settings, limits and AI budget for this server")
    .addAttachmentOption((option) =>
      option
        .setName("file")
        .setDescription("Import a settings file (YAML); nothing changes if it has a problem"),
    )
    .addIntegerOption((option) =>
      option
        .setName("daily_limit")
        .setDescription("Interviews each member may start per day (0 = no limit)")
        .setMinValue(0)
        .setMaxValue(MAX_INTERVIEWS_PER_DAY),
    )
    .addIntegerOption((option) =>
      option
        .setName("token_budget")
        .setDescription("AI coach tokens per month; then the offline coach (0 = no budget)")
        .setMinValue(0)
        .setMaxValue(MAX_MONTHLY_TOKEN_BUDGET),
    )
    .addBooleanOption((option) =>
      option.setName("ai_coach").setDescription("Use the AI coach (false: the offline coach for everyone)"),
    )
    .addStringOption((option) =>
      option
        .setName("threads")
        .setDescription("Interview threads: private (member, bot, moderators) or public (the channel)")
        .addChoices({ name: "Private", value: "private" }, { name: "Public", value: "public" }),
    )
    .addIntegerOption((option) =>
      option
        .setName("retention_days")
        .setDescription(
          `Days members' data is kept after its last change, 1 to ${MAX_RETENTION_DAYS} (0 = as the bot keeps it)`,
        )
        .setMinValue(0)
        .setMaxValue(MAX_RETENTION_DAYS),
    )
    .addBooleanOption((option) =>
      option.setName("export").setDescription("Attach the settings as a file to edit and import again"),
    );
}
