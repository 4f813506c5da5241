import { readCappedBody } from "./read-capped-body.ts";

export interface CappedDownloadOptions {
  readonly maxBytes: number;
  /** Origins the request may go to, whatever the URL says (a token must never leave for another host). */
  readonly allowedOrigins: readonly string[];
  readonly headers?: Record<string, string>;
  /** What would have been sent to a refused origin, for the log ("the bot token"). */
  readonly sending?: string;
  readonly timeoutMs: number;
  /** Why a successful response is not the file after all (a sign-in page, say), or null when it is. */
  readonly refuse?: (response: Response) => string | null;
}

export type CappedDownload =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly problem: "too-large" }
  /** `status`: the host's HTTP error, when it answered with one; `invalidUrl`: not a URL at all. */
  | {
      readonly ok: false;
      readonly problem: "unavailable";
      readonly detail: string;
      readonly status?: number;
      readonly invalidUrl?: true;
    };

/**
 * Downloads a file from a platform's file host, only from the origins given, never reading more
 * than `maxBytes`: the declared length is checked first, then the body is counted as it streams.
 */
export async function downloadCapped(url: string, options: CappedDownloadOptions): Promise<CappedDownload> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, problem: "unavailable", detail: "not a URL", invalidUrl: true };
  }
  if (!options.allowedOrigins.includes(target.origin))
    return {
      ok: false,
      problem: "unavailable",
      detail: `refused to send ${options.sending ?? "the request"} to ${target.origin}`,
    };
  const response = await fetch(target, {
    ...(options.headers ? { headers: options.headers } : {}),
    signal: AbortSignal.timeout(options.timeoutMs),
  }).catch((error: unknown) => error as Error);
  if (response instanceof Error) return { ok: false, problem: "unavailable", detail: response.message };
  if (!response.ok) {
    await response.body?.cancel();
    return { ok: false, problem: "unavailable", detail: `HTTP ${response.status}`, status: response.status };
  }
  const refused = options.refuse?.(response) ?? null;
  if (refused !== null) {
    await response.body?.cancel();
    return { ok: false, problem: "unavailable", detail: refused };
  }
  if (Number(response.headers.get("content-length") ?? "0") > options.maxBytes) {
    await response.body?.cancel();
    return { ok: false, problem: "too-large" };
  }
  return readCappedBody(response, options.maxBytes);
}
