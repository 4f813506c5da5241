import { type CalibrationMetrics, measureCalibration } from "./calibration-metrics.ts";
import { type CorpusPart, readCorpus } from "./corpus.ts";
import { judgeWithOfflineCoach } from "./judge-corpus.ts";

/**
 * `npm run calibrate`: the offline coach against the interviewers' labels, on the tuning part and
 * on the held-out part (never used for tuning). `--verbose` lists every disagreement on tuning.
 */

function print(part: CorpusPart, m: CalibrationMetrics): void {
  const lines = [
    `\n== ${part}: ${m.records} answers (${m.compared} scorable English answers compared)`,
    `Spearman ${m.spearman}   Pearson ${m.pearson}   mean absolute error ${m.meanAbsoluteError} points`,
    `band agreement ${(m.bandAgreement * 100).toFixed(1)} %   scorable answers refused: ${m.wronglyRefused.length}${m.wronglyRefused.length ? ` (${m.wronglyRefused.join(", ")})` : ""}`,
    `strong/weak pairs ordered ${m.pairs.ordered}/${m.pairs.total}${m.pairs.misordered.length ? ` (misordered: ${m.pairs.misordered.join(", ")})` : ""}`,
    `junk not scorable ${m.junk.refused}/${m.junk.total}${m.junk.scored.length ? ` (scored: ${m.junk.scored.join(", ")})` : ""}`,
    `manipulation inflation over ${m.manipulation.total}: mean ${m.manipulation.meanInflation}, max ${m.manipulation.maxInflation}${m.manipulation.worst ? ` (${m.manipulation.worst})` : ""}`,
    `false "missing" claims ${m.falseMissing.length}${m.falseMissing.length ? ` (${m.falseMissing.map((f) => `${f.id}:${f.part}`).join(", ")})` : ""}`,
    `other languages: ${m.otherLanguage.total} answers, ${m.otherLanguage.scored} given a score (the offline coach assesses English)`,
    `by kind: ${Object.entries(m.byKind)
      .map(([kind, k]) => `${kind} n=${k.n} ρ=${k.spearman} mae=${k.mae}`)
      .join(" | ")}`,
  ];
  console.log(lines.join("\n"));
}

const verbose = process.argv.includes("--verbose");
const parts = process.argv.includes("--tuning-only")
  ? (["tuning"] as const)
  : (["tuning", "held-out"] as const);
for (const part of parts) {
  const judged = judgeWithOfflineCoach(readCorpus(part));
  print(part, measureCalibration(judged));
  if (verbose && part === "tuning") {
    for (const { record, evaluation } of judged) {
      const label = record.label.scorable ? record.label.score : `x:${record.label.reason}`;
      const got = evaluation.scorable ? evaluation.score : `x:${evaluation.notScorableReason}`;
      const diff = typeof label === "number" && typeof got === "number" ? got - label : null;
      if (diff === null || Math.abs(diff) >= 20)
        console.log(
          `${record.id} ${record.kind} ${record.category} label=${label} got=${got}  ${record.question.slice(0, 60)}`,
        );
    }
  }
}
