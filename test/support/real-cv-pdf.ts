import { PDFDocument, StandardFonts } from "pdf-lib";

/** The lines of the CV that `realCvPdf()` lays out, one text line each, top to bottom. */
export const REAL_CV_LINES = [
  "Grace Hopper",
  "Experience",
  "Senior Data Engineer, Fabrikam Logistics, 2019 - present",
  "- Cut the nightly warehouse load from 6 hours to 40 minutes",
  "Projects",
  "- Freight cost forecasting service",
  "Skills",
  "Kotlin, Airflow, BigQuery",
] as const;

const HEADINGS = new Set(["Grace Hopper", "Experience", "Projects", "Skills"]);

/**
 * A real one-page A4 CV written by a PDF library the way word processors write them: embedded
 * standard fonts, Flate-compressed content stream, object streams and a cross-reference stream
 * (not the hand-written single-stream PDF of test/documents/fixtures.ts).
 */
export async function realCvPdf(lines: readonly string[] = REAL_CV_LINES): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle("Curriculum vitae");
  doc.setCreationDate(new Date("2025-01-06T09:00:00Z"));
  doc.setModificationDate(new Date("2025-01-06T09:00:00Z"));
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([595.28, 841.89]);
  let y = 780;
  for (const line of lines) {
    const heading = HEADINGS.has(line);
    const size = heading ? 14 : 11;
    page.drawText(line, { x: 56, y, size, font: heading ? bold : regular });
    y -= size * 1.8;
  }
  return doc.save({ useObjectStreams: true });
}
