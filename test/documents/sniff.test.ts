import { describe, expect, it } from "vitest";
import { sniffDocumentType } from "../../src/documents/sniff.ts";
import { assertNotZipBomb, readZipEntries } from "../../src/documents/zip.ts";
import { buildDocx, buildPdf, buildZip } from "./fixtures.ts";

const encode = (s: string) => new TextEncoder().encode(s);

describe("sniffDocumentType", () => {
  it("recognises PDF, DOCX and text by content", () => {
    expect(sniffDocumentType(buildPdf(["x"]))).toBe("pdf");
    expect(sniffDocumentType(buildDocx(["x"]))).toBe("docx");
    expect(sniffDocumentType(encode("# CV\n\n- Python, SQL — café ✓"))).toBe("text");
  });

  it("rejects executables, images, other zips and binary", () => {
    expect(sniffDocumentType(new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0]))).toBeNull();
    expect(sniffDocumentType(encode("\x7fELF\x02\x01\x01"))).toBeNull();
    expect(sniffDocumentType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull();
    expect(sniffDocumentType(buildZip([{ name: "payload.exe", data: "MZ" }]))).toBeNull();
    expect(sniffDocumentType(encode("PK\x03\x04 truncated"))).toBeNull();
    expect(sniffDocumentType(encode("text with a \u0000 NUL"))).toBeNull();
    expect(sniffDocumentType(new Uint8Array([0xc3, 0x28, 0x41]))).toBeNull();
    expect(sniffDocumentType(encode("\x01\x02\x03\x04 mostly control"))).toBeNull();
  });
});

describe("markup sniffing", () => {
  const markup = [
    "<!DOCTYPE html><html><body><p>Jane Doe</p></body></html>",
    "\ufeff  \n<!doctype HTML>\n<p>Jane Doe</p>",
    "<!-- saved from url=(0014)about:internet -->\r\n<html>\r\n<body>Jane Doe</body>\r\n</html>",
    '<html lang="en">\n<p>Jane Doe</p>',
    '<meta charset="utf-8"><p>Jane Doe</p><p>Data Analyst</p>',
    "<head><title>CV</title></head><body>Jane</body>",
    '<?xml version="1.0"?><w:document><w:body>Jane</w:body></w:document>',
    '<svg xmlns="http://www.w3.org/2000/svg"><text>Jane</text></svg>',
    "{\\rtf1\\ansi Jane Doe\\par}",
    '<div class="cv">\n  <h2>Jane Doe</h2>\n  <p>Data Analyst</p>\n</div>\n',
    "<table><tr><td>Jane Doe</td><td>Data Analyst</td></tr></table>",
  ];
  it.each(markup)("recognises %j as markup, not text", (source) => {
    expect(sniffDocumentType(encode(source))).toBe("markup");
  });

  const text = [
    "Jane Doe\nData Analyst\nSkills: Python, SQL\n",
    '<div align="center">\n<h1>Jane Doe</h1>\n</div>\n\n## Experience\n\n- Acme, 2019 - 2024\n',
    '<p align="center">Jane Doe</p>\n\n# Profile\n\nAnalyst.\n\n<p align="center">References on request</p>\n',
    "<!-- draft 3 -->\n# Jane Doe\n\nData analyst.\n",
    "Jane Doe <jane@example.com>\nSkills: HTML, CSS, <canvas> and <svg> charts\n",
    "<Jane Doe>\nData Analyst\n",
    "Built an internal site in HTML (<html>, <body>, <script> tags) for Acme.\n",
  ];
  it.each(text)("keeps %j as text", (source) => {
    expect(sniffDocumentType(encode(source))).toBe("text");
  });
});

describe("zip inspection", () => {
  it("lists central-directory names and sizes without inflating", () => {
    const entries = readZipEntries(buildZip([{ name: "a.txt", data: "hello" }]));
    expect(entries).toEqual([{ name: "a.txt", compressedSize: expect.any(Number), uncompressedSize: 5 }]);
  });

  it("flags declared sizes over the cap, ZIP64 markers and unreadable directories", () => {
    const big = buildZip([{ name: "word/document.xml", data: "x", declaredSize: 30 * 1024 * 1024 }]);
    expect(() => assertNotZipBomb(big)).toThrow(expect.objectContaining({ reason: "expands-too-much" }));
    const zip64 = buildZip([{ name: "word/document.xml", data: "x", declaredSize: 0xffffffff }]);
    expect(() => assertNotZipBomb(zip64)).toThrow(expect.objectContaining({ reason: "expands-too-much" }));
    expect(() => assertNotZipBomb(encode("PK\x03\x04 nothing"))).toThrow(
      expect.objectContaining({ reason: "corrupt" }),
    );
    expect(() => assertNotZipBomb(buildDocx(["fine"]))).not.toThrow();
  });
});
