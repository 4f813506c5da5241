import OpenAI from "openai";
import type { TranscriptionConfig } from "../../config.ts";
import type { SpokenClip, Transcript } from "../../core/model/voice.ts";
import type { Logger } from "../../core/ports/ports.ts";
import type { Transcriber } from "../../core/ports/transcriber.ts";
import { OpenAITranscriber } from "./openai-transcriber.ts";
import { ProviderCircuit } from "./provider-circuit.ts";

/**
 * The configured transcriber, or null when there is no transcription provider (voice answers need
 * one). Its endpoint gets a circuit breaker of its own: transcription may run on another server
 * than the coach, and a Whisper outage must not pause the coach (nor the other way round).
 */
export function createTranscriber(
  config: TranscriptionConfig | null,
  analyse: (transcript: Transcript) => SpokenClip,
  logger?: Logger,
): Transcriber | null {
  if (config === null) return null;
  const client = new OpenAI({
    // Local Whisper servers accept any key; the SDK insists on one.
    apiKey: config.apiKey ?? "unused",
    baseURL: config.baseURL,
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
  });
  const provider = `${config.baseURL ? new URL(config.baseURL).host : "api.openai.com"} transcription`;
  const circuit = new ProviderCircuit(
    { ...config.breaker, callDeadlineMs: config.callDeadlineMs },
    logger,
    provider,
  );
  return new OpenAITranscriber({
    client,
    model: config.model,
    analyse,
    circuit,
    ...(logger ? { logger } : {}),
  });
}
