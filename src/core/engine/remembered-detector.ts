import type { InstructionDetector } from "./clean-coach-text.ts";

/** Distinct texts whose verdicts are kept: the labels and templates every evaluation repeats. */
export const MAX_ENTRIES = 4_096;
/** Longer texts are checked every time: they rarely repeat, and would make the memory unbounded. */
export const MAX_TEXT_CHARS = 400;

/**
 * The detector with its verdicts remembered, least recently used out first. Checking coach output
 * runs the language model over every label, strength and quote of every evaluation, and most of
 * those are the same few dozen texts ("situation", "quantified result", the length advice):
 * without this they took about 0.8 ms of each answer. The detector is a pure function of the
 * text, so a remembered verdict is the verdict.
 */
export function rememberedDetector(detect: InstructionDetector): InstructionDetector {
  const verdicts = new Map<string, boolean>();
  return (text) => {
    if (text.length > MAX_TEXT_CHARS) return detect(text);
    const known = verdicts.get(text);
    if (known !== undefined) {
      // Refreshed: a Map iterates in insertion order, so the oldest entry is the first.
      verdicts.delete(text);
      verdicts.set(text, known);
      return known;
    }
    const verdict = detect(text);
    verdicts.set(text, verdict);
    if (verdicts.size > MAX_ENTRIES) {
      const oldest = verdicts.keys().next().value;
      if (oldest !== undefined) verdicts.delete(oldest);
    }
    return verdict;
  };
}
