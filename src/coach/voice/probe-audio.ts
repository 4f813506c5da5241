import { parseBuffer } from "music-metadata";
import { MAX_VOICE_BYTES, MAX_VOICE_SECONDS } from "../../core/model/voice.ts";
import type { TranscriptionProblem } from "../../core/ports/transcriber.ts";

/** How a clip is named and typed for the upload, from what its bytes are (not what it was called). */
export interface UploadFormat {
  readonly extension: string;
  readonly mimeType: string;
}

export type AudioProbe =
  | { readonly ok: true; readonly format: UploadFormat; readonly durationSecs: number | null }
  | {
      readonly ok: false;
      readonly problem: Extract<TranscriptionProblem, "too-large" | "not-audio" | "too-long">;
    };

/**
 * The containers the transcription API takes, as music-metadata names them. Each is sent as it is,
 * never converted; the upload's name carries the matching extension, which the API goes by.
 */
const UPLOAD_FORMATS: readonly (readonly [RegExp, UploadFormat])[] = [
  [/^Ogg$/i, { extension: "ogg", mimeType: "audio/ogg" }],
  [/^WAVE$/i, { extension: "wav", mimeType: "audio/wav" }],
  [/^MPEG$/i, { extension: "mp3", mimeType: "audio/mpeg" }],
  [/^EBML\/(webm|matroska)$/i, { extension: "webm", mimeType: "audio/webm" }],
  [/^FLAC$/i, { extension: "flac", mimeType: "audio/flac" }],
  // An MP4 family container is named by its brands, e.g. "M4A/isom/iso2" or "isom/iso2/mp41".
  [/(^|\/)(M4A|M4B|mp4[12]|isom|iso[2-9]|3gp\d?|dash)(\/|$)/i, { extension: "m4a", mimeType: "audio/mp4" }],
];

/**
 * Reads a clip's headers before anything is uploaded: over MAX_VOICE_BYTES, not audio (unreadable,
 * no audio track, or a container the API does not take), or known to be longer than
 * MAX_VOICE_SECONDS is refused here, without a provider call. The duration is null when the
 * headers do not say (a recorder's WebM often does not); the provider's own duration decides then.
 */
export async function probeAudio(bytes: Uint8Array, contentType: string | null): Promise<AudioProbe> {
  if (bytes.byteLength > MAX_VOICE_BYTES) return { ok: false, problem: "too-large" };
  if (bytes.byteLength === 0) return { ok: false, problem: "not-audio" };
  // The bytes decide the parser: platforms mislabel clips (Slack calls its recorded clips video/…).
  // The MIME type is tried only when the bytes alone leave it open, since a hint forces its parser.
  const mimeType = contentType?.split(";")[0]?.trim().toLowerCase();
  const hint = mimeType?.startsWith("audio/") || mimeType?.startsWith("video/") ? { mimeType } : undefined;
  const format = (await formatOf(bytes)) ?? (hint ? await formatOf(bytes, hint) : null);
  if (!format) return { ok: false, problem: "not-audio" };
  const upload = UPLOAD_FORMATS.find(([pattern]) => pattern.test(format.container ?? ""))?.[1];
  if (!upload) return { ok: false, problem: "not-audio" };
  const duration = format.duration;
  const durationSecs = duration !== undefined && Number.isFinite(duration) && duration >= 0 ? duration : null;
  if (durationSecs !== null && durationSecs > MAX_VOICE_SECONDS) return { ok: false, problem: "too-long" };
  return { ok: true, format: upload, durationSecs };
}

type Format = Awaited<ReturnType<typeof parseBuffer>>["format"];

/** The container and codec the headers name, or null when they cannot be read as audio. */
async function formatOf(bytes: Uint8Array, hint?: { mimeType: string }): Promise<Format | null> {
  try {
    const { format } = await parseBuffer(bytes, hint, { duration: true, skipCovers: true });
    // A parser forced by a MIME type over other bytes reports "audio" with no container or codec.
    return format.hasAudio && format.container && format.codec ? format : null;
  } catch {
    return null;
  }
}
