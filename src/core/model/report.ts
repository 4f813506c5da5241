import { z } from "zod";
import { EvaluationSchema } from "./evaluation.ts";
import { CompetencySchema, QuestionKindSchema } from "./interview-vocabulary.ts";
import { PreparationReportSchema } from "./preparation.ts";
import { RoundOneReportSchema } from "./round-one-consistency.ts";
import { StoryReuseSchema } from "./story-reuse.ts";
import { TokenUsageSchema } from "./token-usage.ts";
import { DeliveryMeasuresSchema, DeliverySummarySchema } from "./voice.ts";

/** Overall bands: 0-54 not yet, 55-74 almost, 75-100 ready (see prompts/rubric.md). */
export const BandSchema = z.enum(["not-yet", "almost", "ready"]);
export type Band = z.infer<typeof BandSchema>;

export const BAND_LABELS: Record<Band, string> = { "not-yet": "Not yet", almost: "Almost", ready: "Ready" };

export const AnswerTimingSchema = z.object({
  /** From the question being shown to the answer being submitted, paused time excluded. */
  secondsToAnswer: z.number().int().nonnegative(),
  words: z.number().int().nonnegative(),
});
export type AnswerTiming = z.infer<typeof AnswerTimingSchema>;

export const ReportQuestionSchema = z.object({
  questionId: z.string(),
  questionText: z.string(),
  kind: QuestionKindSchema,
  competency: CompetencySchema.nullable(),
  status: z.enum(["answered", "skipped", "not-reached"]),
  probed: z.boolean(),
  hintUsed: z.boolean(),
  timing: AnswerTimingSchema.nullable(),
  evaluation: EvaluationSchema.nullable(),
  /** Assessments of earlier attempts, oldest first, when the candidate tried again (practice mode). */
  earlierAttempts: z.array(z.object({ evaluation: EvaluationSchema.nullable() })).optional(),
  /** How a spoken answer was delivered (pace, fillers, pauses); absent when it was typed. */
  delivery: DeliveryMeasuresSchema.optional(),
});
export type ReportQuestion = z.infer<typeof ReportQuestionSchema>;

export const CompetencyCoverageSchema = z.object({
  competency: CompetencySchema,
  /** Asked and answered with a scorable answer. */
  covered: z.boolean(),
  /** Mean score of the scorable answers for this competency. */
  score: z.number().int().min(0).max(100).nullable(),
});

/** Why the offline coach stood in for the AI coach; stored interviews from before it read as absent. */
export const FallbackReasonSchema = z.string().max(300).nullable().optional();

export const CandidateQuestionsReportSchema = z.object({
  quality: z.enum(["strategic", "basic", "benefits-first", "none", "not-assessed"]),
  questions: z.array(z.string()),
  feedback: z.string(),
  fallbackReason: FallbackReasonSchema,
});

/** The final report: data, rendered by each transport in its own way. */
export const ReportSchema = z.object({
  role: z.string(),
  company: z.string(),
  stage: z.string(),
  /** Mean of the scorable answers; null when none was scorable (never invented). */
  overallScore: z.number().int().min(0).max(100).nullable(),
  band: BandSchema.nullable(),
  scorableAnswers: z.number().int().nonnegative(),
  questions: z.array(ReportQuestionSchema),
  competencyCoverage: z.array(CompetencyCoverageSchema),
  candidateQuestions: CandidateQuestionsReportSchema.nullable(),
  strengths: z.array(z.string()),
  improvements: z.array(z.string()),
  /** Set when the offline coach wrote the overall strengths and improvements in the AI coach's place. */
  summaryFallbackReason: FallbackReasonSchema,
  /** Which coaches produced the judgements, e.g. ["offline"]. */
  coaches: z.array(z.string()),
  endedEarly: z.boolean(),
  /** AI coach tokens for the whole interview; null when no AI call was made. */
  tokenUsage: TokenUsageSchema.nullable().default(null),
  /** What a round built on a round-1 log revisited and found inconsistent; absent without a log. */
  roundOne: RoundOneReportSchema.optional(),
  /** Stories told for more than one competency in this interview; absent when there were none. */
  storyReuse: z.array(StoryReuseSchema).optional(),
  /** The second-round preparation checklist, each item shown or not by the answers; absent in a first round. */
  preparation: PreparationReportSchema.optional(),
  /** Delivery over every spoken answer; absent when every answer was typed. */
  delivery: DeliverySummarySchema.optional(),
  generatedAt: z.number().int(),
});
export type Report = z.infer<typeof ReportSchema>;
