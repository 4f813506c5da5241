/**
 * A raw compression dictionary made of whole samples, chosen greedily: each round adds the sample
 * that most shrinks a held-aside share of the samples when compressed with the dictionary so far,
 * until nothing fits under `maxBytes` or helps. The first sample picked goes last, where the
 * compressor's back-references are shortest. Slow (seconds), which is fine for a file made once.
 */
export function pickDictionarySamples(
  samples: readonly Buffer[],
  maxBytes: number,
  compressedSize: (value: Buffer, dictionary: Buffer) => number,
): Buffer {
  // Every third sample only measures, so the dictionary is not judged on the samples it holds.
  const judges = samples.filter((_, index) => index % 3 === 0);
  const candidates = samples.filter((_, index) => index % 3 !== 0);
  const meanSize = (dictionary: Buffer) =>
    judges.reduce((sum, value) => sum + compressedSize(value, dictionary), 0) / judges.length;
  let dictionary = Buffer.alloc(0);
  let best = meanSize(dictionary);
  const used = new Set<number>();
  for (;;) {
    let pick = -1;
    let pickSize = best;
    candidates.forEach((candidate, index) => {
      if (used.has(index) || dictionary.length + candidate.length > maxBytes) return;
      const size = meanSize(Buffer.concat([candidate, dictionary]));
      if (size < pickSize) [pick, pickSize] = [index, size];
    });
    const picked = candidates[pick];
    if (!picked) return dictionary;
    used.add(pick);
    dictionary = Buffer.concat([picked, dictionary]);
    best = pickSize;
  }
}
