/**
 * Raw PDF and zlib writers for the hostile corpus: exact xref offsets, binary streams,
 * and zlib streams of repeated data built without ever holding the expanded bytes.
 */
import { constants, deflateRawSync } from "node:zlib";

export type PdfStream = { dict: string; data: Uint8Array | string };
export type PdfObject = string | PdfStream;

export const latin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "latin1"));

export function concatBytes(parts: readonly (Uint8Array | string)[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts.map((part) => (typeof part === "string" ? latin1(part) : part))));
}

/** Escapes a PDF literal string. */
export const pdfString = (text: string): string => `(${text.replace(/[()\\]/g, "\\$&")})`;

/** Text-showing operators for one line of Helvetica (font resource /F1). */
export const textOps = (text: string, y = 720): string => `BT /F1 18 Tf 72 ${y} Td ${pdfString(text)} Tj ET`;

export type WritePdfOptions = {
  /** Extra trailer keys; /Size and /Root 1 0 R are always written unless `root` is given. */
  trailer?: string;
  root?: string;
  /** Written before the first object (defaults to a PDF 1.7 header and a binary comment). */
  header?: string;
};

/** Objects are numbered from 1 in array order; streams get an exact /Length. */
export function writePdf(objects: readonly PdfObject[], options: WritePdfOptions = {}): Uint8Array {
  // Text is gathered into one string between binary stream bodies: 50,000 objects stay cheap.
  const parts: Uint8Array[] = [];
  let text = options.header ?? "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
  let flushed = 0;
  const length = (): number => flushed + text.length;
  const pushBinary = (bytes: Uint8Array): void => {
    parts.push(latin1(text), bytes);
    flushed += text.length + bytes.length;
    text = "";
  };
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(length());
    if (typeof object === "string") {
      text += `${i + 1} 0 obj\n${object}\nendobj\n`;
      return;
    }
    const data = typeof object.data === "string" ? latin1(object.data) : object.data;
    text += `${i + 1} 0 obj\n<< ${object.dict} /Length ${data.length} >>\nstream\n`;
    pushBinary(data);
    text += "\nendstream\nendobj\n";
  });
  const xref = length();
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, "0")} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} ${options.root ?? "/Root 1 0 R"} ${options.trailer ?? ""} >>\nstartxref\n${xref}\n%%EOF\n`;
  parts.push(latin1(text));
  return concatBytes(parts);
}

export type PagePdfOptions = {
  /** Page content: operators as text, or a stream (e.g. a Flate bomb). Defaults to one line of text. */
  content?: PdfObject;
  /** Extra keys in the catalog, the page, the page's /Resources, and the font dictionary. */
  catalog?: string;
  page?: string;
  resources?: string;
  font?: string;
  /** Objects numbered from 6 on (1 catalog, 2 pages, 3 font, 4 page, 5 content). */
  extra?: readonly PdfObject[];
  trailer?: string;
  header?: string;
};

/** A one-page PDF with a fixed object layout so hostile pieces can reference `6 0 R` and on. */
export function pagePdf(options: PagePdfOptions = {}): Uint8Array {
  const content = options.content ?? textOps("Jane Doe, Data Analyst");
  return writePdf(
    [
      `<< /Type /Catalog /Pages 2 0 R ${options.catalog ?? ""} >>`,
      "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
      options.font ?? "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> ${options.resources ?? ""} >> /Contents 5 0 R ${options.page ?? ""} >>`,
      typeof content === "string" ? { dict: "", data: content } : content,
      ...(options.extra ?? []),
    ],
    { trailer: options.trailer ?? "", ...(options.header === undefined ? {} : { header: options.header }) },
  );
}

// ---- zlib streams of repeated data -------------------------------------------------------------

const ADLER_BASE = 65521;

