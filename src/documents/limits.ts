/**
 * Caps for uploaded CVs and job descriptions (reliability.md section 7, rows 2-7).
 * Everything past these is refused with a DocumentError instead of being parsed.
 */
export const DOCUMENT_LIMITS = {
  /** Raw upload size, checked before sniffing or spawning anything. */
  maxBytes: 5 * 1024 * 1024,
  /** PDF page count, checked from the catalogue before any text is extracted. */
  maxPages: 20,
  /** Extracted characters kept; longer text is cut and reported as `truncated: true`. */
  maxChars: 50_000,
  /**
   * Wall clock for parsing the document: from the parser child's "ready" (started, parser library
   * loaded) to its answer; then it is SIGKILLed and the document is refused as too slow. Start-up
   * is not counted, so a busy machine does not blame the file for its own slowness.
   */
  timeoutMs: 10_000,
  /**
   * Wall clock from fork to answer, start-up included: the backstop for a child that never gets
   * ready. Reported as the parser being unavailable when the child never signalled ready.
   */
  hardTimeoutMs: 40_000,
  /** V8 old-space limit for the parser child (`--max-old-space-size`). Does not cover ArrayBuffers. */
  memoryMb: 256,
  /**
   * Resident-set cap for the parser child, which is SIGKILLed past it (polled from /proc on Linux).
   * Covers what `memoryMb` cannot: decoded-stream ArrayBuffers (a Flate bomb reached 2.3 GB).
   * Set below the 512 MB budget because RSS can grow between polls.
   */
  maxRssMb: 384,
  /** Sum of uncompressed sizes declared in a DOCX's zip central directory. */
  maxZipUncompressedBytes: 20 * 1024 * 1024,
  /** Declared uncompressed total divided by file size; real DOCX files sit well under 20. */
  maxZipRatio: 100,
} as const;

export type DocumentLimits = { -readonly [K in keyof typeof DOCUMENT_LIMITS]: number };
