import { statSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import type { AttachmentInfo } from "../../src/core/model/inbound-event.ts";

/** Content types by extension for the formats transcription providers accept as they are. */
const AUDIO_TYPES: Record<string, string> = {
  ".ogg": "audio/ogg",
  ".oga": "audio/ogg",
  ".opus": "audio/ogg",
  ".wav": "audio/wav",
  ".mp3": "audio/mpeg",
  ".mpga": "audio/mpeg",
  ".m4a": "audio/mp4",
  ".mp4": "audio/mp4",
  ".webm": "audio/webm",
  ".flac": "audio/flac",
};

export type AudioLine =
  | { readonly kind: "not-audio-command" }
  | { readonly kind: "clip"; readonly attachment: AttachmentInfo }
  /** Why the named file cannot be sent, for the candidate; nothing reaches the interview. */
  | { readonly kind: "problem"; readonly message: string };

/**
 * `/audio FILE` (a path, quoted or not): the recording as an attachment of the current answer, the
 * terminal's equivalent of a voice message. Its type comes from its extension; what is in it is
 * checked when it is transcribed.
 */
export function audioLine(line: string, cwd = process.cwd()): AudioLine {
  const match = /^\s*\/audio(?:\s+(.*))?$/i.exec(line);
  if (!match) return { kind: "not-audio-command" };
  const named = (match[1] ?? "").trim().replace(/^(["'])(.*)\1$/, "$2");
  if (named === "") return { kind: "problem", message: "Name the recording to send, e.g. /audio answer.m4a" };
  const path = resolve(cwd, named);
  const contentType = AUDIO_TYPES[extname(path).toLowerCase()];
  if (!contentType)
    return {
      kind: "problem",
      message: `${basename(path)} isn't a recording I can read: use an .m4a, .mp3, .wav, .ogg, .webm or .flac file.`,
    };
  try {
    const file = statSync(path);
    if (!file.isFile()) return { kind: "problem", message: `${named} is not a file.` };
    return { kind: "clip", attachment: { name: basename(path), contentType, size: file.size, url: path } };
  } catch {
    return { kind: "problem", message: `There is no file at ${named}. Check the path and try again.` };
  }
}
