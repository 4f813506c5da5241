/**
 * Structurally hostile PDFs: page-count abuse, encryption, truncation at every 10%, seeded
 * one-byte flips, 100k-deep nesting, reference and xref loops, and object-count abuse.
 */
import { createHash } from "node:crypto";
import { buildPdf } from "../fixtures.ts";
import { DAMAGED, type HostileCase, type Outcome, seededRandom } from "./corpus-types.ts";
import {
  concatBytes,
  latin1,
  materialise,
  type PdfObject,
  textOps,
  writePdf,
  zlibSegments,
} from "./pdf-writer.ts";

// ---- page counts ---------------------------------------------------------------------------------

const PAGE =
  "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>";

/** Page object 4 with its content 5, then `extraPages` more identical pages numbered from 6. */
const pagesWithKids = (kids: string, count: number, extraPages = 0): Uint8Array =>
  writePdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${kids}] /Count ${count} >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    PAGE,
    { dict: "", data: textOps("Jane Doe") },
    ...Array<string>(extraPages).fill(PAGE),
  ]);

export const pageCounts: readonly HostileCase[] = [
  {
    family: "page-count",
    name: "1,000 small pages",
    expect: ["too-many-pages"],
    build: () => buildPdf(Array.from({ length: 1000 }, (_, i) => `p${i}`)),
  },
  {
    family: "page-count",
    name: "21 pages (one over the cap)",
    expect: ["too-many-pages"],
    build: () => buildPdf(Array.from({ length: 21 }, (_, i) => `Page ${i + 1}`)),
  },
  {
    family: "page-count",
    name: "20 pages (exactly the cap) is read",
    expect: ["ok"],
    verify: (r) => {
      if (r.ok && !r.text.includes("Page 20")) throw new Error("page 20 missing");
    },
    build: () => buildPdf(Array.from({ length: 20 }, (_, i) => `Page ${i + 1}`)),
  },
  {
    family: "page-count",
    name: "100,000 /Kids entries pointing at one page object",
    expect: ["too-many-pages"],
    build: () => pagesWithKids(Array(100_000).fill("4 0 R").join(" "), 100_000),
  },
  {
    family: "page-count",
    name: "/Count 2147483647 with a single kid",
    expect: ["too-many-pages", "corrupt", "ok"],
    build: () => pagesWithKids("4 0 R", 2_147_483_647),
  },
  {
    family: "page-count",
    name: "/Count 1 hiding 1,000 kids",
    expect: ["ok", "too-many-pages", "corrupt"],
    build: () =>
      pagesWithKids(Array.from({ length: 1000 }, (_, i) => `${i === 0 ? 4 : 5 + i} 0 R`).join(" "), 1, 999),
  },
  {
    family: "page-count",
    name: "/Count -1",
    expect: DAMAGED,
    build: () => pagesWithKids("4 0 R", -1),
  },
];

// ---- encryption ----------------------------------------------------------------------------------

const PAD = new Uint8Array([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e,
  0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 0xff;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + (s[i] as number)) & 0xff;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
    out[k] = (data[k] as number) ^ (s[((s[i] as number) + (s[j] as number)) & 0xff] as number);
  }
  return out;
}

const md5 = (...parts: Uint8Array[]): Uint8Array => {
  const hash = createHash("md5");
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
};
const hex = (bytes: Uint8Array): string => `<${Buffer.from(bytes).toString("hex")}>`;

/** A correctly RC4-40 (R2) encrypted PDF: empty user password, so readers open it without asking. */
function emptyPasswordRc4Pdf(text: string): Uint8Array {
  const id = latin1("0123456789abcdef");
  const owner = md5(concatBytes([latin1("owner"), PAD]).subarray(0, 32)).subarray(0, 5);
  const o = rc4(owner, PAD);
  const p = new Uint8Array(4);
  new DataView(p.buffer).setInt32(0, -44, true);
  const key = md5(PAD, o, p, id).subarray(0, 5);
  const u = rc4(key, PAD);
  const objectKey = (num: number) =>
    md5(key, new Uint8Array([num & 0xff, (num >> 8) & 0xff, num >> 16, 0, 0])).subarray(0, 10);
  return writePdf(
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
      { dict: "", data: rc4(objectKey(5), latin1(textOps(text))) },
      `<< /Filter /Standard /V 1 /R 2 /O ${hex(o)} /U ${hex(u)} /P -44 >>`,
    ],
    { trailer: `/Encrypt 6 0 R /ID [${hex(id)} ${hex(id)}]` },
  );
}

