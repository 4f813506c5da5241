import { z } from "zod";
import { EvaluationFlagSchema, StarComponentSchema } from "../../core/model/evaluation.ts";
import { CORE_COMPETENCIES } from "../../core/model/interview-vocabulary.ts";

/**
 * What the model must return, per task. Structured outputs need every field present, so
 * optional values are nullable. Scores and quotes are checked again in code after parsing.
 */
const Competency = z.enum(CORE_COMPETENCIES).nullable();
const StarPart = StarComponentSchema;

export const PlannedQuestionsOutput = z.object({
  questions: z.array(
    z.object({
      text: z.string(),
      kind: z.enum(["behavioural", "motivation", "culture-fit", "practical", "revisit"]),
      competency: Competency,
      hint: z.string(),
      topicWords: z.array(z.string()),
    }),
  ),
});

export const FollowUpOutput = z.object({
  probe: z.boolean(),
  missing: z.array(z.enum(["result", "numbers", "specifics", "own-action"])),
  text: z.string(),
});

export const EvaluationOutput = z.object({
  scorable: z.boolean(),
  notScorableReason: z.enum(["empty", "too-short", "gibberish", "off-topic"]).nullable(),
  score: z.number().int().nullable(),
  star: z.object({ situation: StarPart, task: StarPart, action: StarPart, result: StarPart }),
  quantified: z.boolean(),
  evidence: z.array(z.object({ quote: z.string(), shows: z.string() })),
  strengths: z.array(z.string()),
  improvements: z.array(z.string()),
  // "benefits-first" belongs to the candidate-questions assessment, not to one answer.
  flags: z.array(EvaluationFlagSchema.exclude(["benefits-first"])),
});
export type EvaluationOutput = z.infer<typeof EvaluationOutput>;

export const CandidateQuestionsOutput = z.object({
  quality: z.enum(["strategic", "basic", "benefits-first", "none"]),
  questions: z.array(z.string()),
  feedback: z.string(),
});

export const SummaryOutput = z.object({
  strengths: z.array(z.string()),
  improvements: z.array(z.string()),
});

/** Practice mode's stronger version: the answer as four STAR parts, in the candidate's voice. */
export const StoryRewriteOutput = z.object({
  situation: z.string(),
  task: z.string(),
  action: z.string(),
  result: z.string(),
});
