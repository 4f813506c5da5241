// How the emulator answers: Slack's Web API is HTTP 200 with `{ok, …}` for everything except rate limits, and
// @slack/web-api turns `ok:false` into WebAPIPlatformError (`error.data.error` is the code).
import type { ServerResponse } from "node:http";
import type { ApiResult } from "./types.ts";

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

/** `ok:false` with Slack's `response_metadata.messages` (`[ERROR] … [json-pointer:/blocks/0/text]`) when known. */
export function apiError(
  error: string,
  messages: string[] = [],
  extra: Record<string, unknown> = {},
): ApiResult {
  return messages.length > 0
    ? { ok: false, error, ...extra, response_metadata: { messages } }
    : { ok: false, error, ...extra };
}

/**
 * What slack.com serves for a private file URL without a valid token: a 200 HTML sign-in page, not a 401. A
 * downloader that checks only the status would save this page as the "file".
 */
export function sendLoginPage(response: ServerResponse): void {
  const html =
    '<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8"><title>Slack</title></head>' +
    '<body><h1>Sign in to your workspace</h1><form action="/signin" method="post"></form></body></html>';
  response.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
  });
  response.end(html);
}

export function sendNotFound(response: ServerResponse): void {
  response.writeHead(404, { "content-type": "text/plain" });
  response.end("not found");
}
