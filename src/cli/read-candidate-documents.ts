import { open } from "node:fs/promises";
import { basename } from "node:path";
import type { Writable } from "node:stream";
import { readCandidateDocument } from "../core/engine/candidate-document.ts";
import { documentProblemText } from "../core/interview/copy.ts";
import type { DocumentReader } from "../core/ports/document-reader.ts";
import { createDocumentReader, DOCUMENT_LIMITS } from "../documents/index.ts";

/**
 * Reads `--cv` / `--jd` files, extracts their text in the sandboxed parser and shows the candidate
 * what was understood. Null (after a clear message) when a file cannot be used.
 */
export async function readCandidateDocuments(
  paths: { readonly cv?: string; readonly jd?: string },
  output: Writable,
  reader: DocumentReader = createDocumentReader(),
  maxBytes: number = DOCUMENT_LIMITS.maxBytes,
): Promise<{ cv: string | null; jobDescription: string | null } | null> {
  const cv = paths.cv ? await readOne(paths.cv, "CV", output, reader, maxBytes) : null;
  if (cv === undefined) return null;
  const jobDescription = paths.jd
    ? await readOne(paths.jd, "job description", output, reader, maxBytes)
    : null;
  if (jobDescription === undefined) return null;
  if (jobDescription)
    output.write(`Job description read (${jobDescription.length.toLocaleString("en-GB")} characters).\n`);
  return { cv, jobDescription };
}

/** The extracted text, or undefined after telling the candidate why the file cannot be used. */
async function readOne(
  path: string,
  label: "CV" | "job description",
  output: Writable,
  reader: DocumentReader,
  maxBytes: number,
): Promise<string | undefined> {
  let bytes: Uint8Array | "too-large";
  try {
    bytes = await readCapped(path, maxBytes);
  } catch (error) {
    output.write(
      `I can't open the ${label} file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.\n`,
    );
    return undefined;
  }
  if (bytes === "too-large") {
    output.write(`${documentProblemText(label, basename(path), "too-large")}\n`);
    return undefined;
  }
  const reading = await readCandidateDocument(reader, bytes, label, basename(path));
  if (!reading.ok) {
    output.write(`${reading.message}\n`);
    return undefined;
  }
  if (reading.note) output.write(`${reading.note}\n`);
  else if (reading.truncated)
    output.write(`Your ${label} is long; only its first 50,000 characters are used.\n`);
  return reading.text;
}

const READ_CHUNK = 256 * 1024;

/**
 * The file's bytes, never holding more than `maxBytes + 1` of them: a file whose size is over the
 * cap is refused from its size alone, and one that grows while being read (or reports no size, like
 * a device or a pipe) is cut off one byte past the cap.
 */
async function readCapped(path: string, maxBytes: number): Promise<Uint8Array | "too-large"> {
  const file = await open(path, "r");
  try {
    const stats = await file.stat();
    if (stats.isDirectory()) throw Object.assign(new Error("is a folder"), { code: "EISDIR" });
    if (stats.size > maxBytes) return "too-large";
    const chunks: Uint8Array[] = [];
    let total = 0;
    while (total <= maxBytes) {
      const chunk = new Uint8Array(Math.min(READ_CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    if (total > maxBytes) return "too-large";
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    return bytes;
  } finally {
    await file.close();
  }
}
