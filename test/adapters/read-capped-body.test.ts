import { describe, expect, it } from "vitest";
import { readCappedBody } from "../../adapters/shared/read-capped-body.ts";

function streamed(...chunks: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body);
}

describe("readCappedBody", () => {
  it("returns the whole body as a plain Uint8Array, never a Node Buffer (pdf.js refuses Buffers)", async () => {
    const body = await readCappedBody(streamed("%PDF-1.7\n", "rest of the file"), 1024);
    if (!body.ok) throw new Error("expected the body");
    expect(Buffer.isBuffer(body.bytes)).toBe(false);
    expect(Object.getPrototypeOf(body.bytes)).toBe(Uint8Array.prototype);
    expect(new TextDecoder().decode(body.bytes)).toBe("%PDF-1.7\nrest of the file");
  });

  it("stops at the cap", async () => {
    expect(await readCappedBody(streamed("12345", "67890"), 8)).toEqual({ ok: false, problem: "too-large" });
  });
});
