import type { DocumentReader } from "../ports/document-reader.ts";
import type { Metrics } from "../ports/metrics.ts";

/** The reader, with every CV or job description counted as parsed or refused (by the problem the candidate is told). */
export function meteredDocumentReader(reader: DocumentReader, metrics: Metrics): DocumentReader {
  return {
    async read(bytes) {
      const reading = await reader.read(bytes);
      if (reading.ok) metrics.documentParsed();
      else metrics.documentRefused(reading.problem);
      return reading;
    },
  };
}
