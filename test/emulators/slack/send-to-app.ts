// POSTs an inbound request to the app under test exactly as built: the body string is sent untouched so the
// signature computed over it still matches (re-serialising would change the bytes).
import type { InboundRequest } from "./inbound-request.ts";

export type AppResponse = {
  status: number;
  /** The raw response text; Bolt answers ack() bodies as JSON or plain text, and errors with an empty body. */
  body: string;
  headers: Record<string, string>;
  /** `body` parsed as JSON, or undefined when it is empty or not JSON. */
  json: unknown;
};

/** `timeoutMs` is only when to give up on the app: generous, as the app may be a `serve` process on a busy machine. */
export async function sendToApp(
  url: string,
  request: InboundRequest,
  timeoutMs = 30_000,
): Promise<AppResponse> {
  const headers = { "content-type": request.contentType, ...request.headers };
  const response = await fetch(url, {
    method: "POST",
    headers,
    body: request.body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = await response.text();
  let json: unknown;
  try {
    json = body === "" ? undefined : JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status: response.status, body, headers: Object.fromEntries(response.headers), json };
}
