// Slack's request signing (https://api.slack.com/authentication/verifying-requests-from-slack): the app recomputes
// HMAC-SHA256(signingSecret, `v0:${timestamp}:${rawBody}`) and compares it with `X-Slack-Signature`. The tamper
// options exist so negative tests can prove the app rejects each kind of forgery, one at a time.
import { createHmac } from "node:crypto";
import { unixSeconds } from "./ids.ts";
import type { InboundRequest } from "./inbound-request.ts";

export type SignatureHeader = "x-slack-signature" | "x-slack-request-timestamp";

export type SignOptions = {
  /** The secret to sign with. Passing a different secret than the app's is the "wrong secret" forgery. */
  signingSecret: string;
  /** Unix seconds for the header and the signed base string; default now. Bolt rejects > 5 min in the past. */
  timestamp?: number;
  /** Signature scheme version, default `v0`; anything else is rejected by Bolt as an unknown version. */
  version?: string;
  /** Rewrites the body after the signature was computed, e.g. to change the command text in transit. */
  mutateBody?: (body: string) => string;
  /** Headers to leave out entirely. */
  omitHeaders?: readonly SignatureHeader[];
};

/** `v0=<hex>` for the given secret, timestamp and raw body. */
export function slackSignature(
  signingSecret: string,
  timestamp: number,
  body: string,
  version = "v0",
): string {
  const digest = createHmac("sha256", signingSecret).update(`${version}:${timestamp}:${body}`).digest("hex");
  return `${version}=${digest}`;
}

/** Adds `content-type`, `x-slack-request-timestamp` and `x-slack-signature` to a copy of the request. */
export function signSlackRequest(request: InboundRequest, options: SignOptions): InboundRequest {
  const timestamp = options.timestamp ?? unixSeconds();
  const signature = slackSignature(options.signingSecret, timestamp, request.body, options.version);
  const headers: Record<string, string> = {
    ...request.headers,
    "content-type": request.contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": signature,
  };
  for (const name of options.omitHeaders ?? []) delete headers[name];
  const body = options.mutateBody ? options.mutateBody(request.body) : request.body;
  return { ...request, body, headers };
}
