// POST /v1/audio/transcriptions: the client uploads multipart (`file`, `model`, …) and expects `{ text }`, or the
// bare text for the plain-text response formats.
import type { ServerResponse } from "node:http";
import { sendError } from "./errors.ts";
import { resolveSlow, sendFault } from "./faults.ts";
import { requestId, sendJson } from "./responses.ts";
import type { ScriptQueue } from "./script-queue.ts";
import type { RecordedMultipart, TranscriptionReply } from "./types.ts";

const plainTextFormats = new Set(["text", "srt", "vtt"]);

export async function handleTranscription(
  multipart: RecordedMultipart | undefined,
  response: ServerResponse,
  queue: ScriptQueue<TranscriptionReply, RecordedMultipart>,
  signal: AbortSignal,
): Promise<void> {
  const missing = !multipart
    ? "file"
    : !multipart.files.file
      ? "file"
      : !multipart.fields.model
        ? "model"
        : null;
  if (!multipart || missing) {
    sendError(response, 400, {
      message: `Missing required parameter: '${missing}'.`,
      type: "invalid_request_error",
      code: "missing_required_parameter",
      param: missing,
    });
    return;
  }
  const reply = await resolveSlow(queue.next(multipart), signal);
  if (reply === undefined || sendFault(reply, response)) return;
  if (response.destroyed) return;
  if (plainTextFormats.has(multipart.fields.response_format ?? "")) {
    response.writeHead(200, { "content-type": "text/plain; charset=utf-8", "x-request-id": requestId() });
    response.end(reply.content);
    return;
  }
  sendJson(response, 200, { text: reply.content });
}
