import { DocumentError } from "./document-error.ts";
import { DOCUMENT_LIMITS } from "./limits.ts";

/** One central-directory record: only what the sniffing and zip-bomb checks need. */
export type ZipEntry = { name: string; compressedSize: number; uncompressedSize: number };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const MAX_ENTRIES = 10_000;

export function startsWithZipMagic(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}

/**
 * Reads the zip central directory without inflating anything. Returns null when the archive
 * is not a well-formed (non-split) zip; sizes are as declared, so they may lie (the child's
 * memory limit is the backstop). ZIP64 markers (0xFFFFFFFF) are reported as-is.
 */
export function readZipEntries(bytes: Uint8Array): ZipEntry[] | null {
  if (bytes.length < EOCD_MIN) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lowest = Math.max(0, bytes.length - EOCD_MIN - MAX_COMMENT);
  let eocd = -1;
  for (let i = bytes.length - EOCD_MIN; i >= lowest; i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count > MAX_ENTRIES || offset + size > eocd) return null;
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL_SIGNATURE) return null;
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    if (p + 46 + nameLength > eocd) return null;
    entries.push({
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Refuses archives whose declared uncompressed size is over the cap or whose overall
 * expansion ratio is implausible for a document ("expands-too-much": a zip bomb, however small the
 * file itself is). Throws "corrupt" if the directory is unreadable.
 */
export function assertNotZipBomb(
  bytes: Uint8Array,
  limits: { maxZipUncompressedBytes: number; maxZipRatio: number } = DOCUMENT_LIMITS,
): void {
  const entries = readZipEntries(bytes);
  if (entries === null) throw new DocumentError("corrupt", "The DOCX archive's directory is unreadable");
  let total = 0;
  for (const entry of entries) {
    if (entry.uncompressedSize === 0xffffffff || entry.compressedSize === 0xffffffff) {
      throw new DocumentError(
        "expands-too-much",
        "The DOCX uses ZIP64 sizes (4 GB or more), which no CV needs",
      );
    }
    total += entry.uncompressedSize;
  }
  if (total > limits.maxZipUncompressedBytes) {
    throw new DocumentError(
      "expands-too-much",
      `The DOCX would expand to ${total} bytes (limit ${limits.maxZipUncompressedBytes})`,
    );
  }
  if (total / Math.max(1, bytes.length) > limits.maxZipRatio) {
    throw new DocumentError(
      "expands-too-much",
      `The DOCX would expand ${Math.round(total / Math.max(1, bytes.length))} times (limit ${limits.maxZipRatio})`,
    );
  }
}
