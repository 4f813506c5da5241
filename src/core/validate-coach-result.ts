import { z } from "zod";
import { EvaluationSchema } from "./evaluation.ts";
import { QuestionSchema } from "./question.ts";
import { CandidateQuestionsReportSchema } from "./report.ts";
import type { SessionEvent } from "./session-events.ts";

const SummarySchema = z.object({ strengths: z.array(z.string()), improvements: z.array(z.string()) });
const FollowUpSchema = z.union([
  z.object({ probe: z.literal(false) }).loose(),
  z.object({ probe: z.literal(true), text: z.string().min(1).max(2_000) }).loose(),
]);

/**
 * A coach's result is checked against the session's own schemas before it can be committed: a
 * coach that returns something the session cannot hold (an over-long quote, a score out of range)
 * fails that task (and is degraded honestly) instead of storing an interview that no longer loads.
 * @throws ZodError when the result does not fit.
 */
export function validateCoachResult(event: SessionEvent): void {
  switch (event.type) {
    case "questions-planned":
      z.array(QuestionSchema).min(1).parse(event.questions);
      return;
    case "follow-up-decided":
      FollowUpSchema.parse(event.decision);
      return;
    case "answer-evaluated":
      EvaluationSchema.parse(event.evaluation);
      return;
    case "candidate-questions-assessed":
      CandidateQuestionsReportSchema.parse(event.assessment);
      return;
    case "report-summarised":
      SummarySchema.parse(event.summary);
      return;
  }
}
