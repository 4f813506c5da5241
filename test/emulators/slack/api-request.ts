// Decodes a Web API call. @slack/web-api 8 sends `application/x-www-form-urlencoded` with objects JSON-stringified
// per field (`blocks=%5B…%5D`, `view=%7B…%7D`) and the token in `Authorization: Bearer`; other clients send JSON
// bodies or a `token` field. All of them end up as one parsed argument object here.
import type { IncomingMessage } from "node:http";
import type { ApiArgs } from "./types.ts";

/** Fields Slack documents as "JSON-encoded string"; parsed so tests and limits see real arrays and objects. */
const jsonFields = new Set(["blocks", "attachments", "view", "metadata", "unfurls", "user_auth_blocks"]);

export type DecodedCall = {
  token: string | undefined;
  args: ApiArgs;
  /** HTTP Basic credentials, which oauth.v2.access accepts in place of client_id / client_secret. */
  basic?: { user: string; password: string };
  /** Set when the body could not be decoded: `invalid_json`, `invalid_post_type`, `missing_post_type`. */
  error?: string;
};

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

function basicAuth(request: IncomingMessage): DecodedCall["basic"] {
  const match = request.headers.authorization?.match(/^Basic\s+(\S+)$/i);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function decodeBody(raw: Buffer, contentType: string): Promise<ApiArgs | string> {
  if (raw.length === 0) return {};
  const text = raw.toString("utf8");
  if (contentType.startsWith("application/json")) {
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
        ? (parsed as ApiArgs)
        : "invalid_json";
    } catch {
      return "invalid_json";
    }
  }
  if (contentType.startsWith("application/x-www-form-urlencoded"))
    return Object.fromEntries(new URLSearchParams(text));
  if (contentType.startsWith("multipart/form-data")) {
    const form = await new Request("http://emulator.invalid/", {
      method: "POST",
      headers: { "content-type": contentType },
      body: raw,
    }).formData();
    const args: ApiArgs = {};
    for (const [name, value] of form)
      args[name] = typeof value === "string" ? value : { filename: value.name, size: value.size };
    return args;
  }
  return contentType === "" ? "missing_post_type" : "invalid_post_type";
}

/** Strings in JSON fields become values; a field that does not parse stays a string for the method to reject. */
function parseJsonFields(args: ApiArgs): ApiArgs {
  const parsed: ApiArgs = { ...args };
  for (const name of jsonFields) {
    const value = parsed[name];
    if (typeof value !== "string") continue;
    try {
      parsed[name] = JSON.parse(value);
    } catch {
      // Left as a string: chat.* answers invalid_blocks_format, views.* invalid_arguments.
    }
  }
  return parsed;
}

export async function decodeCall(request: IncomingMessage, url: URL): Promise<DecodedCall> {
  const raw = await readBody(request);
  const body = await decodeBody(raw, request.headers["content-type"] ?? "");
  const query = Object.fromEntries(url.searchParams);
  const basic = basicAuth(request);
  if (typeof body === "string") return { token: bearerToken(request), args: query, basic, error: body };
  const { token: bodyToken, ...args } = { ...query, ...body };
  return {
    token: bearerToken(request) ?? (typeof bodyToken === "string" ? bodyToken : undefined),
    args: parseJsonFields(args),
    basic,
  };
}

export function stringArg(args: ApiArgs, name: string): string | undefined {
  const value = args[name];
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

/** Form fields carry booleans as "true"/"false" (or "1"/"0"); JSON bodies as booleans. */
export function booleanArg(args: ApiArgs, name: string): boolean | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  return value === "true" || value === "1";
}
