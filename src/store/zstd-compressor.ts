import { createRequire } from "node:module";

/**
 * zstd compression with a dictionary prepared once (a CDict), from zstd-codec's WebAssembly build.
 * Node's own zstd and deflate create a native stream per call, copy the dictionary into it and
 * digest it again, and leave the stream to the garbage collector: written on every event, that cost
 * 50-150 µs per field and grew a busy process's memory by some 100 MB of fragmented native heap.
 * Here the dictionary is digested once and every call works inside one WebAssembly memory, which
 * never grows past what the largest field needs.
 *
 * What it writes is a standard zstd frame: node:zlib's zstdDecompressSync reads it with the same
 * dictionary, which is how fields are read back (with a bound on the output, see field-codec.ts).
 */

interface CompressionDictionary {
  get(): unknown;
}

interface ZstdCodecModule {
  Simple: new () => {
    compressUsingDict(content: Uint8Array, dictionary: CompressionDictionary): Uint8Array | null;
  };
  Dict: { Compression: new (dictionary: Uint8Array, level: number) => CompressionDictionary };
}

const { ZstdCodec } = createRequire(import.meta.url)("zstd-codec") as {
  ZstdCodec: { run(ready: (codec: ZstdCodecModule) => void): void };
};
const codec = await new Promise<ZstdCodecModule>((resolve) => ZstdCodec.run(resolve));
const simple = new codec.Simple();

export class ZstdCompressor {
  readonly #dictionary: CompressionDictionary;

  /** `dictionary`: a trained zstd dictionary or raw content; `level`: 1-19. */
  constructor(dictionary: Uint8Array, level: number) {
    this.#dictionary = new codec.Dict.Compression(dictionary, level);
  }

  compress(content: Uint8Array): Uint8Array {
    const compressed = simple.compressUsingDict(content, this.#dictionary);
    if (compressed === null) throw new Error("zstd could not compress a field");
    return compressed;
  }
}
