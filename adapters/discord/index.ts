export { DiscordBot, type DiscordBotOptions } from "./discord-bot.ts";
export { interviewCommand } from "./interview-command.ts";
