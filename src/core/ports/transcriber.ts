import type { SpokenClip } from "../model/voice.ts";

/** Why a clip could not be transcribed; the wording for each is in copy. */
export type TranscriptionProblem =
  /** Longer than MAX_VOICE_SECONDS, or over MAX_VOICE_BYTES. */
  | "too-long"
  | "too-large"
  /** Not audio the provider can read (a renamed file, a damaged clip). */
  | "not-audio"
  /** Audio with no speech in it. */
  | "silent"
  /** The provider could not be reached or kept failing: try again later, or type. */
  | "unavailable";

export type Transcription =
  | { readonly ok: true; readonly clip: SpokenClip }
  | { readonly ok: false; readonly problem: TranscriptionProblem };

/**
 * Turns a voice clip's bytes into the answer's text and its delivery timing. Never throws for a bad
 * clip: the problem is a value the engine explains to the candidate.
 */
export interface Transcriber {
  /** The model or provider, for the report's label and metrics. */
  readonly name: string;
  transcribe(audio: { bytes: Uint8Array; name: string; contentType: string | null }): Promise<Transcription>;
}

/**
 * Fetches a clip again from where the platform keeps it (a Discord CDN URL, a Slack file with the
 * workspace's token, a local file for the terminal), within the size cap. Supplied by the adapter.
 */
export interface VoiceSource {
  download(
    scope: string,
    clip: { source: string; size: number },
  ): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; problem: "too-large" | "gone" | "unavailable" }>;
}
