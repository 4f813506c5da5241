// Reads and decodes request bodies. Multipart is parsed by the Web `Request.formData()` built into Node, which
// avoids a hand-written parser (and its edge cases) without adding a dependency.
import type { IncomingMessage } from "node:http";
import type { RecordedMultipart } from "./types.ts";

export async function readRawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parsed JSON, or undefined when the body is empty or not JSON (recorded as-is; routes decide what to do). */
export function parseJson(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0 || !contentType?.includes("json")) return undefined;
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    return undefined;
  }
}

export async function parseMultipart(raw: Buffer, contentType: string): Promise<RecordedMultipart> {
  const form = await new Request("http://emulator.invalid/", {
    method: "POST",
    headers: { "content-type": contentType },
    body: raw,
  }).formData();
  const multipart: RecordedMultipart = { fields: {}, lists: {}, files: {} };
  for (const [name, value] of form) {
    if (typeof value === "string") {
      multipart.fields[name] = value;
      multipart.lists[name] = [...(multipart.lists[name] ?? []), value];
    } else {
      const bytes = new Uint8Array(await value.arrayBuffer());
      multipart.files[name] = { name: value.name, size: value.size, type: value.type, bytes };
    }
  }
  return multipart;
}
