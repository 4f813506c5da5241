import { documentProblemText, documentSummaryText } from "../interview/copy.ts";
import type { DocumentReader } from "../ports/document-reader.ts";

export type CandidateDocument =
  | {
      readonly ok: true;
      readonly text: string;
      readonly truncated: boolean;
      /** For a CV, what was understood (shown before questions are based on it); else null. */
      readonly note: string | null;
    }
  /** Why the file cannot be used, worded for the candidate. */
  | { readonly ok: false; readonly message: string };

/** Reads an uploaded CV or job description and words the outcome for the candidate. */
export async function readCandidateDocument(
  reader: DocumentReader,
  bytes: Uint8Array,
  label: "CV" | "job description",
  fileName: string,
): Promise<CandidateDocument> {
  const reading = await reader.read(bytes);
  if (!reading.ok) return { ok: false, message: documentProblemText(label, fileName, reading.problem) };
  const note = label === "CV" ? documentSummaryText(reading.summary, reading.truncated) : null;
  return { ok: true, text: reading.text, truncated: reading.truncated, note };
}
