import type { Attachment } from "discord.js";

/** The documents module refuses bigger files anyway; this stops a big download before it starts. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 15_000;

export type Download = { ok: true; bytes: Uint8Array } | { ok: false; reason: "too-large" | "unavailable" };

/** Downloads an attachment from Discord's CDN, never reading more than the cap. */
export async function downloadAttachment(attachment: Attachment): Promise<Download> {
  if (attachment.size > MAX_DOCUMENT_BYTES) return { ok: false, reason: "too-large" };
  let response: Response;
  try {
    response = await fetch(attachment.url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch {
    return { ok: false, reason: "unavailable" };
  }
  if (!response.ok || !response.body) return { ok: false, reason: "unavailable" };
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    // The declared size can lie; the bytes cannot.
    if (total > MAX_DOCUMENT_BYTES) return { ok: false, reason: "too-large" };
    chunks.push(chunk);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
