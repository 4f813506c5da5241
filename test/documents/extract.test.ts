import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DocumentError, type DocumentErrorReason } from "../../src/documents/document-error.ts";
import { extractDocument } from "../../src/documents/extract.ts";
import { parsePdf } from "../../src/documents/parsers.ts";
import { REAL_CV_LINES, realCvPdf } from "../support/real-cv-pdf.ts";
import { buildDocx, buildPdf, buildZip, docxEntries } from "./fixtures.ts";

async function reasonOf(promise: Promise<unknown>): Promise<DocumentErrorReason> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentError);
  return (error as DocumentError).reason;
}

const encode = (s: string) => new TextEncoder().encode(s);

describe("extractDocument", () => {
  it("extracts the text of a hand-written PDF in the parser child", async () => {
    const doc = await extractDocument(buildPdf(["Jane Doe Data Analyst"]));
    expect(doc).toEqual({ type: "pdf", text: "Jane Doe Data Analyst", pages: 1, truncated: false });
  });

  it("reads a real PDF handed over as a Node Buffer, as downloads and files arrive", async () => {
    const pdf = Buffer.from(await realCvPdf());
    const doc = await extractDocument(pdf);
    expect(doc).toMatchObject({ type: "pdf", pages: 1, truncated: false });
    expect(doc.text.split("\n")).toEqual([...REAL_CV_LINES]);
  });

  it("reads a real PDF that is a Buffer view into a larger pool", async () => {
    const pdf = await realCvPdf();
    const pool = Buffer.alloc(pdf.length + 64, 0x20);
    pool.set(pdf, 32);
    const doc = await extractDocument(pool.subarray(32, 32 + pdf.length));
    expect(doc.text).toContain("Senior Data Engineer, Fabrikam Logistics, 2019 - present");
  });

  it("parses a Buffer in pdf.js itself, leaving the caller's bytes untouched", async () => {
    const pdf = Buffer.from(await realCvPdf());
    const before = Buffer.from(pdf);
    const parsed = await parsePdf(pdf, 20);
    expect(parsed.pages).toBe(1);
    expect(parsed.text).toContain("Kotlin, Airflow, BigQuery");
    expect(pdf.equals(before)).toBe(true);
  });

  it("extracts a DOCX built in the test", async () => {
    const doc = await extractDocument(buildDocx(["Jane Doe", "Data   Analyst"]));
    expect(doc).toEqual({ type: "docx", text: "Jane Doe\n\nData Analyst", pages: null, truncated: false });
  });

  it("decodes Markdown and normalises whitespace", async () => {
    const doc = await extractDocument(encode("# Jane Doe\r\n\r\n\r\n\r\n  Data\t\tAnalyst  \n"));
    expect(doc).toEqual({ type: "text", text: "# Jane Doe\n\nData Analyst", pages: null, truncated: false });
  });

  it("truncates long text and says so", async () => {
    const doc = await extractDocument(encode("word ".repeat(20_000)), { maxChars: 1_000 });
    expect(doc.truncated).toBe(true);
    expect(doc.text.length).toBeLessThanOrEqual(1_000);
  });

  it("refuses a 6 MB input before sniffing or spawning anything", async () => {
    const started = Date.now();
    expect(await reasonOf(extractDocument(new Uint8Array(6 * 1024 * 1024).fill(0x41)))).toBe("too-large");
    expect(Date.now() - started).toBeLessThan(200);
  });

  it("refuses an executable disguised as a PDF", async () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, ...randomBytes(512)]);
    expect(await reasonOf(extractDocument(exe))).toBe("unsupported-type");
  });

  it("maps random bytes after %PDF- to corrupt without crashing", async () => {
    const junk = new Uint8Array([...encode("%PDF-1.7\n"), ...randomBytes(8192)]);
    expect(await reasonOf(extractDocument(junk))).toBe("corrupt");
  });

  it("refuses a password-protected PDF as encrypted", async () => {
    expect(await reasonOf(extractDocument(buildPdf(["secret"], { encrypted: true })))).toBe("encrypted");
  });

  it("refuses a PDF over the page cap before extracting text", async () => {
    const pages = Array.from({ length: 21 }, (_, i) => `Page ${i + 1}`);
    expect(await reasonOf(extractDocument(buildPdf(pages)))).toBe("too-many-pages");
  });

  it("refuses a zip-bomb-shaped DOCX from its central directory alone, as expanding too much", async () => {
    const entries = docxEntries(["Jane"]).map((e) =>
      e.name === "word/document.xml" ? { ...e, declaredSize: 1024 * 1024 * 1024 } : e,
    );
    expect(await reasonOf(extractDocument(buildZip(entries)))).toBe("expands-too-much");
  });

  it("refuses a small DOCX that really unpacks past 20 MB as expanding too much, not as too large", async () => {
    const xml = `<w:document xmlns:w="x"><w:body>${"<w:p/>".repeat(4_000_000)}</w:body></w:document>`;
    const entries = docxEntries(["x"]).map((e) => (e.name === "word/document.xml" ? { ...e, data: xml } : e));
    const bomb = buildZip(entries);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await reasonOf(extractDocument(bomb))).toBe("expands-too-much");
  });

  it("refuses a DOCX whose expansion ratio is implausible", async () => {
    const xml = `<w:document xmlns:w="x"><w:body>${"<w:p/>".repeat(2_000_000)}</w:body></w:document>`;
    const entries = docxEntries(["x"]).map((e) => (e.name === "word/document.xml" ? { ...e, data: xml } : e));
    expect(await reasonOf(extractDocument(buildZip(entries)))).toBe("expands-too-much");
  });

  it("refuses a web page by its content, whatever it is called, and still reads Markdown with HTML in it", async () => {
    const page = encode(
      '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Jane Doe</title></head><body><h1>Jane Doe</h1><p>Data Analyst</p></body></html>\n',
    );
    expect(await reasonOf(extractDocument(page))).toBe("markup");
    const markdown = encode('<p align="center"><b>Jane Doe</b></p>\n\n## Skills\n\n- Python<br>\n- SQL\n');
    expect(await extractDocument(markdown)).toMatchObject({ type: "text" });
  });

  it("maps a parser that runs out of heap to out-of-memory", async () => {
    expect(await reasonOf(extractDocument(buildPdf(["big"]), { memoryMb: 2 }))).toBe("out-of-memory");
  });

  it("reports empty documents", async () => {
    expect(await reasonOf(extractDocument(encode("  \n\t\n ")))).toBe("empty");
    expect(await reasonOf(extractDocument(buildPdf([""])))).toBe("empty");
  });

  it("keeps the calling process alive and usable after every hostile input", async () => {
    const doc = await extractDocument(buildPdf(["Still here"]));
    expect(doc.text).toBe("Still here");
  });
});
