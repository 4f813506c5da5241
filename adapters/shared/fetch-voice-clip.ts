import { MAX_VOICE_BYTES } from "../../src/core/model/voice.ts";
import type { VoiceSource } from "../../src/core/ports/transcriber.ts";
import { downloadCapped } from "./download-capped.ts";

type Fetched = Awaited<ReturnType<VoiceSource["download"]>>;

const DOWNLOAD_TIMEOUT_MS = 30_000;

/** A file host's answer for a file that is no longer there: deleted, or its signed URL expired. */
const GONE_STATUSES = new Set([403, 404, 410]);

/**
 * Downloads a voice clip from a platform's file host, only from the origins given, never reading
 * more than the voice cap. An expired or deleted file (403/404/410) is "gone": the candidate is told
 * to record it again; anything else that fails is "unavailable".
 */
export async function fetchVoiceClip(
  url: string,
  options: { readonly allowedOrigins: readonly string[] },
): Promise<Fetched> {
  const download = await downloadCapped(url, {
    maxBytes: MAX_VOICE_BYTES,
    allowedOrigins: options.allowedOrigins,
    timeoutMs: DOWNLOAD_TIMEOUT_MS,
  });
  if (download.ok) return download;
  if (download.problem === "too-large") return { ok: false, problem: "too-large" };
  const gone =
    download.invalidUrl === true || (download.status !== undefined && GONE_STATUSES.has(download.status));
  return { ok: false, problem: gone ? "gone" : "unavailable" };
}
