// What the transcription API makes of an upload before transcribing it: a supported file name, bytes
// that are audio, and the audio's real duration. WAV and Ogg are read here, page by page and chunk by
// chunk (checksums included), so a damaged voice message is refused as the real API refuses it;
// other containers the API takes are read with music-metadata.
import { parseBuffer } from "music-metadata";
import { oggCrc32 } from "../../support/ogg-crc.ts";

/** The real API's list, in its own words. */
export const SUPPORTED_FORMATS = ["flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm"];
export const INVALID_FORMAT_MESSAGE = `Invalid file format. Supported formats: [${SUPPORTED_FORMATS.map((format) => `'${format}'`).join(", ")}]`;
export const CORRUPTED_MESSAGE = "Audio file might be corrupted or unsupported";

export type UploadedAudio =
  | { ok: true; durationSecs: number }
  | { ok: false; problem: "invalid-format" | "corrupted" };

export async function inspectUpload(file: { name: string; bytes: Uint8Array }): Promise<UploadedAudio> {
  const extension = file.name.toLowerCase().split(".").at(-1) ?? "";
  if (!file.name.includes(".") || !SUPPORTED_FORMATS.includes(extension))
    return { ok: false, problem: "invalid-format" };
  const { bytes } = file;
  if (startsWith(bytes, "RIFF") && ascii(bytes, 8, 4) === "WAVE") return wavDuration(bytes);
  if (startsWith(bytes, "OggS")) return oggDuration(bytes);
  if (!looksLikeOtherAudio(bytes)) return { ok: false, problem: "invalid-format" };
  try {
    const { format } = await parseBuffer(bytes, undefined, { duration: true });
    if (!format.hasAudio || format.duration === undefined) return { ok: false, problem: "corrupted" };
    return { ok: true, durationSecs: format.duration };
  } catch {
    return { ok: false, problem: "corrupted" };
  }
}

/** RIFF chunks up to `data`: its size over the format's byte rate. */
function wavDuration(bytes: Uint8Array): UploadedAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let byteRate = 0;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4);
    const size = view.getUint32(offset + 4, true);
    if (id === "fmt " && size >= 16 && offset + 24 <= bytes.length)
      byteRate = view.getUint32(offset + 16, true);
    if (id === "data") {
      if (byteRate === 0) return { ok: false, problem: "corrupted" };
      // A recording cut short still plays up to where it stops, as ffmpeg reads it.
      const available = Math.min(size, bytes.length - offset - 8);
      return { ok: true, durationSecs: available / byteRate };
    }
    offset += 8 + size + (size % 2);
  }
  return { ok: false, problem: "corrupted" };
}

/**
 * Every page must be whole with a matching checksum; the first must be an Opus or Vorbis header.
 * Duration: the last granule position (less Opus's pre-skip) over the sample rate.
 */
function oggDuration(bytes: Uint8Array): UploadedAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  let rate = 0;
  let preSkip = 0;
  let lastGranule = 0n;
  let first = true;
  while (offset < bytes.length) {
    if (offset + 27 > bytes.length || ascii(bytes, offset, 4) !== "OggS")
      return { ok: false, problem: "corrupted" };
    const segments = bytes[offset + 26] ?? 0;
    let size = 27 + segments;
    for (let index = 0; index < segments; index += 1) size += bytes[offset + 27 + index] ?? 0;
    if (offset + size > bytes.length) return { ok: false, problem: "corrupted" };
    const page = bytes.slice(offset, offset + size);
    const stored = view.getUint32(offset + 22, true);
    page.fill(0, 22, 26);
    if (oggCrc32(page) !== stored) return { ok: false, problem: "corrupted" };
    const body = offset + 27 + segments;
    if (first) {
      if (ascii(bytes, body, 8) === "OpusHead") {
        rate = 48_000;
        preSkip = view.getUint16(body + 10, true);
      } else if (ascii(bytes, body + 1, 6) === "vorbis") {
        rate = view.getUint32(body + 12, true);
      } else return { ok: false, problem: "corrupted" };
      first = false;
    }
    const granule = view.getBigInt64(offset + 6, true);
    if (granule > 0n) lastGranule = granule;
    offset += size;
  }
  if (rate === 0) return { ok: false, problem: "corrupted" };
  return { ok: true, durationSecs: Math.max(0, Number(lastGranule) - preSkip) / rate };
}

/** FLAC, MP3 (ID3 or a frame sync), MP4/M4A (ftyp) or WebM (EBML): worth handing to a decoder. */
function looksLikeOtherAudio(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, "fLaC") ||
    startsWith(bytes, "ID3") ||
    (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0) ||
    ascii(bytes, 4, 4) === "ftyp" ||
    (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
  );
}

function startsWith(bytes: Uint8Array, text: string): boolean {
  return ascii(bytes, 0, text.length) === text;
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}