export function adler32(data: Uint8Array, start = 1): number {
  let a = start & 0xffff;
  let b = (start >>> 16) & 0xffff;
  for (let i = 0; i < data.length; ) {
    const end = Math.min(data.length, i + 5552);
    for (; i < end; i++) {
      a += data[i] as number;
      b += a;
    }
    a %= ADLER_BASE;
    b %= ADLER_BASE;
  }
  return ((b << 16) | a) >>> 0;
}

/** zlib's adler32_combine: the checksum of A+B from those of A and B and B's length. */
export function adler32Combine(adlerA: number, adlerB: number, lengthB: number): number {
  const rem = lengthB % ADLER_BASE;
  let sum1 = adlerA & 0xffff;
  let sum2 = (rem * sum1) % ADLER_BASE;
  sum1 += (adlerB & 0xffff) + ADLER_BASE - 1;
  sum2 += ((adlerA >>> 16) & 0xffff) + ((adlerB >>> 16) & 0xffff) + ADLER_BASE - rem;
  sum1 %= ADLER_BASE;
  sum2 %= ADLER_BASE;
  return ((sum2 << 16) | sum1) >>> 0;
}

/** A run of `repeat` copies of `data` (repeat defaults to 1). */
export type Segment = { data: Uint8Array; repeat?: number };

/** Total expanded length of the segments. */
export const segmentsLength = (segments: readonly Segment[]): number =>
  segments.reduce((sum, s) => sum + s.data.length * (s.repeat ?? 1), 0);

export function materialise(segments: readonly Segment[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const segment of segments) for (let i = 0; i < (segment.repeat ?? 1); i++) parts.push(segment.data);
  return concatBytes(parts);
}

/**
 * Raw deflate of the concatenated segments, described as segments itself. Each segment is
 * compressed once, ending in a full flush (byte-aligned, dictionary reset), so its compressed
 * bytes can simply be repeated: nothing as large as the expanded data is ever built.
 */
export function deflateRawSegments(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = segments.map((segment) => ({
    data: new Uint8Array(deflateRawSync(segment.data, { level: 9, finishFlush: constants.Z_FULL_FLUSH })),
    repeat: segment.repeat ?? 1,
  }));
  out.push({ data: new Uint8Array(deflateRawSync(Buffer.alloc(0))) });
  return out;
}

/** A zlib (RFC 1950) stream of the segments with a correct Adler-32 trailer, as segments. */
export function zlibSegments(segments: readonly Segment[]): Segment[] {
  let adler = 1;
  for (const segment of segments) {
    const one = adler32(segment.data);
    for (let i = 0; i < (segment.repeat ?? 1); i++) adler = adler32Combine(adler, one, segment.data.length);
  }
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(adler, 0);
  return [{ data: new Uint8Array([0x78, 0xda]) }, ...deflateRawSegments(segments), { data: trailer }];
}

const MiB = 1024 * 1024;
export const ZERO_MIB = new Uint8Array(MiB);

/** Regroups small repeated units into ~1 MiB blocks so the next compression level can shrink them. */
function regroup(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    const repeat = segment.repeat ?? 1;
    const group = Math.max(1, Math.floor(MiB / Math.max(1, segment.data.length)));
    if (repeat < 2 || group < 2) {
      out.push(segment);
      continue;
    }
    const whole = Math.floor(repeat / group);
    if (whole > 0) out.push({ data: materialise([{ data: segment.data, repeat: group }]), repeat: whole });
    if (repeat % group > 0) out.push({ data: segment.data, repeat: repeat % group });
  }
  return out;
}

/**
 * Bytes for /Filter [/FlateDecode x levels] that finally expand to `mib` MiB of zeros.
 * Every level stays symbolic until the last, so even a TiB-scale bomb is built in milliseconds.
 */
export function nestedZlibZeros(mib: number, levels = 1): Uint8Array {
  let segments: Segment[] = [{ data: ZERO_MIB, repeat: mib }];
  for (let level = 0; level < levels; level++) segments = zlibSegments(regroup(segments));
  return materialise(segments);
}
