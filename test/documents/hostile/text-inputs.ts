/**
 * Byte-level edge cases that never reach a parser child: size limits, empty and NUL-only files,
 * UTF-16 and invalid UTF-8, and multi-megabyte text that is decoded in the calling process.
 */
import type { DocumentReading } from "../../../src/core/ports/document-reader.ts";
import { DOCUMENT_LIMITS } from "../../../src/documents/limits.ts";
import type { HostileCase } from "./corpus-types.ts";
import { concatBytes, latin1 } from "./pdf-writer.ts";

const family = "text-input";
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const truncatedTo = (max: number) => (r: DocumentReading) => {
  if (!r.ok) return;
  if (!r.truncated) throw new Error("expected truncated: true");
  if (r.text.length > max) throw new Error(`text is ${r.text.length} chars, over ${max}`);
};

const utf16 = (text: string, bigEndian: boolean): Uint8Array => {
  const le = Buffer.from(`\ufeff${text}`, "utf16le");
  if (bigEndian) le.swap16();
  return new Uint8Array(le);
};

const cv = "Jane Doe\nData Analyst\n\nExperience\nAcme Corp, 2019 - 2024\n\nSkills: Python, SQL\n";

export const textInputs: readonly HostileCase[] = [
  { family, name: "6 MB file", expect: ["too-large"], build: () => new Uint8Array(6_000_000).fill(0x41) },
  {
    family,
    name: "5 MiB + 1 byte",
    expect: ["too-large"],
    build: () => new Uint8Array(DOCUMENT_LIMITS.maxBytes + 1).fill(0x20),
  },
  {
    family,
    name: "exactly 5 MiB of Markdown",
    expect: ["ok"],
    verify: truncatedTo(DOCUMENT_LIMITS.maxChars),
    build: () => {
      const bytes = new Uint8Array(DOCUMENT_LIMITS.maxBytes).fill(0x20);
      bytes.set(
        utf8(`# Jane Doe\n\n${"- shipped a data pipeline\n".repeat(150_000)}`).subarray(0, bytes.length),
      );
      return bytes;
    },
  },
  { family, name: "empty file (0 bytes)", expect: ["empty"], build: () => new Uint8Array(0) },
  {
    family,
    name: "whitespace only",
    expect: ["empty"],
    build: () => utf8(" \n\t\r\n \u00a0\u3000\n".repeat(100)),
  },
  { family, name: "NUL bytes only", expect: ["unsupported-type"], build: () => new Uint8Array(4096) },
  { family, name: "UTF-16LE with BOM", expect: ["unsupported-type", "ok"], build: () => utf16(cv, false) },
  { family, name: "UTF-16BE with BOM", expect: ["unsupported-type", "ok"], build: () => utf16(cv, true) },
  {
    family,
    name: "UTF-8 with BOM",
    expect: ["ok"],
    verify: (r) => {
      if (r.ok && !r.text.startsWith("Jane Doe"))
        throw new Error(`text starts ${JSON.stringify(r.text.slice(0, 10))}`);
    },
    build: () => utf8(`\ufeff${cv}`),
  },
  {
    family,
    name: "60,000 characters of text",
    expect: ["ok"],
    verify: truncatedTo(DOCUMENT_LIMITS.maxChars),
    build: () => utf8(`${cv}${"Built dashboards in SQL and Python. ".repeat(1700)}`.slice(0, 60_000)),
  },
  {
    family,
    name: "invalid UTF-8: stray continuation bytes",
    expect: ["unsupported-type"],
    build: () => concatBytes([utf8(cv), new Uint8Array([0x80, 0xbf, 0x41, 0xc3, 0x28])]),
  },
  {
    family,
    name: "invalid UTF-8: overlong '/' and an encoded surrogate",
    expect: ["unsupported-type"],
    build: () => concatBytes([utf8(cv), new Uint8Array([0xc0, 0xaf, 0x2e, 0x2e, 0xed, 0xa0, 0x80])]),
  },
  {
    family,
    name: "Windows-1252 text (not UTF-8)",
    expect: ["unsupported-type", "ok"],
    build: () => latin1("Jos\xe9 M\xfcller\nData Analyst \x96 Z\xfcrich\n"),
  },
  {
    family,
    name: "5% control characters",
    expect: ["unsupported-type"],
    build: () => utf8(`${cv}\x01\x02\x03\x04\x05\x06\x07\x08`.repeat(10)),
  },
  {
    family,
    name: "5 MiB of newlines",
    expect: ["empty"],
    build: () => new Uint8Array(DOCUMENT_LIMITS.maxBytes).fill(0x0a),
  },
  {
    family,
    name: "5 MiB single word, no whitespace",
    expect: ["ok"],
    verify: truncatedTo(DOCUMENT_LIMITS.maxChars),
    build: () => new Uint8Array(DOCUMENT_LIMITS.maxBytes).fill(0x61),
  },
  {
    family,
    name: "2.5M combining marks on one letter (zalgo)",
    expect: ["ok"],
    verify: truncatedTo(DOCUMENT_LIMITS.maxChars),
    build: () => utf8(`Jane a${"\u0301".repeat(2_500_000)}`),
  },
];
