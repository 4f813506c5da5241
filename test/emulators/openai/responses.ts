// Low-level writers. Every response carries an `x-request-id`, which the client exposes as `requestID` on results
// and errors, so tests can check it is propagated.
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";

export function requestId(): string {
  return `req_${randomUUID().replaceAll("-", "")}`;
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  // A client that gave up (timeout) has closed the socket; writing then would only raise noise.
  if (response.destroyed) return;
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(payload),
    "x-request-id": requestId(),
    ...headers,
  });
  response.end(payload);
}

/** Server-sent events as the client's decoder expects: `data: <json>\n\n` per chunk, then `data: [DONE]`. */
export function sendEventStream(response: ServerResponse, chunks: readonly unknown[]): void {
  if (response.destroyed) return;
  response.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    "x-request-id": requestId(),
  });
  for (const chunk of chunks) response.write(`data: ${JSON.stringify(chunk)}\n\n`);
  response.end("data: [DONE]\n\n");
}
