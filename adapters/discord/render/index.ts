export { parseDiscordCustomId } from "./custom-id.ts";
export { DISCORD_LIMITS } from "./limits.ts";
export { type DiscordPayload, type DiscordRenderOptions, renderDiscordMessage } from "./render-message.ts";
