/**
 * Decompression bombs in PDF streams (reliability.md section 7 row 4): single and nested
 * FlateDecode at 10x, 10^3x, 10^6x and beyond, in the places pdf.js decodes eagerly
 * (page content, ToUnicode CMaps, embedded fonts, xref streams) and one it never touches.
 */
import { once } from "node:events";
import { constants, createBrotliCompress } from "node:zlib";
import { BOMB, type HostileCase, type Outcome, seededRandom } from "./corpus-types.ts";
import {
  concatBytes,
  latin1,
  materialise,
  nestedZlibZeros,
  pagePdf,
  type Segment,
  textOps,
  zlibSegments,
} from "./pdf-writer.ts";

const MiB = 1024 * 1024;
const family = "flate-bomb";

/** ~10x: 1 KiB blocks of a text operator, a comment of noise and padding, each MiB unique (4 MiB). */
function tenfoldContent(): Uint8Array {
  const segments: Segment[] = [];
  for (let block = 0; block < 4; block++) {
    const random = seededRandom(1000 + block);
    const data = new Uint8Array(MiB).fill(0x20);
    for (let at = 0; at < MiB; at += 1024) {
      const op = latin1(`${textOps("Jane Doe")}\n%`);
      data.set(op, at);
      // 160 random letters in a comment (ended by the newline) cost ~100 compressed bytes per KiB.
      for (let i = 0; i < 160; i++) data[at + op.length + i] = 0x41 + Math.floor(random() * 26);
      data[at + op.length + 160] = 0x0a;
    }
    segments.push({ data });
  }
  return materialise(zlibSegments(segments));
}

/** RunLengthDecode pairs (129, 0x20) expand 2 bytes to 128 spaces; Flate on top multiplies again. */
function runLengthBomb(mib: number): Uint8Array {
  const pairs = new Uint8Array(MiB);
  for (let i = 0; i < MiB; i += 2) {
    pairs[i] = 129;
    pairs[i + 1] = 0x20;
  }
  return materialise(zlibSegments([{ data: pairs, repeat: mib }, { data: new Uint8Array([128]) }]));
}

async function brotliZeros(mib: number): Promise<Uint8Array> {
  const compress = createBrotliCompress({
    params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_LGWIN]: 24 },
  });
  const chunks: Buffer[] = [];
  compress.on("data", (chunk: Buffer) => chunks.push(chunk));
  const zero = Buffer.alloc(MiB);
  for (let i = 0; i < mib; i++) if (!compress.write(zero)) await once(compress, "drain");
  compress.end();
  await once(compress, "end");
  return new Uint8Array(Buffer.concat(chunks));
}

const flate = (levels: number) =>
  levels === 1 ? "/Filter /FlateDecode" : `/Filter [${Array(levels).fill("/FlateDecode").join(" ")}]`;

const contentBomb =
  (mib: number, levels = 1) =>
  (): Uint8Array =>
    pagePdf({ content: { dict: flate(levels), data: nestedZlibZeros(mib, levels) } });

/** A classic-xref-free PDF whose cross-reference stream is itself a bomb. */
function xrefStreamBomb(): Uint8Array {
  const head = latin1(
    "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n",
  );
  const data = nestedZlibZeros(1024, 2);
  const xrefAt = head.length;
  return concatBytes([
    head,
    `3 0 obj\n<< /Type /XRef /Size 100000000 /W [1 4 2] /Root 1 0 R ${flate(2)} /Length ${data.length} >>\nstream\n`,
    data,
    `\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`,
  ]);
}

const fontWith = (key: string) =>
  `<< /Type /Font /Subtype /TrueType /BaseFont /Bomb /FirstChar 32 /LastChar 126 /Widths [${Array(95).fill(500).join(" ")}] /FontDescriptor 7 0 R ${key} >>`;

const ok: readonly Outcome[] = ["ok", ...BOMB];

export const flateBombs: readonly HostileCase[] = [
  {
    family,
    name: "10x: 4 MiB of text operators in a 420 KB content stream",
    expect: ok,
    build: () => pagePdf({ content: { dict: flate(1), data: tenfoldContent() } }),
  },
  { family, name: "10^3x: 100 MiB of zeros as page content", expect: BOMB, build: contentBomb(100) },
  { family, name: "10^3x: 1 GiB of zeros as page content", expect: BOMB, build: contentBomb(1024) },
  { family, name: "10^3x: 4.5 GiB of zeros, file just under 5 MB", expect: BOMB, build: contentBomb(4600) },
  { family, name: "10^6x: [Flate Flate] 4 GiB of zeros in 12 KB", expect: BOMB, build: contentBomb(4096, 2) },
  {
    family,
    name: "10^7x: [Flate Flate Flate] 1 TiB of zeros in 48 KB",
    expect: BOMB,
    build: contentBomb(1024 * 1024, 3),
  },
  {
    family,
    name: "10^6x: three page content streams, 1 GiB each",
    expect: BOMB,
    build: () => {
      const data = nestedZlibZeros(1024, 2);
      const bomb = { dict: flate(2), data };
      return pagePdf({ content: bomb, page: "/Contents [5 0 R 6 0 R 7 0 R]", extra: [bomb, bomb] });
    },
  },
  {
    family,
    name: "unused stream object of 4 GiB that nothing references",
    expect: ["ok"],
    build: () => pagePdf({ extra: [{ dict: flate(1), data: nestedZlibZeros(4096) }] }),
  },
  {
    family,
    name: "ToUnicode CMap bomb (decoded while extracting text)",
    expect: ok,
    build: () =>
      pagePdf({
        font: fontWith("/ToUnicode 6 0 R"),
        extra: [
          { dict: flate(2), data: nestedZlibZeros(2048, 2) },
          "<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
        ],
      }),
  },
  {
    family,
    name: "embedded TrueType FontFile2 bomb",
    expect: ok,
    build: () =>
      pagePdf({
        font: fontWith(""),
        extra: [
          { dict: `${flate(2)} /Length1 1000`, data: nestedZlibZeros(2048, 2) },
          "<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 6 0 R >>",
        ],
      }),
  },
  { family, name: "cross-reference stream bomb declaring 10^8 entries", expect: BOMB, build: xrefStreamBomb },
  {
    family,
    name: "[Flate RunLength] 4 GiB of spaces",
    expect: BOMB,
    build: () =>
      pagePdf({ content: { dict: "/Filter [/FlateDecode /RunLengthDecode]", data: runLengthBomb(64) } }),
  },
  {
    family,
    name: "PNG predictor with /Columns 2^30 on a tiny stream",
    expect: ok,
    build: () =>
      pagePdf({
        content: {
          dict: "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Colors 1 /BitsPerComponent 8 /Columns 1073741824 >>",
          data: nestedZlibZeros(8),
        },
      }),
  },
  {
    family,
    name: "BrotliDecode: 512 MiB of zeros in under 1 KB",
    expect: ok,
    build: async () => pagePdf({ content: { dict: "/Filter /BrotliDecode", data: await brotliZeros(512) } }),
  },
  {
    family,
    name: "10^6x bomb in an image XObject the page draws",
    expect: ok,
    build: () =>
      pagePdf({
        content: `q 612 0 0 792 0 0 cm /Im1 Do Q ${textOps("Jane Doe")}`,
        resources: "/XObject << /Im1 6 0 R >>",
        extra: [
          {
            dict: `/Type /XObject /Subtype /Image /Width 65536 /Height 16384 /ColorSpace /DeviceGray /BitsPerComponent 8 ${flate(2)}`,
            data: nestedZlibZeros(1024, 2),
          },
        ],
      }),
  },
];
