export type CappedBody =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly problem: "too-large" }
  | { readonly ok: false; readonly problem: "unavailable"; readonly detail: string };

/**
 * Reads a download's body, never holding more than `maxBytes`: the body is counted as it streams,
 * so a file that lies about its size is cut off (leaving the loop cancels the rest of the stream).
 * The bytes come back as a plain Uint8Array.
 */
export async function readCappedBody(response: Response, maxBytes: number): Promise<CappedBody> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body ?? []) {
      total += chunk.byteLength;
      if (total > maxBytes) return { ok: false, problem: "too-large" };
      chunks.push(chunk);
    }
  } catch (error) {
    return {
      ok: false,
      problem: "unavailable",
      detail: error instanceof Error ? error.message : String(error),
    };
  }
  // A plain Uint8Array, not a Buffer: document parsers (pdf.js) refuse Node Buffers.
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, bytes };
}
