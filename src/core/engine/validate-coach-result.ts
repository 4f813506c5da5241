import { z } from "zod";
import { CoachError } from "../model/errors.ts";
import { EvaluationSchema } from "../model/evaluation.ts";
import { QuestionSchema } from "../model/question.ts";
import { CandidateQuestionsReportSchema, FallbackReasonSchema } from "../model/report.ts";
import type { SessionEvent } from "../model/session-events.ts";

const SummarySchema = z.object({
  strengths: z.array(z.string()),
  improvements: z.array(z.string()),
  fallbackReason: FallbackReasonSchema,
});
const StoryRewriteSchema = z.object({
  story: z
    .object({ situation: z.string(), task: z.string(), action: z.string(), result: z.string() })
    .nullable(),
  fallbackReason: FallbackReasonSchema,
});
const FollowUpSchema = z.union([
  z.object({ probe: z.literal(false) }).loose(),
  z.object({ probe: z.literal(true), text: z.string().min(1).max(2_000) }).loose(),
]);

/**
 * A coach's result is checked against the session's own schemas before it can be committed: a
 * coach that returns something the session cannot hold (an over-long quote, a score out of range)
 * fails that task (and is degraded honestly) instead of storing an interview that no longer loads.
 * @throws CoachError ("invalid-output") when the result does not fit.
 */
export function validateCoachResult(event: SessionEvent): void {
  const result = schemaCheck(event);
  if (result && !result.success) {
    throw new CoachError(
      `Coach ${event.type} result does not fit the session: ${z.prettifyError(result.error)}`,
      {
        retryable: false,
        failure: "invalid-output",
        cause: result.error,
      },
    );
  }
}

function schemaCheck(event: SessionEvent) {
  switch (event.type) {
    case "questions-planned":
      return z.array(QuestionSchema).min(1).safeParse(event.questions);
    case "follow-up-decided":
      return FollowUpSchema.safeParse(event.decision);
    case "answer-evaluated":
      return EvaluationSchema.safeParse(event.evaluation);
    case "candidate-questions-assessed":
      return CandidateQuestionsReportSchema.safeParse(event.assessment);
    case "report-summarised":
      return SummarySchema.safeParse(event.summary);
    case "story-rewritten":
      // The parts' content is checked, and put right or refused, by checkStoryRewrite.
      return StoryRewriteSchema.safeParse(event.rewrite);
    default:
      return null;
  }
}