const encryptedWith = (encrypt: string): Uint8Array =>
  writePdf(
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
      { dict: "", data: latin1("garbled") },
      encrypt,
    ],
    { trailer: "/Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]" },
  );

const h = (bytes: number) => `<${"5a".repeat(bytes)}>`;

export const encrypted: readonly HostileCase[] = [
  {
    family: "encrypted",
    name: "RC4 40-bit with an unknown user password (fixtures builder)",
    expect: ["encrypted"],
    build: () => buildPdf(["secret"], { encrypted: true }),
  },
  {
    family: "encrypted",
    name: "AES-256 (V5 R6) with an unknown password",
    expect: ["encrypted"],
    build: () =>
      encryptedWith(
        `<< /Filter /Standard /V 5 /R 6 /Length 256 /CF << /StdCF << /AuthEvent /DocOpen /CFM /AESV3 /Length 32 >> >> /StmF /StdCF /StrF /StdCF /O ${h(48)} /U ${h(48)} /OE ${h(32)} /UE ${h(32)} /Perms ${h(16)} /P -1028 >>`,
      ),
  },
  {
    family: "encrypted",
    name: "AES-128 (V4 R4) with an unknown password",
    expect: ["encrypted"],
    build: () =>
      encryptedWith(
        `<< /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /AuthEvent /DocOpen /CFM /AESV2 /Length 16 >> >> /StmF /StdCF /StrF /StdCF /O ${h(32)} /U ${h(32)} /P -1028 >>`,
      ),
  },
  {
    family: "encrypted",
    name: "public-key security handler (Adobe.PubSec)",
    expect: ["encrypted", "corrupt"],
    build: () =>
      encryptedWith(`<< /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5 /V 4 /Recipients [${h(64)}] >>`),
  },
  {
    family: "encrypted",
    name: "RC4 with an empty user password opens without asking",
    expect: ["ok"],
    verify: (r) => {
      if (r.ok && r.text !== "Jane Doe, Data Analyst")
        throw new Error(`decrypted text was ${JSON.stringify(r.text)}`);
    },
    build: () => emptyPasswordRc4Pdf("Jane Doe, Data Analyst"),
  },
];

// ---- truncation and one-byte flips ---------------------------------------------------------------

/** A valid two-page sample: one plain and one Flate-compressed content stream. */
export function samplePdf(): Uint8Array {
  const second = latin1(`${textOps("Skills: Python, SQL")}\n${textOps("Experience 2019 - 2024", 690)}`);
  return writePdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
    { dict: "", data: textOps("Jane Doe, Data Analyst") },
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 7 0 R >>",
    { dict: "/Filter /FlateDecode", data: materialise(zlibSegments([{ data: second }])) },
  ]);
}

export const truncatedPdfs: readonly HostileCase[] = Array.from({ length: 9 }, (_, i) => ({
  family: "truncated-pdf",
  name: `cut at ${(i + 1) * 10}%`,
  expect: DAMAGED,
  build: () => {
    const pdf = samplePdf();
    return pdf.subarray(0, Math.floor((pdf.length * (i + 1)) / 10));
  },
}));

/** `count` seeded positions; each flip XORs one byte with a seeded non-zero mask. */
export function flips(seed: number, length: number, count: number): { at: number; mask: number }[] {
  const random = seededRandom(seed);
  const chosen = new Map<number, number>();
  while (chosen.size < count) chosen.set(Math.floor(random() * length), 1 + Math.floor(random() * 255));
  return [...chosen].sort((a, b) => a[0] - b[0]).map(([at, mask]) => ({ at, mask }));
}

