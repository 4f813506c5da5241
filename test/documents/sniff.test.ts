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

describe("zip inspection", () => {
  it("lists central-directory names and sizes without inflating", () => {
    const entries = readZipEntries(buildZip([{ name: "a.txt", data: "hello" }]));
    expect(entries).toEqual([{ name: "a.txt", compressedSize: expect.any(Number), uncompressedSize: 5 }]);
  });

  it("flags declared sizes over the cap, ZIP64 markers and unreadable directories", () => {
    const big = buildZip([{ name: "word/document.xml", data: "x", declaredSize: 30 * 1024 * 1024 }]);
    expect(() => assertNotZipBomb(big)).toThrow(expect.objectContaining({ reason: "too-large" }));
    const zip64 = buildZip([{ name: "word/document.xml", data: "x", declaredSize: 0xffffffff }]);
    expect(() => assertNotZipBomb(zip64)).toThrow(expect.objectContaining({ reason: "too-large" }));
    expect(() => assertNotZipBomb(encode("PK\x03\x04 nothing"))).toThrow(
      expect.objectContaining({ reason: "corrupt" }),
    );
    expect(() => assertNotZipBomb(buildDocx(["fine"]))).not.toThrow();
  });
});
