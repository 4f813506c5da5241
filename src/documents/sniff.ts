import { readZipEntries, startsWithZipMagic } from "./zip.ts";

export type DocumentType = "pdf" | "docx" | "text";

/** Share of control characters (besides tab, newline, CR, form feed) tolerated in plain text. */
const MAX_CONTROL_SHARE = 0.01;
/** PDF readers accept the `%PDF-` header anywhere in the first KiB (the polyglot trick). */
const PDF_HEADER_WINDOW = 1024;

function startsWith(bytes: Uint8Array, prefix: string, at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix.charCodeAt(i)) return false;
  return true;
}

function hasPdfHeaderAfterStart(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, PDF_HEADER_WINDOW);
  for (let at = 1; at < end; at++) if (bytes[at] === 0x25 && startsWith(bytes, "%PDF-", at)) return true;
  return false;
}

function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) control++;
  }
  return control <= text.length * MAX_CONTROL_SHARE;
}

/**
 * Decides what an upload is from its bytes alone (names and MIME types are attacker-controlled).
 * PDF: `%PDF-`. DOCX: a zip whose central directory lists `word/document.xml`. Text: valid
 * UTF-8, no NUL, almost no control characters (covers Markdown). Anything else: null, including
 * polyglots that a PDF reader would open because `%PDF-` appears later in the first KiB.
 * @example sniffDocumentType(new TextEncoder().encode("%PDF-1.7 ...")) // "pdf"
 */
export function sniffDocumentType(bytes: Uint8Array): DocumentType | null {
  if (startsWith(bytes, "%PDF-")) return "pdf";
  if (hasPdfHeaderAfterStart(bytes)) return null;
  if (startsWithZipMagic(bytes)) {
    const entries = readZipEntries(bytes);
    return entries?.some((entry) => entry.name === "word/document.xml") ? "docx" : null;
  }
  if (startsWith(bytes, "MZ") || startsWith(bytes, "\x7fELF")) return null;
  return looksLikeText(bytes) ? "text" : null;
}
