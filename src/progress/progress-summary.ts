import { COMPETENCY_LABELS } from "../core/model/interview-vocabulary.ts";
import type { ProgressEntry } from "../core/model/progress-entry.ts";
import { type ProgressFigures, progressFigures, shortDate } from "./progress-figures.ts";

/** Below this a competency's average is a gap to work on (the rubric's "Not yet" band). */
const GAP_BELOW = 55;

/** What a member with no finished interview is told instead of a chart. */
export const NO_PROGRESS_YET =
  "No finished interviews yet, so there is no progress to show. Finish an interview and your scores will appear here.";

/**
 * The chart's content in words, sent beside the picture (and read by screen readers), e.g.
 * "5 interviews since 3 Mar 2026: overall 54 → 71 (+17). Strongest: Initiative 80. Gaps: Conflict (never asked)."
 */
export function progressSummary(entries: readonly ProgressEntry[]): string {
  if (entries.length === 0) return NO_PROGRESS_YET;
  const figures = progressFigures(entries);
  const first = figures.entries[0] as ProgressEntry;
  const count = figures.entries.length === 1 ? "1 interview" : `${figures.entries.length} interviews`;
  const sentences = [`${count} since ${shortDate(first.finishedAt)}: ${overallTrend(figures)}.`];
  const averaged = figures.competencies.filter((item) => item.average !== null);
  const best = [...averaged].sort((a, b) => (b.average ?? 0) - (a.average ?? 0))[0];
  if (best) sentences.push(`Strongest: ${COMPETENCY_LABELS[best.competency]} ${best.average}.`);
  const gaps = figures.competencies.flatMap((item) => {
    const label = COMPETENCY_LABELS[item.competency];
    if (item.asked === 0) return [`${label} (never asked)`];
    if (item.average === null) return [`${label} (not scored yet)`];
    return item.average < GAP_BELOW && item !== best ? [`${label} ${item.average}`] : [];
  });
  sentences.push(gaps.length > 0 ? `Gaps: ${gaps.join(", ")}.` : "No gaps among the six core competencies.");
  return sentences.join(" ");
}

function overallTrend(figures: ProgressFigures): string {
  const { scored } = figures;
  const first = scored[0]?.overallScore;
  const last = scored.at(-1)?.overallScore;
  if (first == null || last == null) return "no overall score yet (nothing was scorable)";
  if (scored.length === 1) return `overall ${last}`;
  const change = last - first;
  return `overall ${first} → ${last} (${change >= 0 ? "+" : "−"}${Math.abs(change)})`;
}
