// Request bodies: JSON, or multipart/form-data with `files[n]` parts plus a `payload_json` part — the shape
// @discordjs/rest builds whenever a message carries files (dist/index.js:1426-1450). Multipart is parsed by the Web
// `Request.formData()` built into Node, which avoids a hand-written parser and its edge cases.
import { DiscordHttpError, ErrorCode } from "./errors.ts";
import type { RecordedFile } from "./types.ts";

export type ParsedBody = { json: unknown; files: RecordedFile[]; multipart: boolean };

export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (raw.length === 0) return { json: undefined, files: [], multipart: false };
  if (contentType?.startsWith("multipart/form-data")) return parseMultipart(raw, contentType);
  if (contentType?.startsWith("application/json")) {
    return { json: parseJsonText(raw.toString("utf8")), files: [], multipart: false };
  }
  // Discord ignores bodies it cannot decode and then fails validation; an empty object reproduces that.
  return { json: undefined, files: [], multipart: false };
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DiscordHttpError(400, ErrorCode.General, "400: Bad Request", {
      reason: "body is not valid JSON",
    });
  }
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  const form = await new Request("http://emulator.invalid/", {
    method: "POST",
    headers: { "content-type": contentType },
    body: raw,
  }).formData();
  let json: unknown;
  const files: RecordedFile[] = [];
  for (const [field, value] of form) {
    if (typeof value === "string") {
      if (field === "payload_json") json = parseJsonText(value);
      continue;
    }
    files.push({
      field,
      filename: value.name,
      contentType: value.type || "application/octet-stream",
      size: value.size,
      bytes: new Uint8Array(await value.arrayBuffer()),
    });
  }
  return { json, files, multipart: true };
}

/** `files[3]` → 3; the index that `attachments[].id` in payload_json refers to. */
export function fileIndex(field: string): number | undefined {
  const match = /^files\[(\d+)\]$/.exec(field);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
