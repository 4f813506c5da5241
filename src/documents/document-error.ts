import type { DocumentProblem } from "../core/ports/document-reader.ts";

/** Why a CV or job description could not be turned into text (the core's DocumentProblem). */
export type DocumentErrorReason = DocumentProblem;

export const DOCUMENT_ERROR_REASONS: readonly DocumentErrorReason[] = [
  "too-large",
  "unsupported-type",
  "markup",
  "too-many-pages",
  "encrypted",
  "corrupt",
  "expands-too-much",
  "timeout",
  "out-of-memory",
  "empty",
  "unavailable",
];

/**
 * An uploaded document was refused or could not be parsed. Never carries the document's content.
 * @example throw new DocumentError("encrypted", "The PDF is password-protected")
 */
export class DocumentError extends Error {
  readonly reason: DocumentErrorReason;
  constructor(reason: DocumentErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DocumentError";
    this.reason = reason;
  }
}

export function isDocumentErrorReason(value: unknown): value is DocumentErrorReason {
  return typeof value === "string" && (DOCUMENT_ERROR_REASONS as readonly string[]).includes(value);
}
