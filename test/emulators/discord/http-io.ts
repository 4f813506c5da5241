// Low-level HTTP helpers shared by the REST router and the CDN route.
import type { IncomingMessage, ServerResponse } from "node:http";

export async function readRawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    // Discord always answers JSON with this exact type; discord.js checks `startsWith("application/json")`.
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export function sendEmpty(response: ServerResponse, status = 204): void {
  response.writeHead(status);
  response.end();
}

export function sendBytes(response: ServerResponse, bytes: Uint8Array, contentType: string): void {
  response.writeHead(200, { "content-type": contentType, "content-length": bytes.byteLength });
  response.end(bytes);
}

/** Header names lower-cased, repeated headers joined, so records compare simply. */
export function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}
