// Real audio files for tests, made in code: a PCM WAV with a tone, and an Ogg Opus file shaped like a
// Discord voice message. Both are read by an independent parser in test/support/test-audio.test.ts,
// so a test that says "a 3-second clip" really uploads one.
import { oggCrc32 } from "./ogg-crc.ts";

const OPUS_RATE = 48_000;
/** The decoder's start-up samples a file declares to skip; 312 is what libopus encoders write. */
const OPUS_PRE_SKIP = 312;
/** 20 ms at 48 kHz: one Opus frame. */
const FRAME_SAMPLES = 960;
/**
 * One 20 ms Opus frame of silence: TOC 0xF8 (CELT, fullband, 20 ms, mono, one frame) and a body that
 * decodes to silence. Discord sends these same three bytes when a speaker stops talking.
 */
const OPUS_SILENCE_FRAME = Uint8Array.of(0xf8, 0xff, 0xfe);
/** Fifty frames, one second of audio, per page, as recorders commonly flush. */
const FRAMES_PER_PAGE = 50;
const SERIAL = 0x5ec0_d0d0;

/** A 16-bit PCM mono WAV of a sine tone (default 440 Hz at 16 kHz). */
export function wavFile(options: { seconds: number; sampleRate?: number; tone?: number }): Uint8Array {
  const sampleRate = options.sampleRate ?? 16_000;
  const tone = options.tone ?? 440;
  const samples = Math.round(options.seconds * sampleRate);
  const dataBytes = samples * 2;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let index = 0; index < text.length; index += 1) bytes[offset + index] = text.charCodeAt(index);
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, "data");
  view.setUint32(40, dataBytes, true);
  for (let index = 0; index < samples; index += 1) {
    const value = Math.sin((2 * Math.PI * tone * index) / sampleRate) * 0.3 * 0x7fff;
    view.setInt16(44 + index * 2, Math.round(value), true);
  }
  return bytes;
}

/**
 * A real Ogg Opus file of `seconds` of silence, as a Discord voice message is: an OpusHead page, an
 * OpusTags page, then pages of 20 ms frames whose granule positions count 48 kHz samples (pre-skip
 * included, the last one trimmed to the exact length), each page with its Ogg checksum.
 */
export function oggOpusFile(options: { seconds: number }): Uint8Array {
  const endGranule = OPUS_PRE_SKIP + Math.round(options.seconds * OPUS_RATE);
  const frames = Math.ceil(endGranule / FRAME_SAMPLES);
  const pages: Uint8Array[] = [
    oggPage({ packets: [opusHead()], granule: 0n, sequence: 0, first: true, last: frames === 0 }),
    oggPage({ packets: [opusTags()], granule: 0n, sequence: 1, first: false, last: false }),
  ];
  for (let start = 0; start < frames; start += FRAMES_PER_PAGE) {
    const count = Math.min(FRAMES_PER_PAGE, frames - start);
    const last = start + count >= frames;
    const granule = last ? endGranule : (start + count) * FRAME_SAMPLES;
    const packets = Array.from({ length: count }, () => OPUS_SILENCE_FRAME);
    pages.push(oggPage({ packets, granule: BigInt(granule), sequence: pages.length, first: false, last }));
  }
  return concat(pages);
}

function opusHead(): Uint8Array {
  const bytes = new Uint8Array(19);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode("OpusHead"), 0);
  bytes[8] = 1; // version
  bytes[9] = 1; // channels
  view.setUint16(10, OPUS_PRE_SKIP, true);
  view.setUint32(12, OPUS_RATE, true); // the recording's original rate
  view.setInt16(16, 0, true); // output gain
  bytes[18] = 0; // channel mapping family: mono/stereo
  return bytes;
}

function opusTags(): Uint8Array {
  const vendor = new TextEncoder().encode("SecondRound test audio");
  const bytes = new Uint8Array(8 + 4 + vendor.length + 4);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode("OpusTags"), 0);
  view.setUint32(8, vendor.length, true);
  bytes.set(vendor, 12);
  view.setUint32(12 + vendor.length, 0, true); // no user comments
  return bytes;
}

/** One Ogg page holding whole packets (each under 255 bytes, so one lacing value apiece). */
function oggPage(page: {
  packets: readonly Uint8Array[];
  granule: bigint;
  sequence: number;
  first: boolean;
  last: boolean;
}): Uint8Array {
  const lacing = page.packets.flatMap((packet) => lacingValues(packet.length));
  if (lacing.length > 255) throw new Error("too many packets for one Ogg page");
  const body = concat(page.packets);
  const bytes = new Uint8Array(27 + lacing.length + body.length);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode("OggS"), 0);
  bytes[4] = 0; // version
  bytes[5] = (page.first ? 0x02 : 0) | (page.last ? 0x04 : 0);
  view.setBigInt64(6, page.granule, true);
  view.setUint32(14, SERIAL, true);
  view.setUint32(18, page.sequence, true);
  view.setUint32(22, 0, true); // checksum, filled in below
  bytes[26] = lacing.length;
  bytes.set(lacing, 27);
  bytes.set(body, 27 + lacing.length);
  view.setUint32(22, oggCrc32(bytes), true);
  return bytes;
}

function lacingValues(length: number): number[] {
  const values = new Array<number>(Math.floor(length / 255)).fill(255);
  values.push(length % 255);
  return values;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

/** Files that claim to be audio and are not, or no longer are. */
export const corruptAudio = {
  /** A voice message cut off mid-page, as an interrupted download leaves it. */
  truncatedOgg(seconds = 3): Uint8Array {
    const whole = oggOpusFile({ seconds });
    return whole.slice(0, Math.floor(whole.length * 0.6) + 7);
  },
  /** A whole voice message with one audio page's bytes damaged: its checksum no longer matches. */
  oggWithBadChecksum(seconds = 3): Uint8Array {
    const bytes = oggOpusFile({ seconds });
    const damaged = bytes.slice();
    const page = nthPageOffset(damaged, 3);
    // Past the header and lacing table: a frame's bytes, so the page still walks but no longer sums.
    const inBody = page + 27 + (damaged[page + 26] ?? 0) + 10;
    damaged[inBody] = (damaged[inBody] ?? 0) ^ 0x55;
    return damaged;
  },
  /** A PDF that someone renamed voice.ogg. */
  pdfNamedOgg(): Uint8Array {
    return new TextEncoder().encode(
      "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    );
  },
};

/** Where the nth (0-based) Ogg page starts. */
function nthPageOffset(bytes: Uint8Array, index: number): number {
  let offset = 0;
  for (let page = 0; page < index; page += 1) {
    const segments = bytes[offset + 26] ?? 0;
    let size = 27 + segments;
    for (let segment = 0; segment < segments; segment += 1) size += bytes[offset + 27 + segment] ?? 0;
    offset += size;
  }
  return offset;
}
