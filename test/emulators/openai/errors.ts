// OpenAI-shaped error responses. The client reads `error.message` / `error.code` and maps the status to an error
// class (429 → RateLimitError, ≥500 → InternalServerError), so the shape must match the real API's.
import type { ServerResponse } from "node:http";
import { sendJson } from "./responses.ts";

export type ErrorDetails = { message: string; type: string; code: string | null; param?: string | null };

export function sendError(
  response: ServerResponse,
  status: number,
  details: ErrorDetails,
  headers: Record<string, string> = {},
): void {
  const { message, type, code, param = null } = details;
  sendJson(response, status, { error: { message, type, param, code } }, headers);
}

/** 429 with `retry-after`, which the client honours (when ≤ 60 s) before retrying. */
export function sendRateLimit(response: ServerResponse, retryAfterSeconds: number): void {
  sendError(
    response,
    429,
    {
      message: "Rate limit reached for requests (emulated). Please try again later.",
      type: "requests",
      code: "rate_limit_exceeded",
    },
    { "retry-after": String(retryAfterSeconds) },
  );
}

export function sendServerError(
  response: ServerResponse,
  message = "The server had an error (emulated).",
): void {
  sendError(response, 500, { message, type: "server_error", code: null });
}

/** The real API answers unknown routes like this; the client turns it into NotFoundError. */
export function sendNotFound(response: ServerResponse, method: string, path: string): void {
  sendError(response, 404, {
    message: `Invalid URL (${method} ${path})`,
    type: "invalid_request_error",
    code: null,
  });
}
