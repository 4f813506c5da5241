// POST /v1/audio/transcriptions: the client uploads multipart (`file`, `model`, `prompt`,
// `response_format`, `timestamp_granularities[]`…). The upload is checked as the real API checks it
// (a supported file name, audio bytes, not damaged) and its real duration times the scripted words.
// Answers `{ text }` for json, the bare text for the plain-text formats, the full shape for verbose_json.
import type { ServerResponse } from "node:http";
import { sendError } from "./errors.ts";
import { resolveSlow, sendFault } from "./faults.ts";
import { requestId, sendJson } from "./responses.ts";
import type { ScriptQueue } from "./script-queue.ts";
import type { HostileTranscription, RecordedMultipart, TimedWord, TranscriptionReply } from "./types.ts";
import { CORRUPTED_MESSAGE, INVALID_FORMAT_MESSAGE, inspectUpload } from "./uploaded-audio.ts";
import { type Granularities, spreadWords, verboseJson } from "./verbose-json.ts";

const plainTextFormats = new Set(["text", "srt", "vtt"]);

export async function handleTranscription(
  multipart: RecordedMultipart | undefined,
  response: ServerResponse,
  queue: ScriptQueue<TranscriptionReply, RecordedMultipart>,
  signal: AbortSignal,
): Promise<void> {
  const file = multipart?.files.file;
  const missing = !file ? "file" : !multipart?.fields.model ? "model" : null;
  if (!multipart || !file || missing) {
    sendError(response, 400, {
      message: `Missing required parameter: '${missing}'.`,
      type: "invalid_request_error",
      code: "missing_required_parameter",
      param: missing,
    });
    return;
  }
  const reply = await resolveSlow(queue.next(multipart), signal);
  // Faults come from in front of the model (rate limits, a failing server): the file is not read.
  if (reply === undefined || sendFault(reply, response) || response.destroyed) return;
  if (reply.kind === "raw") {
    response.writeHead(reply.status, { "content-type": reply.contentType, "x-request-id": requestId() });
    response.end(reply.body);
    return;
  }
  const audio = await inspectUpload(file);
  if (!audio.ok) {
    sendError(response, 400, {
      message: audio.problem === "invalid-format" ? INVALID_FORMAT_MESSAGE : CORRUPTED_MESSAGE,
      type: "invalid_request_error",
      code: audio.problem === "invalid-format" ? null : "invalid_value",
      param: audio.problem === "invalid-format" ? null : "file",
    });
    return;
  }
  const format = multipart.fields.response_format ?? "json";
  const granularities = granularitiesOf(multipart);
  const duration = audio.durationSecs;
  if (reply.kind === "hostile") {
    sendHostile(response, reply.variant, duration, granularities);
    return;
  }
  const words =
    reply.kind === "timed" ? [...reply.words] : spreadWords(reply.content, duration, reply.pauses);
  const text = reply.kind === "timed" ? words.map((word) => word.word).join(" ") : reply.content;
  if (plainTextFormats.has(format)) {
    response.writeHead(200, { "content-type": "text/plain; charset=utf-8", "x-request-id": requestId() });
    response.end(text);
    return;
  }
  if (format === "verbose_json") {
    sendJson(response, 200, { ...verboseJson(words, duration, granularities, reply.language), text });
    return;
  }
  sendJson(response, 200, { text, usage: { type: "duration", seconds: Math.ceil(duration) } });
}

/** Segments unless only words were asked for; words only when asked for. */
function granularitiesOf(multipart: RecordedMultipart): Granularities {
  const asked = multipart.lists["timestamp_granularities[]"] ?? [];
  return { words: asked.includes("word"), segments: asked.length === 0 || asked.includes("segment") };
}

const SAMPLE = "So in my last role I led the migration of our billing system to Postgres.";

function sendHostile(
  response: ServerResponse,
  variant: HostileTranscription,
  duration: number,
  granularities: Granularities,
): void {
  const words = spreadWords(SAMPLE, duration);
  // The text stays the sentence as said, whatever is done to its words' timings.
  const body = (timed: TimedWord[], extra: object = {}) => ({
    ...verboseJson(timed, duration, granularities),
    text: SAMPLE,
    ...extra,
  });
  switch (variant) {
    case "out-of-order":
      sendJson(response, 200, body([...words].reverse()));
      return;
    case "beyond-duration":
      sendJson(
        response,
        200,
        body(words.map((word) => ({ ...word, start: word.start * 4, end: word.end * 4 }))),
      );
      return;
    case "negative-time":
      sendJson(response, 200, body(words.map((word) => ({ ...word, start: word.start - 5 }))));
      return;
    case "huge-text":
      sendJson(response, 200, body(words, { text: "and then ".repeat(1_200_000) }));
      return;
    case "html-page":
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "x-request-id": requestId() });
      response.end(
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
      );
      return;
    case "missing-text": {
      const { text: _text, ...rest } = body(words);
      sendJson(response, 200, rest);
      return;
    }
    case "empty-text":
      sendJson(response, 200, body([], { text: "" }));
      return;
    case "malformed-json":
      response.writeHead(200, { "content-type": "application/json", "x-request-id": requestId() });
      response.end('{"task": "transcribe", "language": "english", "text": "So in my last ro');
      return;
    case "no-speech":
      // What Whisper says over silence: a stock phrase, its segment marked as probably no speech.
      sendJson(
        response,
        200,
        verboseJson(spreadWords("Thank you.", duration), duration, granularities, "english", {
          avg_logprob: -1.45,
          no_speech_prob: 0.93,
        }),
      );
      return;
  }
}
