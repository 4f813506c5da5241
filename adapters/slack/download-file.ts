import { type CappedBody, readCappedBody } from "../shared/read-capped-body.ts";

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
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, problem: "unavailable", detail: "not a URL" };
  }
  if (!options.allowedOrigins.includes(target.origin))
    return { ok: false, problem: "unavailable", detail: `refused to send the bot token to ${target.origin}` };

  const response = await fetch(target, {
    headers: { authorization: `Bearer ${options.token}` },
    signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  }).catch((error: unknown) => error as Error);
  if (response instanceof Error) return { ok: false, problem: "unavailable", detail: response.message };
  if (!response.ok) {
    await response.body?.cancel();
    return { ok: false, problem: "unavailable", detail: `HTTP ${response.status}` };
  }
  // Without a valid token Slack answers 200 with its sign-in page, not an error status.
  if (response.headers.get("content-type")?.startsWith("text/html")) {
    await response.body?.cancel();
    return { ok: false, problem: "unavailable", detail: "Slack served its sign-in page (check files:read)" };
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > options.maxBytes) {
    await response.body?.cancel();
    return { ok: false, problem: "too-large" };
  }
  return readCappedBody(response, options.maxBytes);
}
