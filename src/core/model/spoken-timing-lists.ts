import { MAX_LONG_PAUSES, MAX_SPANS, MAX_TOP_FILLERS, type SpokenTiming } from "./voice.ts";

/**
 * The lists a spoken timing carries (fillers heard, long pauses, text-to-time spans), kept within
 * the schema's caps whether they come from one clip or are pooled from several.
 */

export type Span = SpokenTiming["spans"][number];
export type FillerCount = SpokenTiming["topFillers"][number];

/** Counts pooled by filler, most frequent first (ties: the one heard first), at most MAX_TOP_FILLERS. */
export function topFillersOf(lists: readonly (readonly FillerCount[])[]): FillerCount[] {
  const counts = new Map<string, number>();
  for (const list of lists) {
    for (const [filler, count] of list) counts.set(filler, (counts.get(filler) ?? 0) + count);
  }
  // A stable sort keeps first-heard order among equal counts.
  return [...counts.entries()]
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_TOP_FILLERS);
}

/** The first MAX_LONG_PAUSES pauses: more than that says all there is to say. */
export function capLongPauses(pauses: readonly number[]): number[] {
  return pauses.slice(0, MAX_LONG_PAUSES);
}

/**
 * At most MAX_SPANS spans. Rather than dropping the end of a long answer (its result, most often),
 * neighbours are merged pairwise until the list fits: coarser, but every character keeps its time.
 */
export function fitSpans(spans: readonly Span[]): Span[] {
  let fitted = [...spans];
  while (fitted.length > MAX_SPANS) {
    const merged: Span[] = [];
    for (let index = 0; index < fitted.length; index += 2) {
      const first = fitted[index] as Span;
      const second = fitted[index + 1];
      merged.push(
        second
          ? [
              Math.min(first[0], second[0]),
              Math.max(first[1], second[1]),
              Math.min(first[2], second[2]),
              Math.max(first[3], second[3]),
            ]
          : first,
      );
    }
    fitted = merged;
  }
  return fitted;
}