export function flipped(bytes: Uint8Array, at: number, mask: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = (copy[at] as number) ^ mask;
  return copy;
}

// The sample is plain ASCII, so a flip inside "%PDF-" can leave it readable as text.
const headerFlip: readonly Outcome[] = [...DAMAGED, "unsupported-type"];

export const flippedPdfs: readonly HostileCase[] = flips(0x4d2, samplePdf().length, 15).map(
  ({ at, mask }) => ({
    family: "byte-flip-pdf",
    name: `byte ${at} ^ 0x${mask.toString(16).padStart(2, "0")}`,
    expect: at < 5 ? headerFlip : DAMAGED,
    build: () => flipped(samplePdf(), at, mask),
  }),
);

// ---- nesting, loops and object abuse -------------------------------------------------------------

const DEEP = 100_000;
const family = "pdf-structure";

/** One page with extra page keys / content, objects from 6 on. */
const page = (
  pageKeys: string,
  content: PdfObject = textOps("Jane Doe"),
  extra: PdfObject[] = [],
): Uint8Array =>
  writePdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R ${pageKeys} >>`,
    typeof content === "string" ? { dict: "", data: content } : content,
    ...extra,
  ]);

function deepPageTree(depth: number): Uint8Array {
  const objects: PdfObject[] = ["<< /Type /Catalog /Pages 2 0 R >>"];
  for (let level = 0; level < depth; level++) {
    const parent = level === 0 ? "" : `/Parent ${level + 1} 0 R`;
    objects.push(`<< /Type /Pages /Kids [${level + 3} 0 R] /Count 1 ${parent} >>`);
  }
  const pageNumber = depth + 2;
  objects.push(
    `<< /Type /Page /Parent ${pageNumber - 1} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${pageNumber + 2} 0 R >> >> /Contents ${pageNumber + 1} 0 R >>`,
    { dict: "", data: textOps("Jane Doe") },
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  );
  return writePdf(objects);
}

function xrefPrevLoop(): Uint8Array {
  const pdf = Buffer.from(page(""));
  const text = pdf.toString("latin1");
  const xrefAt = text.lastIndexOf("xref\n");
  return latin1(text.replace("/Root 1 0 R", `/Root 1 0 R /Prev ${xrefAt}`));
}

/** Objects 1-4 inside an object stream that lies about holding 10^9 objects, via an xref stream. */
function objectStreamLie(): Uint8Array {
  const inner = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
  ];
  let body = "";
  const offsets: number[] = [];
  for (const object of inner) {
    offsets.push(body.length);
    body += `${object}\n`;
  }
  const header = inner.map((_, i) => `${i + 1} ${offsets[i]}`).join(" ");
  const objStm = `${header}\n${body}`;
  const head = latin1("%PDF-1.7\n");
  const content = latin1(
    `5 0 obj\n<< /Length ${textOps("Jane Doe").length} >>\nstream\n${textOps("Jane Doe")}\nendstream\nendobj\n`,
  );
  const stm = latin1(
    `6 0 obj\n<< /Type /ObjStm /N 1000000000 /First ${header.length + 1} /Length ${objStm.length} >>\nstream\n${objStm}\nendstream\nendobj\n`,
  );
  const contentAt = head.length;
  const stmAt = contentAt + content.length;
  const xrefAt = stmAt + stm.length;
  const row = (type: number, field2: number, field3: number) => {
    const b = new Uint8Array(7);
    const v = new DataView(b.buffer);
    b[0] = type;
    v.setUint32(1, field2);
    v.setUint16(5, field3);
    return b;
  };
  const rows = concatBytes([
    row(0, 0, 0xffff),
    ...inner.map((_, i) => row(2, 6, i)),
    row(1, contentAt, 0),
    row(1, stmAt, 0),
    row(1, xrefAt, 0),
  ]);
  const xref = concatBytes([
    `7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Length ${rows.length} >>\nstream\n`,
    rows,
    "\nendstream\nendobj\n",
  ]);
  return concatBytes([head, content, stm, xref, `startxref\n${xrefAt}\n%%EOF\n`]);
}

export const pdfStructure: readonly HostileCase[] = [
  {
    family,
    name: "100k-deep nested arrays in the page dictionary",
    expect: DAMAGED,
    build: () => page(`/Junk ${"[".repeat(DEEP)}${"]".repeat(DEEP)}`),
  },
  {
    family,
    name: "100k-deep nested dictionaries in the page dictionary",
    expect: DAMAGED,
    build: () => page(`/Junk ${"<< /A ".repeat(DEEP)}${">> ".repeat(DEEP)}`),
  },
  {
    family,
    name: "100k-deep nested arrays inside a content-stream TJ",
    expect: DAMAGED,
    build: () =>
      page(
        "",
        `BT /F1 12 Tf 72 720 Td ${"[".repeat(DEEP)}(x)${"]".repeat(DEEP)} TJ ET ${textOps("Jane Doe", 700)}`,
      ),
  },
  {
    family,
    name: "unbalanced: 100k open arrays, never closed",
    expect: DAMAGED,
    build: () => page("", `${"[".repeat(DEEP)} ${textOps("Jane Doe")}`),
  },
  { family, name: "page tree 5,000 levels deep", expect: DAMAGED, build: () => deepPageTree(5000) },
  {
    family,
    name: "page tree whose /Kids contain their own parent",
    expect: DAMAGED,
    build: () =>
      latin1(Buffer.from(page("")).toString("latin1").replace("/Kids [4 0 R]", "/Kids [2 0 R 4 0 R]")),
  },
  {
    family,
    name: "/Contents is an object that references itself",
    expect: DAMAGED,
    build: () =>
      writePdf([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>",
        "5 0 R",
      ]),
  },
  {
    family,
    name: "stream /Length that references its own stream object",
    expect: DAMAGED,
    build: () =>
      latin1(
        Buffer.from(page(""))
          .toString("latin1")
          .replace(/(5 0 obj\n<< )\/Length \d+/, "$1/Length 5 0 R"),
      ),
  },
  { family, name: "trailer /Prev pointing back at the same xref", expect: DAMAGED, build: xrefPrevLoop },
  {
    family,
    name: "startxref pointing past the end of the file",
    expect: DAMAGED,
    build: () =>
      latin1(
        Buffer.from(page(""))
          .toString("latin1")
          .replace(/startxref\n\d+/, "startxref\n999999999"),
      ),
  },
  {
    family,
    name: "no xref table or trailer at all",
    expect: DAMAGED,
    build: () => {
      const text = Buffer.from(page("")).toString("latin1");
      return latin1(text.slice(0, text.indexOf("xref\n")));
    },
  },
  {
    family,
    name: "form XObject that draws itself",
    expect: DAMAGED,
    build: () =>
      page(
        "/Resources << /Font << /F1 3 0 R >> /XObject << /Fm1 6 0 R >> >>",
        `/Fm1 Do ${textOps("Jane Doe")}`,
        [
          {
            dict: "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /Fm1 6 0 R >> >>",
            data: "/Fm1 Do",
          },
        ],
      ),
  },
  {
    family,
    name: "50,000 unused objects",
    expect: ["ok"],
    build: () =>
      page(
        "",
        textOps("Jane Doe"),
        Array.from({ length: 50_000 }, (_, i) => `<< /N ${i} >>`),
      ),
  },
  {
    family,
    name: "xref subsection declaring 2^31-1 entries",
    expect: DAMAGED,
    build: () => {
      const text = Buffer.from(page("")).toString("latin1");
      return latin1(
        text.replace(/xref\n0 \d+\n/, "xref\n0 2147483647\n").replace(/\/Size \d+/, "/Size 2147483647"),
      );
    },
  },
  {
    family,
    name: "object stream claiming 10^9 objects (xref stream)",
    expect: DAMAGED,
    build: objectStreamLie,
  },
];
