// Entry point for tests: a local Discord (REST + gateway + CDN on one 127.0.0.1 port) for the real discord.js 14.
//
//   const discord = new DiscordEmulator();
//   await discord.start();
//   const client = new Client({
//     intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
//     rest: { api: discord.apiUrl, version: "10", retries: 0, timeout: 5000 },
//     waitGuildTimeout: 1000,
//   });
//   await client.login(discord.botToken);
//   const run = await discord.runSlashCommand({ userId, channelId: discord.defaultChannelId, name: "interview" });
//   await discord.waitFor(() => discord.interactionResponses(run.id).length > 0);
//   await client.destroy();
//   await discord.stop();
export type { ButtonClickInput, ModalSubmitInput, SlashCommandInput } from "./actors-interactions.ts";
export type {
  LinkPreviewInput,
  UserDeleteInput,
  UserEditInput,
  UserMessageInput,
} from "./actors-messages.ts";
export { DiscordEmulator } from "./discord-emulator.ts";
export { ErrorCode } from "./errors.ts";
export { Limits } from "./message-limits.ts";
export { NONCE_WINDOW_MS } from "./messages.ts";
export type { PermissionName } from "./permissions.ts";
export type { HoldMode, HoldSpec, ResponseHold } from "./response-holds.ts";
export { snowflakeTime } from "./snowflake.ts";
export type * from "./types.ts";
