import type { Attachment } from "discord.js";
import { type CappedBody, readCappedBody } from "../shared/read-capped-body.ts";

/** The documents module refuses bigger files anyway; this stops a big download before it starts. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 15_000;

/** Downloads an attachment from Discord's CDN, never reading more than the cap. */
export async function downloadAttachment(attachment: Attachment): Promise<CappedBody> {
  if (attachment.size > MAX_DOCUMENT_BYTES) return { ok: false, problem: "too-large" };
  let response: Response;
  try {
    response = await fetch(attachment.url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    return { ok: false, problem: "unavailable", detail: String(error) };
  }
  if (!response.ok || !response.body)
    return { ok: false, problem: "unavailable", detail: `HTTP ${response.status}` };
  // The declared size can lie; the bytes cannot.
  return readCappedBody(response, MAX_DOCUMENT_BYTES);
}
