// What Slack POSTs to an app, before signing: a content type, the exact body bytes (the signature covers them, so
// they are fixed here once) and any extra headers such as Events API retry markers.

/**
 * Exactly this string, no `; charset=…`: Bolt form-parses only on an exact match and otherwise tries JSON.parse
 * and answers 400 (HTTPModuleFunctions.js parseHTTPRequestBody). Slack itself sends the bare type.
 */
export const formContentType = "application/x-www-form-urlencoded";
export const jsonContentType = "application/json";

export type InboundRequest = {
  contentType: string;
  /** The raw body as sent on the wire; signing and sending must not re-serialise it. */
  body: string;
  /** Extra headers (lower-case names), e.g. `x-slack-retry-num`. Signature headers are added by signing. */
  headers: Record<string, string>;
};

/** Slack's Events API retry markers; Bolt exposes them as `context.retryNum` / `context.retryReason`. */
export type RetryMarker = { num: number; reason: string };

/** Form body in field order; `undefined` fields are left out, as Slack omits absent optional fields. */
export function formRequest(fields: Record<string, string | undefined>): InboundRequest {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) params.append(name, value);
  return { contentType: formContentType, body: params.toString(), headers: {} };
}

/** Interactivity (block_actions, view_submission, shortcuts) is a single form field `payload=<json>`. */
export function payloadFormRequest(payload: unknown): InboundRequest {
  return formRequest({ payload: JSON.stringify(payload) });
}

export function jsonRequest(body: unknown, retry?: RetryMarker): InboundRequest {
  const headers: Record<string, string> = {};
  if (retry) {
    headers["x-slack-retry-num"] = String(retry.num);
    headers["x-slack-retry-reason"] = retry.reason;
  }
  return { contentType: jsonContentType, body: JSON.stringify(body), headers };
}
