// The generated test audio is real audio: an independent parser (music-metadata) reads its format
// and duration from the bytes. The damaged files are damaged in the ways they claim.
import { parseBuffer } from "music-metadata";
import { describe, expect, it } from "vitest";
import { oggCrc32 } from "../support/ogg-crc.ts";
import { corruptAudio, oggOpusFile, wavFile } from "../support/test-audio.ts";

describe("test audio files", () => {
  it.each([0.5, 3, 61.37])("wavFile is a PCM WAV of %s seconds", async (seconds) => {
    const bytes = wavFile({ seconds, sampleRate: 8_000 });
    const { format } = await parseBuffer(bytes, { mimeType: "audio/wav" }, { duration: true });
    expect(format).toMatchObject({ container: "WAVE", codec: "PCM", sampleRate: 8_000, numberOfChannels: 1 });
    expect(format.duration).toBeCloseTo(seconds, 3);
  });

  it("wavFile carries the tone it was asked for, not silence", () => {
    const bytes = wavFile({ seconds: 1, sampleRate: 16_000, tone: 1_000 });
    const view = new DataView(bytes.buffer, bytes.byteOffset + 44);
    let crossings = 0;
    for (let index = 1; index < 16_000; index += 1)
      if (view.getInt16((index - 1) * 2, true) < 0 !== view.getInt16(index * 2, true) < 0) crossings += 1;
    // A 1 kHz sine crosses zero twice per cycle.
    expect(crossings).toBeGreaterThan(1_990);
    expect(crossings).toBeLessThan(2_010);
  });

  it.each([0.02, 3.3, 7, 125.5])("oggOpusFile is an Ogg Opus file of %s seconds", async (seconds) => {
    const bytes = oggOpusFile({ seconds });
    // No MIME type: the parser recognises the file from its bytes alone.
    const { format } = await parseBuffer(bytes, undefined, { duration: true });
    expect(format).toMatchObject({
      container: "Ogg",
      codec: "Opus",
      sampleRate: 48_000,
      numberOfChannels: 1,
    });
    expect(format.duration).toBeCloseTo(seconds, 3);
  });

  it("the Ogg checksum is the standard's CRC-32 (CKSUM's polynomial and initial value, no final XOR)", () => {
    // CRC-32/CKSUM's check value for "123456789" is 0x765E7680 after its final XOR; Ogg omits that XOR.
    expect(oggCrc32(new TextEncoder().encode("123456789"))).toBe(~0x765e7680 >>> 0);
  });

  it("every Ogg page has the right checksum and the pages are numbered in order", () => {
    const pages = oggPages(oggOpusFile({ seconds: 4 }));
    expect(pages.length).toBe(2 + 5); // OpusHead, OpusTags, then one page per second (the last one short)
    pages.forEach((page, index) => {
      expect(page.sequence).toBe(index);
      expect(page.checksumOk).toBe(true);
    });
    expect(pages[0]?.flags).toBe(0x02);
    expect(pages.at(-1)?.flags).toBe(0x04);
    // Granule positions only grow, and the last one is pre-skip + 4 s at 48 kHz.
    const granules = pages.map((page) => page.granule);
    expect(granules).toEqual([...granules].sort((a, b) => Number(a - b)));
    expect(granules.at(-1)).toBe(312n + 4n * 48_000n);
  });

  it("the damaged files are damaged as they say", async () => {
    const whole = oggOpusFile({ seconds: 3 });
    const truncated = corruptAudio.truncatedOgg(3);
    expect(truncated.length).toBeLessThan(whole.length);
    expect(oggPages(truncated).at(-1)?.complete).toBe(false);

    const badChecksum = corruptAudio.oggWithBadChecksum(3);
    expect(badChecksum.length).toBe(whole.length);
    expect(oggPages(badChecksum).filter((page) => !page.checksumOk)).toHaveLength(1);

    const pdf = corruptAudio.pdfNamedOgg();
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe("%PDF-");
    await expect(parseBuffer(pdf, undefined, { duration: true })).rejects.toThrow(/not supported/);
  });
});

/** A minimal Ogg page walker, for the checks above. */
function oggPages(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pages: {
    sequence: number;
    flags: number;
    granule: bigint;
    checksumOk: boolean;
    complete: boolean;
  }[] = [];
  let offset = 0;
  while (offset + 27 <= bytes.length) {
    const segments = bytes[offset + 26] ?? 0;
    let size = 27 + segments;
    for (let index = 0; index < segments; index += 1) size += bytes[offset + 27 + index] ?? 0;
    const complete = offset + size <= bytes.length;
    const page = bytes.slice(offset, offset + size);
    const stored = complete ? view.getUint32(offset + 22, true) : -1;
    page.fill(0, 22, 26);
    pages.push({
      sequence: view.getUint32(offset + 18, true),
      flags: bytes[offset + 5] ?? 0,
      granule: view.getBigInt64(offset + 6, true),
      checksumOk: complete && oggCrc32(page) === stored,
      complete,
    });
    offset += size;
  }
  return pages;
}
