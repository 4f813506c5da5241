import { type Client, Events } from "discord.js";
import type { ChatBotServices } from "../../src/core/engine/chat-bot-services.ts";
import { discordScope } from "./conversation-keys.ts";

/** Kept after a server removes the bot, so an accidental kick is recoverable. */
export const DEFAULT_REMOVAL_GRACE_MS = 7 * 24 * 60 * 60_000;

/**
 * A server that removes the bot has its data erased once the grace period is over (serve's erasure
 * sweep, InterviewDesk.eraseDueCommunities), as a Slack workspace is on uninstall. Adding the bot
 * back in time keeps everything: joining a server, and every server present when the bot connects
 * (it may have been re-added while no process was running), cancels a pending erasure.
 *
 * A server that is only unavailable (a Discord outage) is not a removal: discord.js reports that
 * as `guildUnavailable`, not `guildDelete`.
 */
export function eraseServersThatRemoveTheBot(
  client: Client,
  services: ChatBotServices,
  graceMs: number,
  guard: (kind: string, work: () => Promise<void>) => void,
): void {
  const { desk, clock, logger } = services;
  client.on(Events.GuildDelete, (guild) =>
    guard("server removal", async () => {
      const dueAt = clock.now() + graceMs;
      await desk.scheduleCommunityErasure(discordScope(guild.id), dueAt);
      logger.info("discord server removed the bot; its data is erased after the grace period", {
        guildId: guild.id,
        erasedAt: new Date(dueAt).toISOString(),
      });
    }),
  );
  const keep = async (guildId: string) => {
    if (await desk.cancelCommunityErasure(discordScope(guildId)))
      logger.info("discord server added the bot back; its data is kept", { guildId });
  };
  client.on(Events.GuildCreate, (guild) => guard("server added", () => keep(guild.id)));
  client.once(Events.ClientReady, (ready) =>
    guard("servers present", async () => {
      for (const guildId of ready.guilds.cache.keys()) await keep(guildId);
    }),
  );
}
