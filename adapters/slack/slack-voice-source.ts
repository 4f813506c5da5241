import { MAX_VOICE_BYTES } from "../../src/core/model/voice.ts";
import type { VoiceSource } from "../../src/core/ports/transcriber.ts";
import { downloadSlackFile } from "./download-file.ts";

/** Where Slack serves private files. */
export const SLACK_FILE_ORIGIN = "https://files.slack.com";

/** The origins a bot token may be sent to for files: Slack's, and a local Slack stand-in's. */
export function slackFileOrigins(apiUrl?: string): string[] {
  return [SLACK_FILE_ORIGIN, ...(apiUrl ? [new URL(apiUrl).origin] : [])];
}

/**
 * Fetches a Slack audio clip or audio file again (`url_private_download`) with its workspace's bot
 * token, only from Slack's file origin(s): the token never leaves for another host.
 */
export function slackVoiceSource(options: {
  readonly token: (teamId: string) => Promise<string | null>;
  readonly fileOrigins: readonly string[];
}): VoiceSource {
  return {
    async download(scope, clip) {
      const teamId = scope.split(":")[1] ?? "";
      const token = await options.token(teamId);
      // Uninstalled since the clip was sent: nothing can fetch it now.
      if (!token) return { ok: false, problem: "gone" };
      const body = await downloadSlackFile(clip.source, {
        token,
        maxBytes: MAX_VOICE_BYTES,
        allowedOrigins: options.fileOrigins,
        timeoutMs: 30_000,
      });
      return body.ok ? body : { ok: false, problem: body.problem };
    },
  };
}
