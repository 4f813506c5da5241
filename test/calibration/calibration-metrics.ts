import type { Evaluation } from "../../src/core/model/evaluation.ts";
import { bandOf, type CalibrationRecord } from "./corpus.ts";
import { pearson, spearman } from "./statistics.ts";

/**
 * What `npm run calibrate` reports: agreement of the coach's scores with the interviewers'
 * labels, and the properties the rubric promises (junk refused, pairs ordered, manipulation
 * never rewarded, nothing called missing that is there).
 */

export interface Judged {
  readonly record: CalibrationRecord;
  readonly evaluation: Evaluation;
}

export interface FalseMissing {
  readonly id: string;
  readonly part: string;
}

export interface CalibrationMetrics {
  readonly records: number;
  /** English answers both labelled scorable and compared (a coach refusal counts as 0). */
  readonly compared: number;
  readonly spearman: number;
  readonly pearson: number;
  readonly meanAbsoluteError: number;
  readonly bandAgreement: number;
  readonly wronglyRefused: readonly string[];
  readonly pairs: {
    readonly ordered: number;
    readonly total: number;
    readonly misordered: readonly string[];
  };
  readonly junk: { readonly refused: number; readonly total: number; readonly scored: readonly string[] };
  readonly manipulation: {
    readonly total: number;
    readonly meanInflation: number;
    readonly maxInflation: number;
    readonly worst: string | null;
  };
  readonly falseMissing: readonly FalseMissing[];
  readonly otherLanguage: { readonly total: number; readonly scored: number };
  readonly byKind: Readonly<Record<string, { n: number; spearman: number; mae: number }>>;
}

const round = (value: number, places = 3) => Math.round(value * 10 ** places) / 10 ** places;

function scoreOrZero(evaluation: Evaluation): number {
  return evaluation.scorable && evaluation.score !== null ? evaluation.score : 0;
}

/** A STAR part the interviewer saw but the coach reported missing. */
function falseMissingOf(judged: Judged): FalseMissing[] {
  const { record, evaluation } = judged;
  const present = record.present;
  if (!present || !evaluation.scorable || !record.label.scorable) return [];
  const claims: FalseMissing[] = [];
  for (const part of ["situation", "task", "action", "result"] as const) {
    if (present[part] && !evaluation.star[part].present) claims.push({ id: record.id, part });
  }
  if (present.quantifiedResult && !evaluation.quantified) claims.push({ id: record.id, part: "quantified" });
  return claims;
}

export function measureCalibration(judged: readonly Judged[]): CalibrationMetrics {
  const english = judged.filter((j) => j.record.language === "en");
  const compared = english.filter((j) => j.record.label.scorable);
  const labels = compared.map((j) => (j.record.label.scorable ? j.record.label.score : 0));
  const scores = compared.map((j) => scoreOrZero(j.evaluation));
  const sameBand = compared.filter(
    (j) =>
      j.record.label.scorable &&
      j.evaluation.scorable &&
      bandOf(scoreOrZero(j.evaluation)) === j.record.label.band,
  ).length;

  const byPair = new Map<string, { strong?: Judged; weak?: Judged }>();
  for (const j of judged) {
    if (!j.record.pair || (j.record.category !== "strong" && j.record.category !== "weak")) continue;
    const entry = byPair.get(j.record.pair) ?? {};
    entry[j.record.category] = j;
    byPair.set(j.record.pair, entry);
  }
  const misordered: string[] = [];
  let pairTotal = 0;
  for (const [pair, { strong, weak }] of byPair) {
    if (!strong || !weak) continue;
    pairTotal += 1;
    if (!(scoreOrZero(strong.evaluation) > scoreOrZero(weak.evaluation))) misordered.push(pair);
  }

  const junk = judged.filter((j) => j.record.category === "junk" || !j.record.label.scorable);
  const junkScored = junk.filter((j) => j.evaluation.scorable).map((j) => j.record.id);

  const byId = new Map(judged.map((j) => [j.record.id, j]));
  const inflations: { id: string; inflation: number }[] = [];
  for (const j of judged) {
    const base = j.record.manipulationOf ? byId.get(j.record.manipulationOf) : undefined;
    if (!base) continue;
    inflations.push({ id: j.record.id, inflation: scoreOrZero(j.evaluation) - scoreOrZero(base.evaluation) });
  }
  const worst = inflations.reduce<{ id: string; inflation: number } | null>(
    (max, item) => (max === null || item.inflation > max.inflation ? item : max),
    null,
  );

  const kinds = [...new Set(compared.map((j) => j.record.kind))];
  const byKind = Object.fromEntries(
    kinds.map((kind) => {
      const subset = compared.filter((j) => j.record.kind === kind);
      const l = subset.map((j) => (j.record.label.scorable ? j.record.label.score : 0));
      const s = subset.map((j) => scoreOrZero(j.evaluation));
      const mae = l.reduce((sum, x, i) => sum + Math.abs(x - (s[i] ?? 0)), 0) / Math.max(1, l.length);
      return [kind, { n: subset.length, spearman: round(spearman(l, s)), mae: round(mae, 1) }];
    }),
  );

  const other = judged.filter((j) => j.record.language !== "en");
  return {
    records: judged.length,
    compared: compared.length,
    spearman: round(spearman(labels, scores)),
    pearson: round(pearson(labels, scores)),
    meanAbsoluteError: round(
      labels.reduce((s, x, i) => s + Math.abs(x - (scores[i] ?? 0)), 0) / Math.max(1, labels.length),
      1,
    ),
    bandAgreement: round(sameBand / Math.max(1, compared.length)),
    wronglyRefused: compared.filter((j) => !j.evaluation.scorable).map((j) => j.record.id),
    pairs: { ordered: pairTotal - misordered.length, total: pairTotal, misordered },
    junk: { refused: junk.length - junkScored.length, total: junk.length, scored: junkScored },
    manipulation: {
      total: inflations.length,
      meanInflation: round(
        inflations.reduce((s, x) => s + x.inflation, 0) / Math.max(1, inflations.length),
        1,
      ),
      maxInflation: worst?.inflation ?? 0,
      worst: worst?.id ?? null,
    },
    falseMissing: judged.flatMap(falseMissingOf),
    otherLanguage: { total: other.length, scored: other.filter((j) => j.evaluation.scorable).length },
    byKind,
  };
}
