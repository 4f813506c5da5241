import OpenAI, { toFile } from "openai";
import type { SpokenClip, Transcript } from "../../core/model/voice.ts";
import type { Logger } from "../../core/ports/ports.ts";
import type { Transcriber, Transcription, TranscriptionProblem } from "../../core/ports/transcriber.ts";
import { FILLER_PROMPT } from "../voice/filler-prompt.ts";
import { probeAudio } from "../voice/probe-audio.ts";
import { readVerboseTranscript } from "../voice/read-verbose-transcript.ts";
import { mapOpenAIError } from "./map-openai-error.ts";
import type { ProviderCircuit } from "./provider-circuit.ts";

export interface OpenAITranscriberOptions {
  /** Its `timeout` (per attempt) and `maxRetries` (429, 5xx, connection errors) bound each try. */
  readonly client: OpenAI;
  /** e.g. whisper-1: the one model whose `verbose_json` has word and segment timestamps. */
  readonly model: string;
  /** The transcript's delivery counts and spans; the clip is the text and its timing. */
  readonly analyse: (transcript: Transcript) => SpokenClip;
  /** The endpoint's circuit breaker and call deadline (retries and Retry-After waits included). */
  readonly circuit?: ProviderCircuit;
  readonly logger?: Logger;
  /** Replaces the filler-keeping prompt (tests, other providers' styles). */
  readonly prompt?: string;
}

/** The provider's 400s about the file itself: a format it cannot read, or a damaged clip. */
const FILE_REFUSED = /invalid file format|corrupted|unsupported|could not (be )?decode|failed to decode/i;
const TOO_LONG = /too long|longer than|maximum (audio )?duration/i;

/**
 * Voice clips to text on any OpenAI-compatible `/audio/transcriptions` endpoint, with word and
 * segment timestamps (`verbose_json`). The clip's headers are read first, so a file that is not
 * audio, too large or too long never leaves the process; the bytes go as they are, under a name
 * made from their format (the candidate's file name is not sent). The reply is checked before any
 * of it is used. Failures are values: the provider's are "unavailable", its refusal of the file
 * "not-audio". The transcript and the provider's error text are never logged.
 */
export class OpenAITranscriber implements Transcriber {
  readonly #options: OpenAITranscriberOptions;

  constructor(options: OpenAITranscriberOptions) {
    this.#options = options;
  }

  get name(): string {
    return this.#options.model;
  }

  async transcribe(audio: {
    bytes: Uint8Array;
    name: string;
    contentType: string | null;
  }): Promise<Transcription> {
    const { client, model, circuit, logger } = this.#options;
    const probe = await probeAudio(audio.bytes, audio.contentType);
    if (!probe.ok) {
      logger?.info("voice clip refused before transcription", { model, problem: probe.problem });
      return { ok: false, problem: probe.problem };
    }
    const prompt = this.#options.prompt ?? FILLER_PROMPT;
    const body = {
      file: await toFile(audio.bytes, `voice.${probe.format.extension}`, { type: probe.format.mimeType }),
      model,
      prompt,
      response_format: "verbose_json" as const,
      timestamp_granularities: ["word" as const, "segment" as const],
    };
    let reply: unknown;
    try {
      reply = circuit
        ? await circuit.run((signal) => client.audio.transcriptions.create(body, { signal }))
        : await client.audio.transcriptions.create(body);
    } catch (error) {
      return { ok: false, problem: this.#failed(error) };
    }
    const reading = readVerboseTranscript(reply, { probedDurationSecs: probe.durationSecs, prompt });
    if (!reading.ok) {
      const log = reading.problem === "unavailable" ? logger?.warn : logger?.info;
      log?.call(logger, "transcription reply not used", {
        model,
        problem: reading.problem,
        reason: reading.reason,
      });
      return { ok: false, problem: reading.problem };
    }
    if (reading.dropped.length > 0)
      logger?.warn("transcription timings out of order or past the clip; left out", {
        model,
        dropped: reading.dropped,
      });
    const { transcript } = reading;
    logger?.debug("voice clip transcribed", {
      model,
      durationMs: transcript.durationMs,
      words: transcript.words.length,
      segments: transcript.segments.length,
    });
    return { ok: true, clip: this.#options.analyse(transcript) };
  }

  /** The problem for a failed call, logged by its kind, status and code only. */
  #failed(error: unknown): TranscriptionProblem {
    // Anything that is not the provider's (a bug here) is thrown on by mapOpenAIError.
    const { failure } = mapOpenAIError(error, "transcribe");
    const status = error instanceof OpenAI.APIError ? error.status : undefined;
    const problem = problemFor(error);
    this.#options.logger?.warn("transcription failed", {
      model: this.#options.model,
      problem,
      failure,
      error: error instanceof Error ? error.name : typeof error,
      ...(status === undefined ? {} : { status }),
      ...(error instanceof OpenAI.APIError && typeof error.code === "string"
        ? { code: error.code.slice(0, 60) }
        : {}),
      ...(error instanceof OpenAI.APIError && error.requestID ? { requestId: error.requestID } : {}),
    });
    return problem;
  }
}

function problemFor(error: unknown): TranscriptionProblem {
  if (error instanceof OpenAI.APIError && error.status === 413) return "too-large";
  if (error instanceof OpenAI.BadRequestError) {
    // Read to classify, never logged: a provider's message may quote what it was sent.
    if (FILE_REFUSED.test(error.message)) return "not-audio";
    if (TOO_LONG.test(error.message)) return "too-long";
  }
  return "unavailable";
}
