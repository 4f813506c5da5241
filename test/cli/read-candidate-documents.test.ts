import { existsSync } from "node:fs";
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCandidateDocuments } from "../../src/cli/read-candidate-documents.ts";
import type { DocumentReader } from "../../src/core/ports/document-reader.ts";
import { createDocumentReader } from "../../src/documents/index.ts";
import { realCvPdf } from "../support/real-cv-pdf.ts";

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "secondround-cli-docs-"));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The real reader, counting the bytes it is handed. */
function countingReader(): DocumentReader & { readonly calls: number[] } {
  const real = createDocumentReader();
  const calls: number[] = [];
  return {
    calls,
    read(bytes) {
      calls.push(bytes.byteLength);
      return real.read(bytes);
    },
  };
}

async function run(paths: { cv?: string; jd?: string }, reader: DocumentReader) {
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  const result = await readCandidateDocuments(paths, output, reader);
  return { result, text };
}

describe("--cv and --jd files", () => {
  it("refuses a 50 MB CV from its size, before reading it, with the friendly message", async () => {
    const path = join(folder, "cv.pdf");
    await writeFile(path, "");
    await truncate(path, 50 * 1024 * 1024);
    const reader = countingReader();

    const { result, text } = await run({ cv: path }, reader);

    expect(result).toBeNull();
    expect(text).toBe(
      "I can't use your CV (cv.pdf): it is larger than the 5 MB limit. Nothing was started; please try again with another file, or without it.\n",
    );
    expect(reader.calls).toEqual([]);
  });

  it("refuses a 50 MB job description the same way", async () => {
    const path = join(folder, "job.md");
    await writeFile(path, "");
    await truncate(path, 50 * 1024 * 1024);
    const reader = countingReader();

    const { result, text } = await run({ jd: path }, reader);

    expect(result).toBeNull();
    expect(text).toMatch(/^I can't use your job description \(job\.md\): it is larger than the 5 MB limit\./);
    expect(reader.calls).toEqual([]);
  });

  it.runIf(existsSync("/dev/zero"))(
    "stops reading one byte past 5 MB when the size cannot be known beforehand",
    async () => {
      const reader = countingReader();
      const { result, text } = await run({ cv: "/dev/zero" }, reader);
      expect(result).toBeNull();
      expect(text).toMatch(/^I can't use your CV \(zero\): it is larger than the 5 MB limit\./);
      expect(reader.calls).toEqual([]);
    },
  );

  it("reads a real PDF CV and a Markdown job description", async () => {
    const cv = join(folder, "grace.pdf");
    const jd = join(folder, "role.md");
    await writeFile(cv, await realCvPdf());
    await writeFile(jd, "# Data Engineer\n\nBuild pipelines for our freight platform.\n");
    const reader = countingReader();

    const { result, text } = await run({ cv, jd }, reader);

    expect(result?.cv).toContain("Senior Data Engineer, Fabrikam Logistics, 2019 - present");
    expect(result?.jobDescription).toBe("# Data Engineer\n\nBuild pipelines for our freight platform.");
    expect(text).toContain("Roles: Senior Data Engineer, Fabrikam Logistics, 2019 - present");
    expect(reader.calls).toHaveLength(2);
  });

  it("says plainly when a path cannot be opened", async () => {
    const { result, text } = await run({ cv: join(folder, "missing.pdf") }, countingReader());
    expect(result).toBeNull();
    expect(text).toMatch(/^I can't open the CV file .*missing\.pdf: ENOENT\.\n$/);
    const folderAsCv = await run({ cv: folder }, countingReader());
    expect(folderAsCv.text).toMatch(/: EISDIR\.\n$/);
  });
});
