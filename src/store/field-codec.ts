import { readFileSync } from "node:fs";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import { ZstdDictionary } from "./zstd-dictionary.ts";

/**
 * How one stored field is encoded. The first byte says which way: JSON starts with "{", "[" or
 * "n" (null); the others are markers. Every field is compressed with zstd and a dictionary that
 * already holds its shape, so even a small one shrinks, prepared once per process
 * (zstd-dictionary.ts): the hot field (`core`, written on every event) with a 4 KB trained
 * dictionary at a fast level (~15 µs), answers (written once or twice) with a 32 KB trained one at
 * level 6 (~40 µs), the cold ones (written once) with the question bank as raw content.
 * Dictionaries are versioned files that never change (see make-dictionaries.ts): a stored value
 * names the one it was written with, and every earlier way is still read.
 */
export type FieldKind = "hot" | "answer" | "cold";

/** Deflate without a dictionary: what early versions wrote. Still read. */
const DEFLATED = 0x01;
/** Deflate with answer-v1.txt (one answer's shape, 2 KB): what earlier versions wrote. Still read. */
const DEFLATED_ANSWER_V1 = 0x02;
/** zstd with cold-v1.txt (the question bank and a report): written once per interview. */
const ZSTD_COLD_V1 = 0x03;
/** Deflate with answer-v2.txt (30 KB of evaluated answers): what earlier versions wrote. Still read. */
const DEFLATED_ANSWER_V2 = 0x05;
/** Deflate with core-v1.txt: what earlier versions wrote (and before it, plain JSON). Still read. */
const DEFLATED_CORE_V1 = 0x06;
/** zstd with core-v2.zdict, a dictionary zstd trained on `core` at points of real interviews. */
const ZSTD_CORE_V2 = 0x07;
/**
 * zstd with answer-v3.zdict, trained on evaluated answers (the coach's wording, common English):
 * an answer comes out as small as with answer-v2 and deflate in about a quarter of the time (see
 * docs/performance.md). Not 0x04: that starts a sealed value (field-cipher.ts).
 */
const ZSTD_ANSWER_V3 = 0x08;

/** Below this a value is stored as it is: the marker and the codec's own framing would not pay. */
const COMPRESS_FROM_BYTES = 200;
/** Decompressed fields never exceed this; anything larger is corruption (or an attack), not data. */
const MAX_FIELD_BYTES = 4 * 1024 * 1024;
/**
 * Levels, measured on answers and `core` the dictionaries never saw: for an answer, 3 gives 477 B
 * in 15 µs, 6 gives 434 B in 39 µs, 9 gives 415 B in 58 µs; for `core`, 3 is as fast as 1 and
 * smaller.
 */
const CORE_LEVEL = 3;
const ANSWER_LEVEL = 6;
const COLD_LEVEL = 3;

const dictionaryDirectory = path.join(import.meta.dirname, "dictionaries");
const answerDictionaryV1 = readFileSync(path.join(dictionaryDirectory, "answer-v1.txt"));
const answerDictionaryV2 = readFileSync(path.join(dictionaryDirectory, "answer-v2.txt"));
const coreDictionaryV1 = readFileSync(path.join(dictionaryDirectory, "core-v1.txt"));
const answerDictionary = readFileSync(path.join(dictionaryDirectory, "answer-v3.zdict"));
const coreDictionary = readFileSync(path.join(dictionaryDirectory, "core-v2.zdict"));
const coldDictionary = readFileSync(path.join(dictionaryDirectory, "cold-v1.txt"));
const zstdCore = new ZstdDictionary(coreDictionary, CORE_LEVEL);
const zstdAnswer = new ZstdDictionary(answerDictionary, ANSWER_LEVEL);
const zstdCold = new ZstdDictionary(coldDictionary, COLD_LEVEL);
const compressors = {
  hot: { marker: ZSTD_CORE_V2, zstd: zstdCore },
  answer: { marker: ZSTD_ANSWER_V3, zstd: zstdAnswer },
  cold: { marker: ZSTD_COLD_V1, zstd: zstdCold },
} as const;

/** JSON text for a small field; a Buffer for a compressed one. Neither is kept by the caller. */
export function encodeField(value: unknown, kind: FieldKind): string | Buffer {
  return encodeJson(JSON.stringify(value), kind);
}

/** encodeField for a value already in JSON. */
export function encodeJson(json: string, kind: FieldKind): string | Buffer {
  if (json.length < COMPRESS_FROM_BYTES) return json;
  const { marker, zstd } = compressors[kind];
  return withMarker(marker, zstd.compress(Buffer.from(json)));
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
  if (marker === ZSTD_CORE_V2) return text(zstdCore.decompress(body, MAX_FIELD_BYTES));
  if (marker === ZSTD_ANSWER_V3) return text(zstdAnswer.decompress(body, MAX_FIELD_BYTES));
  if (marker === DEFLATED_CORE_V1)
    return text(inflateRawSync(body, { ...limit, dictionary: coreDictionaryV1 }));
  if (marker === DEFLATED_ANSWER_V2)
    return text(inflateRawSync(body, { ...limit, dictionary: answerDictionaryV2 }));
  if (marker === DEFLATED_ANSWER_V1)
    return text(inflateRawSync(body, { ...limit, dictionary: answerDictionaryV1 }));
  if (marker === ZSTD_COLD_V1) return text(zstdCold.decompress(body, MAX_FIELD_BYTES));
  return text(raw);
}

function text(json: Buffer): string {
  return json.toString("utf8");
}

/** A Buffer of its own (never a slice of Node's shared pool, which a kept value would pin). */
function withMarker(marker: number, compressed: Uint8Array): Buffer {
  const encoded = Buffer.allocUnsafeSlow(compressed.length + 1);
  encoded[0] = marker;
  encoded.set(compressed, 1);
  return encoded;
}
