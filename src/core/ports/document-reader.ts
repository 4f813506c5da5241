/** Why a CV or job description could not be used; the wording for each is in copy. */
export type DocumentProblem =
  | "too-large"
  | "unsupported-type"
  /** A web page, XML or RTF file (whatever its name): markup, not a document's text. */
  | "markup"
  | "too-many-pages"
  | "encrypted"
  | "corrupt"
  /** A Word file (a zip) that would unpack to far more than any document needs: a zip bomb. */
  | "expands-too-much"
  | "timeout"
  | "out-of-memory"
  | "empty"
  /** The reader itself could not run in time (the server, not the file): try again later. */
  | "unavailable";

/** What was understood from a CV, shown to the candidate before it is used. */
export interface DocumentSummary {
  readonly roles: readonly string[];
  readonly projects: readonly string[];
  readonly skills: readonly string[];
}

export type DocumentReading =
  | {
      readonly ok: true;
      readonly text: string;
      readonly truncated: boolean;
      readonly summary: DocumentSummary;
    }
  | { readonly ok: false; readonly problem: DocumentProblem };

/**
 * Turns an uploaded file into text, safely (sniffed type, size and page caps, sandboxed parser).
 * Never throws for a bad file: the problem is a value the adapter explains to the candidate.
 */
export interface DocumentReader {
  read(bytes: Uint8Array): Promise<DocumentReading>;
}
