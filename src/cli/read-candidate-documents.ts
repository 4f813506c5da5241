import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Writable } from "node:stream";
import { type DocumentReader, readCandidateDocument } from "../core/document-reader.ts";
import { createDocumentReader } from "../documents/index.ts";

/**
 * Reads `--cv` / `--jd` files, extracts their text in the sandboxed parser and shows the candidate
 * what was understood. Null (after a clear message) when a file cannot be used.
 */
export async function readCandidateDocuments(
  paths: { readonly cv?: string; readonly jd?: string },
  output: Writable,
  reader: DocumentReader = createDocumentReader(),
): Promise<{ cv: string | null; jobDescription: string | null } | null> {
  const cv = paths.cv ? await readOne(paths.cv, "CV", output, reader) : null;
  if (cv === undefined) return null;
  const jobDescription = paths.jd ? await readOne(paths.jd, "job description", output, reader) : null;
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
): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    output.write(
      `I can't open the ${label} file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.\n`,
    );
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
