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

/** The text of a plain-text upload: valid UTF-8, no NUL, almost no control characters; else null. */
function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) control++;
  }
  return control <= text.length * MAX_CONTROL_SHARE ? text : null;
}

/** How much of a text upload's start (and end) the markup check looks at. */
const MARKUP_WINDOW = 64 * 1024;
/** HTML comments before the first real content (a saved page's "<!-- saved from url=… -->"). */
const LEADING_COMMENTS = /^\ufeff?(?:\s*<!--[\s\S]*?-->)*\s*/;
/** Declarations and elements that only a marked-up file starts with: HTML, XML, SVG, RTF. */
const MARKUP_START =
  /^(?:<!doctype[\s>]|<\?xml[\s?]|\{\\rtf|<(?:html|head|body|meta|title|style|script|link|svg)[\s/>])/i;
/** An opening element tag, like `<div class="cv">`. */
const ELEMENT_START = /^<[a-z][a-z0-9-]*(?:\s[^<>]*)?>/i;
const ENDS_WITH_CLOSING_TAG = /<\/[a-z][a-z0-9-]*\s*>\s*$/i;
/** A Markdown heading, list item or code fence: Markdown with some inline HTML is still Markdown. */
const MARKDOWN_LINE = /^(?:#{1,6}\s|[ \t]*[-*+]\s|[ \t]*\d+[.)]\s|```)/m;

/**
 * Whether a text upload is markup rather than a document's text: a web page, an XML or SVG file,
 * or RTF, recognised by its content whatever the file is called. A page saved from a browser or
 * exported from a word processor starts with a doctype, an XML declaration or an <html>/<head>/
 * <meta> element; an HTML fragment is one element from its first to its last character with no
 * Markdown structure in it. Markdown that merely contains some HTML (a centred header, a <br>) is
 * not markup.
 */
function looksLikeMarkup(text: string): boolean {
  const head = text.slice(0, MARKUP_WINDOW).replace(LEADING_COMMENTS, "");
  if (MARKUP_START.test(head)) return true;
  return (
    ELEMENT_START.test(head) &&
    ENDS_WITH_CLOSING_TAG.test(text.slice(-MARKUP_WINDOW)) &&
    !MARKDOWN_LINE.test(text)
  );
}

/**
 * Decides what an upload is from its bytes alone (names and MIME types are attacker-controlled).
 * PDF: `%PDF-`. DOCX: a zip whose central directory lists `word/document.xml`. Text: valid
 * UTF-8, no NUL, almost no control characters (covers Markdown). "markup": text that is a web page,
 * XML or RTF (refused with its own reason: its text is buried in tags). Anything else: null,
 * including polyglots that a PDF reader would open because `%PDF-` appears later in the first KiB.
 * @example sniffDocumentType(new TextEncoder().encode("%PDF-1.7 ...")) // "pdf"
 */
export function sniffDocumentType(bytes: Uint8Array): DocumentType | "markup" | null {
  if (startsWith(bytes, "%PDF-")) return "pdf";
  if (hasPdfHeaderAfterStart(bytes)) return null;
  if (startsWithZipMagic(bytes)) {
    const entries = readZipEntries(bytes);
    return entries?.some((entry) => entry.name === "word/document.xml") ? "docx" : null;
  }
  if (startsWith(bytes, "MZ") || startsWith(bytes, "\x7fELF")) return null;
  const text = decodeText(bytes);
  if (text === null) return null;
  return looksLikeMarkup(text) ? "markup" : "text";
}
