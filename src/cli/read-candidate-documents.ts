import { readFile } from "node:fs/promises";
import type { Writable } from "node:stream";
import { DocumentError, extractDocument, summariseDocument } from "../documents/index.ts";

const REASONS: Record<DocumentError["reason"], string> = {
  "too-large": "it is larger than the 5 MB limit",
  "unsupported-type": "it is not a PDF, Word (.docx), text or Markdown file",
  "too-many-pages": "it has more than 20 pages",
  encrypted: "it is password-protected",
  corrupt: "it looks damaged and could not be read",
  timeout: "reading it took too long",
  "out-of-memory": "reading it needed too much memory",
  empty: "no text could be found in it",
};

/**
 * Reads `--cv` / `--jd` files, extracts their text in the sandboxed parser and shows the candidate
 * what was understood. Null (after a clear message) when a file cannot be used.
 */
export async function readCandidateDocuments(
  paths: { readonly cv?: string; readonly jd?: string },
  output: Writable,
): Promise<{ cv: string | null; jobDescription: string | null } | null> {
  const cv = paths.cv ? await readOne(paths.cv, "CV", output) : null;
  if (cv === undefined) return null;
  const jobDescription = paths.jd ? await readOne(paths.jd, "job description", output) : null;
  if (jobDescription === undefined) return null;
  if (cv) {
    const summary = summariseDocument(cv);
    const list = (items: readonly string[]) =>
      items.length > 0 ? items.slice(0, 5).join("; ") : "none found";
    output.write(
      `From your CV I understood:\n  Roles: ${list(summary.roles)}\n  Projects: ${list(summary.projects)}\n  Skills: ${list(summary.skills)}\n`,
    );
  }
  if (jobDescription)
    output.write(`Job description read (${jobDescription.length.toLocaleString("en-GB")} characters).\n`);
  return { cv, jobDescription };
}

/** The extracted text, or undefined after telling the candidate why the file cannot be used. */
async function readOne(path: string, label: string, output: Writable): Promise<string | undefined> {
  try {
    const document = await extractDocument(new Uint8Array(await readFile(path)));
    if (document.truncated)
      output.write(`Your ${label} is long; only its first 50,000 characters are used.\n`);
    return document.text;
  } catch (error) {
    const why =
      error instanceof DocumentError
        ? REASONS[error.reason]
        : `it could not be opened (${error instanceof Error ? error.message : String(error)})`;
    output.write(`I can't use the ${label} file ${path}: ${why}.\n`);
    return undefined;
  }
}
