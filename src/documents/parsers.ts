import type { PDFDocumentLoadingTask } from "pdfjs-dist/legacy/build/pdf.mjs";
import { DocumentError } from "./document-error.ts";

/** Raw output of one parser, before whitespace normalisation and the character cap. */
export type ParsedText = { text: string; pages: number | null };

// Defence in depth for pdf.js < 6 (CVE-2024-4367); pdf.js 6 removed the eval font path entirely,
// so the key is spread rather than typed.
const LEGACY_HARDENING = { isEvalSupported: false };

/**
 * A plain Uint8Array with its own copy of the bytes. pdf.js refuses a Node Buffer outright
 * ("Please provide binary data as `Uint8Array`, rather than `Buffer`"), and downloads, files and
 * IPC messages all arrive as Buffers; a copy also means the parser can never detach or alter the
 * caller's memory.
 */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  return Buffer.isBuffer(bytes) || Object.getPrototypeOf(bytes) !== Uint8Array.prototype
    ? new Uint8Array(bytes)
    : bytes;
}

/** Loads the parser library for a type ahead of the document, so loading is not parsing time. */
export async function loadParser(type: "pdf" | "docx"): Promise<void> {
  if (type === "pdf") await import("pdfjs-dist/legacy/build/pdf.mjs");
  else await import("mammoth");
}

/**
 * PDF text via pdf.js (legacy build, in-thread "fake" worker, no fonts, no scripting, no network).
 * Page count is checked before any page is parsed. Meant to run inside the parser child only.
 * Every pdf.js call, including `getDocument` (which throws synchronously on bad input), is inside
 * the error handling, so a failure always becomes a DocumentError.
 */
export async function parsePdf(bytes: Uint8Array, maxPages: number): Promise<ParsedText> {
  let task: PDFDocumentLoadingTask | undefined;
  try {
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    task = pdfjs.getDocument({
      ...LEGACY_HARDENING,
      data: plainBytes(bytes),
      disableFontFace: true,
      useSystemFonts: false,
      enableXfa: false,
      isOffscreenCanvasSupported: false,
      useWorkerFetch: false,
      useWasm: false,
      stopAtErrors: true,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
    });
    const doc = await task.promise.catch((error: unknown) => {
      if (error instanceof pdfjs.PasswordException) {
        throw new DocumentError("encrypted", "The PDF is password-protected", { cause: error });
      }
      throw new DocumentError("corrupt", "The PDF could not be read", { cause: error });
    });
    if (doc.numPages > maxPages) {
      throw new DocumentError("too-many-pages", `The PDF has ${doc.numPages} pages (limit ${maxPages})`);
    }
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if ("str" in item) text += item.str + (item.hasEOL ? "\n" : "");
      }
      pages.push(text);
      page.cleanup();
    }
    return { text: pages.join("\n\n"), pages: doc.numPages };
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError("corrupt", "The PDF could not be read", { cause: error });
  } finally {
    await task?.destroy().catch(() => {});
  }
}

/** DOCX raw text via mammoth. The caller has already checked the zip for bombs. */
export async function parseDocx(bytes: Uint8Array): Promise<ParsedText> {
  try {
    const mammoth = await import("mammoth");
    const copy = plainBytes(bytes);
    const buffer = Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength);
    const result = await mammoth.extractRawText({ buffer });
    return { text: result.value, pages: null };
  } catch (error) {
    throw new DocumentError("corrupt", "The DOCX could not be read", { cause: error });
  }
}
