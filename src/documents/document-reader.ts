import type { DocumentReader, DocumentReading } from "../core/ports/document-reader.ts";
import { DocumentError } from "./document-error.ts";
import { type ExtractOptions, extractDocument } from "./extract.ts";
import { summariseDocument } from "./summarise.ts";

/** The DocumentReader port over the sandboxed extractor: every refusal becomes a problem value. */
export function createDocumentReader(options: ExtractOptions = {}): DocumentReader {
  return {
    async read(bytes: Uint8Array): Promise<DocumentReading> {
      try {
        const document = await extractDocument(bytes, options);
        return {
          ok: true,
          text: document.text,
          truncated: document.truncated,
          summary: summariseDocument(document.text),
        };
      } catch (error) {
        if (error instanceof DocumentError) return { ok: false, problem: error.reason };
        throw error;
      }
    },
  };
}
