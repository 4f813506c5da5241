import { z } from "zod";
import { PreparationEvidenceSchema } from "./preparation.ts";
import { ConsistencyFindingSchema } from "./round-one-consistency.ts";

/** Which coach produced a judgement. Feedback always says so. */
export const CoachNameSchema = z.enum(["offline", "llm"]);
export type CoachName = z.infer<typeof CoachNameSchema>;

export const StarComponentSchema = z.object({
  present: z.boolean(),
  /** Verbatim sentence from the answer that shows this component, or null. */
  evidence: z.string().nullable(),
});
export type StarComponent = z.infer<typeof StarComponentSchema>;

export const StarBreakdownSchema = z.object({
  situation: StarComponentSchema,
  task: StarComponentSchema,
  action: StarComponentSchema,
  result: StarComponentSchema,
});
export type StarBreakdown = z.infer<typeof StarBreakdownSchema>;

/** A verbatim quote from the answer and what it shows. */
export const EvidenceSchema = z.object({
  quote: z.string().min(1).max(600),
  shows: z.string().max(200),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const NotScorableReasonSchema = z.enum([
  "empty",
  "too-short",
  "gibberish",
  "off-topic",
  /** Written in a language the offline coach does not assess (it assesses English). */
  "other-language",
  "skipped",
  "coach-unavailable",
]);
export type NotScorableReason = z.infer<typeof NotScorableReasonSchema>;

/** Things the evaluator noticed that the candidate should know about. */
export const EvaluationFlagSchema = z.enum([
  "keyword-stuffing",
  "embedded-instructions",
  "too-long",
  "too-short",
  "mostly-we",
  "heavy-filler",
  "benefits-first",
]);
export type EvaluationFlag = z.infer<typeof EvaluationFlagSchema>;

/** Measurements behind the judgement, so feedback can be specific. */
export const AnswerSignalsSchema = z.object({
  words: z.number().int().nonnegative(),
  sentences: z.number().int().nonnegative(),
  /** Filler words ("um", "like", "you know") per 100 words. */
  fillerPer100Words: z.number().nonnegative(),
  /** Hedges ("I guess", "maybe", "sort of") per 100 words. */
  hedgesPer100Words: z.number().nonnegative(),
  firstPersonSingular: z.number().int().nonnegative(),
  firstPersonPlural: z.number().int().nonnegative(),
  /** 0-1: numbers, names, dates, tools — concrete detail. */
  specificity: z.number().min(0).max(1),
  /** 0-1: how closely the answer addresses the question asked. */
  relevance: z.number().min(0).max(1),
});
export type AnswerSignals = z.infer<typeof AnswerSignalsSchema>;

/**
 * The answer's own sentences by STAR role, each an exact substring of the answer, in the answer's
 * order: what practice mode's "Show a stronger version" arranges. Only asked of the offline coach
 * in practice mode, so realistic interviews store nothing more.
 */
export const StorySentencesSchema = z.object({
  situation: z.array(z.string().max(600)).max(8),
  task: z.array(z.string().max(600)).max(8),
  action: z.array(z.string().max(600)).max(8),
  result: z.array(z.string().max(600)).max(8),
});
export type StorySentences = z.infer<typeof StorySentencesSchema>;

/** The assessment of one answer. A score is never invented: not scorable means score null. */
export const EvaluationSchema = z.object({
  coach: CoachNameSchema,
  /** Set when this coach stood in for another (e.g. the LLM failed); shown to the candidate. */
  fallbackReason: z.string().max(300).nullable(),
  scorable: z.boolean(),
  notScorableReason: NotScorableReasonSchema.nullable(),
  score: z.number().int().min(0).max(100).nullable(),
  star: StarBreakdownSchema,
  /** True when the result is backed by a number (%, money, time, count). */
  quantified: z.boolean(),
  evidence: z.array(EvidenceSchema).max(8),
  strengths: z.array(z.string().max(400)).max(6),
  improvements: z.array(z.string().max(400)).max(6),
  flags: z.array(EvaluationFlagSchema),
  signals: AnswerSignalsSchema,
  storySentences: StorySentencesSchema.optional(),
  /** Clear contradictions of the candidate's round-1 notes, for an answer to a round-1 revisit. */
  consistency: z.array(ConsistencyFindingSchema).max(5).optional(),
  /**
   * A story answer's distinctive words (coach/rubric/story-marks.ts), measured for either coach:
   * how the report spots one story told for several competencies and the story bank a retelling.
   */
  storyMarks: z.array(z.string().max(40)).max(60).optional(),
  /**
   * In a second or final round, the preparation checklist items this answer showed (salary range,
   * notice period…), each with its words quoted; absent in a first round or when it showed none.
   */
  preparation: z.array(PreparationEvidenceSchema).max(5).optional(),
});
export type Evaluation = z.infer<typeof EvaluationSchema>;
