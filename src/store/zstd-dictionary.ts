import { createRequire } from "node:module";
import { zstdDecompressSync } from "node:zlib";

/**
 * zstd with a dictionary prepared once (a CDict and a DDict), from zstd-codec's WebAssembly build.
 * Node's own zstd and deflate create a native stream per call, copy the dictionary into it and
 * digest it again, and leave the stream to the garbage collector: done for every field written and
 * read, that cost 50-150 µs per field and grew a busy process's memory by some 100 MB of fragmented
 * native heap. Here the dictionary is digested once and every call works inside one WebAssembly
 * memory, which grows only to what the largest field needs.
 *
 * Frames are standard zstd with their size in the header. A frame claiming more than the caller's
 * bound is refused before anything is allocated for it; one without a size (or that the
 * WebAssembly build cannot read) goes to node:zlib, which stops at the same bound.
 */

interface PreparedDictionary {
  get(): unknown;
}

interface ZstdCodecModule {
  Simple: new () => {
    compressUsingDict(content: Uint8Array, dictionary: PreparedDictionary): Uint8Array | null;
    decompressUsingDict(frame: Uint8Array, dictionary: PreparedDictionary): Uint8Array | null;
  };
  Generic: new () => { contentSize(frame: Uint8Array): number | null };
  Dict: {
    Compression: new (dictionary: Uint8Array, level: number) => PreparedDictionary;
    Decompression: new (dictionary: Uint8Array) => PreparedDictionary;
  };
}

const { ZstdCodec } = createRequire(import.meta.url)("zstd-codec") as {
  ZstdCodec: { run(ready: (codec: ZstdCodecModule) => void): void };
};
const codec = await new Promise<ZstdCodecModule>((resolve) => ZstdCodec.run(resolve));
const simple = new codec.Simple();
const generic = new codec.Generic();

export class ZstdDictionary {
  readonly #raw: Buffer;
  readonly #compression: PreparedDictionary;
  readonly #decompression: PreparedDictionary;

  /** `dictionary`: a trained zstd dictionary or raw content; `level`: 1-19, for compressing. */
  constructor(dictionary: Buffer, level: number) {
    this.#raw = dictionary;
    this.#compression = new codec.Dict.Compression(dictionary, level);
    this.#decompression = new codec.Dict.Decompression(dictionary);
  }

  compress(content: Uint8Array): Uint8Array {
    const compressed = simple.compressUsingDict(content, this.#compression);
    if (compressed === null) throw new Error("zstd could not compress a field");
    return compressed;
  }

  /** The frame's content; throws when it is not a frame of this dictionary or exceeds `maxBytes`. */
  decompress(frame: Uint8Array, maxBytes: number): Buffer {
    const size = generic.contentSize(frame);
    if (size === null || size === 0)
      return zstdDecompressSync(frame, { dictionary: this.#raw, maxOutputLength: maxBytes });
    if (size > maxBytes) throw new Error(`a zstd frame of ${size} bytes exceeds ${maxBytes}`);
    const content = simple.decompressUsingDict(frame, this.#decompression);
    if (content === null) throw new Error("not a zstd frame of this dictionary");
    return Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  }
}
