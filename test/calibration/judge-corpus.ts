import { loadCompetencySynonyms } from "../../src/cli/competency-synonyms.ts";
import { answerRequestFromRecord } from "../../src/cli/evaluate-input.ts";
import { evaluateAnswer } from "../../src/coach/rubric/index.ts";
import type { AnswerRequest } from "../../src/core/ports/coach-port.ts";
import type { Judged } from "./calibration-metrics.ts";
import type { CalibrationRecord } from "./corpus.ts";

/** Each record as the request `secondround evaluate` makes of it. */
export function corpusRequests(records: readonly CalibrationRecord[]): AnswerRequest[] {
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
    return mapped.request;
  });
}

/** The offline coach's judgement of every record, asked exactly as `secondround evaluate` asks. */
export function judgeWithOfflineCoach(records: readonly CalibrationRecord[]): Judged[] {
  const requests = corpusRequests(records);
  return records.map((record, index) => ({
    record,
    evaluation: evaluateAnswer(requests[index] as AnswerRequest),
  }));
}
