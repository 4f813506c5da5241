import { readFileSync } from "node:fs";
import path from "node:path";
import { constants, deflateRawSync, inflateRawSync, zstdCompressSync, zstdDecompressSync } from "node:zlib";
import { ANSWER_DEFLATE_LEVEL, CORE_DEFLATE_LEVEL } from "./deflate-levels.ts";

/**
 * How one stored field is encoded. The first byte says which way: JSON starts with "{", "[" or
 * "n" (null); the others are markers. Every field is compressed with a dictionary that already
 * holds its shape, so even a small one shrinks: the hot field (`core`, written on every event)
 * with the fastest deflate and a small dictionary (~20 µs), answers (written once or twice) with
 * a 32 KB one, the cold ones (written once) with zstd. Dictionaries are versioned files that
 * never change (see make-dictionaries.ts): a stored value names the one it was written with.
 */
export type FieldKind = "hot" | "answer" | "cold";

/** Deflate without a dictionary: what earlier versions wrote. Still read. */
const DEFLATED = 0x01;
/** Deflate with answer-v1.txt (one answer's shape, 2 KB): what earlier versions wrote. Still read. */
const DEFLATED_ANSWER_V1 = 0x02;
/** zstd with cold-v1.txt (the question bank and a report): written once per interview. */
const ZSTD_COLD_V1 = 0x03;
/**
 * Deflate with answer-v2.txt: some 30 KB of evaluated answers (the coach's wording, common
 * English), written on the hot path once or twice per answer. An answer comes out a third
 * smaller than with v1 (see docs/performance.md). Not 0x04: that starts a sealed value
 * (field-cipher.ts).
 */
const DEFLATED_ANSWER_V2 = 0x05;
/**
 * Deflate with core-v1.txt (4 KB of `core` at points of real interviews): `core` shrinks to about
 * a quarter. Earlier versions wrote it as plain JSON, which is still read.
 */
const DEFLATED_CORE_V1 = 0x06;

/** Below this a value is stored as it is: the marker and the codec's own framing would not pay. */
const COMPRESS_FROM_BYTES = 200;
/** Decompressed fields never exceed this; anything larger is corruption (or an attack), not data. */
const MAX_FIELD_BYTES = 4 * 1024 * 1024;
const ZSTD_LEVEL = 3;

const dictionaryDirectory = path.join(import.meta.dirname, "dictionaries");
const answerDictionaryV1 = readFileSync(path.join(dictionaryDirectory, "answer-v1.txt"));
const answerDictionary = readFileSync(path.join(dictionaryDirectory, "answer-v2.txt"));
const coldDictionary = readFileSync(path.join(dictionaryDirectory, "cold-v1.txt"));
const coreDictionary = readFileSync(path.join(dictionaryDirectory, "core-v1.txt"));

/** JSON text for a small field; a Buffer for a compressed one. Neither is kept by the caller. */
export function encodeField(value: unknown, kind: FieldKind): string | Buffer {
  return encodeJson(JSON.stringify(value), kind);
}

/** encodeField for a value already in JSON. */
export function encodeJson(json: string, kind: FieldKind): string | Buffer {
  if (json.length < COMPRESS_FROM_BYTES) return json;
  if (kind === "hot") {
    return withMarker(
      DEFLATED_CORE_V1,
      deflateRawSync(json, { level: CORE_DEFLATE_LEVEL, dictionary: coreDictionary }),
    );
  }
  if (kind === "answer") {
    return withMarker(
      DEFLATED_ANSWER_V2,
      deflateRawSync(json, { level: ANSWER_DEFLATE_LEVEL, dictionary: answerDictionary }),
    );
  }
  return withMarker(
    ZSTD_COLD_V1,
    zstdCompressSync(json, {
      params: { [constants.ZSTD_c_compressionLevel]: ZSTD_LEVEL },
      dictionary: coldDictionary,
    }),
  );
}

export function decodeField(raw: Buffer): unknown {
  return JSON.parse(decodeJson(raw));
}

/** A stored field's JSON text, decompressed (not yet parsed). */
export function decodeJson(raw: Buffer): string {
  const marker = raw[0];
  const body = raw.subarray(1);
  const limit = { maxOutputLength: MAX_FIELD_BYTES };
  if (marker === DEFLATED) return text(inflateRawSync(body, limit));
  if (marker === DEFLATED_CORE_V1)
    return text(inflateRawSync(body, { ...limit, dictionary: coreDictionary }));
  if (marker === DEFLATED_ANSWER_V2)
    return text(inflateRawSync(body, { ...limit, dictionary: answerDictionary }));
  if (marker === DEFLATED_ANSWER_V1)
    return text(inflateRawSync(body, { ...limit, dictionary: answerDictionaryV1 }));
  if (marker === ZSTD_COLD_V1)
    return text(zstdDecompressSync(body, { ...limit, dictionary: coldDictionary }));
  return text(raw);
}

function text(json: Buffer): string {
  return json.toString("utf8");
}

function withMarker(marker: number, compressed: Buffer): Buffer {
  const encoded = Buffer.allocUnsafeSlow(compressed.length + 1);
  encoded[0] = marker;
  compressed.copy(encoded, 1);
  return encoded;
}
