export { DiscordBot, type DiscordBotOptions, type DiscordShards } from "./discord-bot.ts";
export { discordVoiceSource } from "./discord-voice-source.ts";
export { interviewCommand } from "./interview-command.ts";
