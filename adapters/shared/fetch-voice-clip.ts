import { MAX_VOICE_BYTES } from "../../src/core/model/voice.ts";
import { readCappedBody } from "./read-capped-body.ts";

type Fetched = Awaited<ReturnType<import("../../src/core/ports/transcriber.ts").VoiceSource["download"]>>;

const DOWNLOAD_TIMEOUT_MS = 30_000;

/**
 * Downloads a voice clip from a platform's file host, only from the origins given, never reading
 * more than the voice cap. An expired or deleted file (403/404/410) is "gone": the candidate is told
 * to record it again; anything else that fails is "unavailable".
 */
export async function fetchVoiceClip(
  url: string,
  options: { readonly allowedOrigins: readonly string[]; readonly headers?: Record<string, string> },
): Promise<Fetched> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, problem: "gone" };
  }
  if (!options.allowedOrigins.includes(target.origin)) return { ok: false, problem: "unavailable" };
  const response = await fetch(target, {
    ...(options.headers ? { headers: options.headers } : {}),
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
  }).catch(() => null);
  if (!response) return { ok: false, problem: "unavailable" };
  if (!response.ok) {
    await response.body?.cancel();
    return { ok: false, problem: [403, 404, 410].includes(response.status) ? "gone" : "unavailable" };
  }
  if (Number(response.headers.get("content-length") ?? "0") > MAX_VOICE_BYTES) {
    await response.body?.cancel();
    return { ok: false, problem: "too-large" };
  }
  const body = await readCappedBody(response, MAX_VOICE_BYTES);
  return body.ok ? body : { ok: false, problem: body.problem };
}
