import type { VoiceSource } from "../../src/core/ports/transcriber.ts";
import { fetchVoiceClip } from "../shared/fetch-voice-clip.ts";

/** Where Discord serves attachments: a stored clip URL is fetched from nowhere else. */
export const DISCORD_CDN_ORIGINS = ["https://cdn.discordapp.com", "https://media.discordapp.net"] as const;

/**
 * Fetches a Discord voice message or audio attachment again from the CDN. Attachment URLs are signed
 * and need no token, so a worker without the bot token can fetch them too. `apiUrl` is a Discord
 * API stand-in (a local emulator), whose origin also serves its attachments.
 */
export function discordVoiceSource(apiUrl?: string): VoiceSource {
  const allowedOrigins = [...DISCORD_CDN_ORIGINS, ...(apiUrl ? [new URL(apiUrl).origin] : [])];
  return { download: (_scope, clip) => fetchVoiceClip(clip.source, { allowedOrigins }) };
}
