import type { Writable } from "node:stream";
import { REST, Routes } from "discord.js";
import { interviewCommand } from "../../adapters/discord/index.ts";
import type { Config } from "../config.ts";
import { ConfigError } from "../core/model/errors.ts";

/**
 * `npm run discord:register`: puts `/interview` on Discord. With DISCORD_GUILD_ID it goes to that
 * one server and appears at once (for testing); otherwise globally (may take a while to appear).
 */
export async function registerDiscordCommands(config: Config, output: Writable): Promise<number> {
  const discord = config.discord;
  if (!discord?.applicationId)
    throw new ConfigError(
      "Registering commands needs DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID (see .env.example).",
    );
  const rest = new REST(discord.apiUrl ? { api: discord.apiUrl } : {}).setToken(discord.token);
  const route = discord.guildId
    ? Routes.applicationGuildCommands(discord.applicationId, discord.guildId)
    : Routes.applicationCommands(discord.applicationId);
  await rest.put(route, { body: [interviewCommand.toJSON()] });
  output.write(
    discord.guildId
      ? `Registered /interview in server ${discord.guildId}.\n`
      : "Registered /interview globally; it can take up to an hour to appear everywhere.\n",
  );
  return 0;
}
