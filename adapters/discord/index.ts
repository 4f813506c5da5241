export { DiscordBot, type DiscordBotOptions, type DiscordShards } from "./discord-bot.ts";
export { interviewCommand } from "./interview-command.ts";
