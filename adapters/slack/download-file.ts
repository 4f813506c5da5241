import { downloadCapped } from "../shared/download-capped.ts";
import type { CappedBody } from "../shared/read-capped-body.ts";

export interface DownloadOptions {
  /** The bot token of the file's workspace; Slack serves private files only with it (files:read). */
  readonly token: string;
  readonly maxBytes: number;
  /**
   * Origins the token may be sent to. A file URL comes from Slack's signed payload, but a bot token
   * must never leave for another host, whatever a payload says.
   */
  readonly allowedOrigins: readonly string[];
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Downloads a private Slack file (`url_private_download`) with `Authorization: Bearer`, refusing
 * to read more than `maxBytes`: the declared length is checked first, then the body is counted as
 * it streams. "unavailable" covers a foreign host, an HTTP error and Slack's sign-in page (a token
 * without files:read).
 */
export async function downloadSlackFile(url: string, options: DownloadOptions): Promise<CappedBody> {
  const download = await downloadCapped(url, {
    maxBytes: options.maxBytes,
    allowedOrigins: options.allowedOrigins,
    headers: { authorization: `Bearer ${options.token}` },
    sending: "the bot token",
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    // Without a valid token Slack answers 200 with its sign-in page, not an error status.
    refuse: (response) =>
      response.headers.get("content-type")?.startsWith("text/html")
        ? "Slack served its sign-in page (check files:read)"
        : null,
  });
  if (download.ok || download.problem === "too-large") return download;
  return { ok: false, problem: "unavailable", detail: download.detail };
}
