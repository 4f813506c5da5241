import { loadCompetencySynonyms } from "../../src/cli/competency-synonyms.ts";
import { answerRequestFromRecord } from "../../src/cli/evaluate-input.ts";
import { evaluateAnswer } from "../../src/coach/rubric/index.ts";
import type { Judged } from "./calibration-metrics.ts";
import type { CalibrationRecord } from "./corpus.ts";

/** The offline coach's judgement of every record, asked exactly as `secondround evaluate` asks. */
export function judgeWithOfflineCoach(records: readonly CalibrationRecord[]): Judged[] {
  const synonyms = loadCompetencySynonyms();
  return records.map((record, index) => {
    const mapped = answerRequestFromRecord(
      {
        question: record.question,
        answer: record.answer,
        kind: record.kind,
        competency: record.competency ?? undefined,
        role: record.role,
        company: record.company,
      },
      index + 1,
      synonyms,
    );
    if (!mapped.ok) throw new Error(`${record.id}: ${mapped.error}`);
    return { record, evaluation: evaluateAnswer(mapped.request) };
  });
}
