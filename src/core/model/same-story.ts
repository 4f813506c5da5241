/**
 * Whether two answers tell the same episode, from their story marks (Evaluation.storyMarks): the
 * share of the shorter telling's marks that the other one also has. The shorter one counts, so
 * a brief retelling ("as I said, the warehouse move …") still matches the full story; a floor of
 * shared marks keeps two short answers with a word or two in common apart. The threshold was set
 * on a development half of an independently labelled corpus (test/calibration/story-reuse).
 */
export const SAME_STORY_OVERLAP = 0.3;
export const SAME_STORY_MIN_SHARED = 3;

export function storyOverlap(
  a: readonly string[],
  b: readonly string[],
): { shared: number; overlap: number } {
  const other = new Set(b);
  const shared = new Set(a.filter((mark) => other.has(mark))).size;
  const smaller = Math.min(new Set(a).size, other.size);
  return { shared, overlap: smaller === 0 ? 0 : shared / smaller };
}

export function isSameStory(a: readonly string[], b: readonly string[]): boolean {
  const { shared, overlap } = storyOverlap(a, b);
  return shared >= SAME_STORY_MIN_SHARED && overlap >= SAME_STORY_OVERLAP;
}
