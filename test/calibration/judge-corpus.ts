import { adhocQuestion } from "../../src/coach/adhoc-question.ts";
import { evaluateAnswer } from "../../src/coach/rubric/index.ts";
import { InterviewOptionsSchema } from "../../src/core/interview-options.ts";
import { CompetencySchema } from "../../src/core/interview-vocabulary.ts";
import type { Judged } from "./calibration-metrics.ts";
import type { CalibrationRecord } from "./corpus.ts";

/** The offline coach's judgement of every record, asked exactly as `secondround evaluate` asks. */
export function judgeWithOfflineCoach(records: readonly CalibrationRecord[]): Judged[] {
  return records.map((record) => {
    const competency = CompetencySchema.safeParse(record.competency);
    const kind = record.kind === "candidate-questions" ? "closing" : record.kind;
    const question = adhocQuestion(
      record.id,
      record.question,
      competency.success ? competency.data : null,
      kind,
    );
    const options = InterviewOptionsSchema.parse({ role: record.role, company: record.company });
    return { record, evaluation: evaluateAnswer({ question, answerText: record.answer, options }) };
  });
}
