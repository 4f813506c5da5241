/**
 * Parser child process, forked by extract.ts with a V8 heap cap and wall-clock kills.
 * Receives one ParseRequest over IPC (advanced serialization), loads the parser library for its
 * type, says it is ready, waits for the parent's go (sent when the document's clock starts),
 * parses, answers one ParseResponse and exits. A bomb, hang or crash in pdf.js or mammoth therefore only ever takes
 * this process down.
 */
import { DocumentError } from "./document-error.ts";
import { normaliseAndCap } from "./normalise.ts";
import { loadParser, parseDocx, parsePdf } from "./parsers.ts";

export type ParseRequest = {
  type: "pdf" | "docx";
  bytes: Uint8Array;
  maxPages: number;
  maxChars: number;
};

/** Sent once, after start-up and loading the parser library, before the document is touched. */
export type ParserReady = { ready: true };

/** The parent's answer to ParserReady: its clock for the document is running, parse now. */
export type ParseGo = { go: true };

export type ParseResponse =
  | { ok: true; text: string; pages: number | null; truncated: boolean }
  | { ok: false; reason: string; message: string };

export type WorkerMessage = ParserReady | ParseResponse;

async function parse(request: ParseRequest): Promise<ParseResponse> {
  try {
    const parsed =
      request.type === "pdf"
        ? await parsePdf(request.bytes, request.maxPages)
        : await parseDocx(request.bytes);
    const { text, truncated } = normaliseAndCap(parsed.text, request.maxChars);
    return { ok: true, text, pages: parsed.pages, truncated };
  } catch (error) {
    if (error instanceof DocumentError) return { ok: false, reason: error.reason, message: error.message };
    return { ok: false, reason: "corrupt", message: "The document could not be parsed" };
  }
}

async function handle(request: ParseRequest): Promise<ParseResponse> {
  try {
    await loadParser(request.type);
  } catch {
    return { ok: false, reason: "unavailable", message: "The parser library could not be loaded" };
  }
  const go = new Promise<void>((resolve) => process.once("message", () => resolve()));
  process.send?.({ ready: true } satisfies ParserReady);
  await go;
  return parse(request);
}

function reply(response: ParseResponse): void {
  process.send?.(response, () => process.exit(0));
}

if (process.send === undefined) {
  console.error("parse-worker must be started with child_process.fork");
  process.exit(2);
}

process.once("message", (message) => {
  void handle(message as ParseRequest).then(reply);
});
process.on("uncaughtException", () => {
  reply({ ok: false, reason: "corrupt", message: "The parser failed" });
});
process.on("unhandledRejection", () => {
  reply({ ok: false, reason: "corrupt", message: "The parser failed" });
});
