import { CORE_COMPETENCIES, type Competency } from "../core/model/interview-vocabulary.ts";
import type { ProgressEntry } from "../core/model/progress-entry.ts";

/** One core competency across a member's history. */
export interface CompetencyFigure {
  readonly competency: Competency;
  /** Interviews that asked about it. */
  readonly asked: number;
  /** Mean of its scores across those interviews; null when never scored. */
  readonly average: number | null;
}

/** What both the chart and its text summary show, computed once so they cannot disagree. */
export interface ProgressFigures {
  readonly entries: readonly ProgressEntry[];
  /** The interviews with an overall score, oldest first. */
  readonly scored: readonly ProgressEntry[];
  readonly competencies: readonly CompetencyFigure[];
}

export function progressFigures(entries: readonly ProgressEntry[]): ProgressFigures {
  const ordered = [...entries].sort((a, b) => a.finishedAt - b.finishedAt);
  const competencies = CORE_COMPETENCIES.map((competency) => {
    const found = ordered.flatMap((entry) =>
      entry.competencies.filter((item) => item.competency === competency),
    );
    const scores = found.map((item) => item.score).filter((score): score is number => score !== null);
    const average =
      scores.length > 0 ? Math.round(scores.reduce((sum, score) => sum + score, 0) / scores.length) : null;
    return { competency, asked: found.length, average };
  });
  return { entries: ordered, scored: ordered.filter((entry) => entry.overallScore !== null), competencies };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "3 Mar 2026", in UTC: the same on every server, whatever its time zone. */
export function shortDate(at: number): string {
  const date = new Date(at);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
