import { z } from "zod";

/**
 * The second-round preparation checklist: what a candidate should have ready before a second or
 * final round (why this company over its competitors, research on the company, the practical
 * numbers, questions for the panel), and whether this interview's answers showed each one.
 */
export const PreparationItemSchema = z.enum([
  "why-this-company",
  "company-research",
  "salary-range",
  "notice-period",
  "start-date",
  "panel-questions",
]);
export type PreparationItem = z.infer<typeof PreparationItemSchema>;

export const PREPARATION_ITEMS: readonly PreparationItem[] = PreparationItemSchema.options;

/** The items an answer can show by what it says; the panel questions come from the closing question. */
export const AnswerPreparationItemSchema = PreparationItemSchema.exclude(["panel-questions"]);
export type AnswerPreparationItem = z.infer<typeof AnswerPreparationItemSchema>;

/**
 * One checklist item an answer showed, with the words that show it: an exact substring of the
 * answer, measured by the rubric code for either coach.
 */
export const PreparationEvidenceSchema = z.object({
  item: AnswerPreparationItemSchema,
  quote: z.string().min(1).max(300),
});
export type PreparationEvidence = z.infer<typeof PreparationEvidenceSchema>;

/** The report's verdict on one item: shown (with a verbatim quote) or not. */
export const PreparationCheckSchema = z.object({
  item: PreparationItemSchema,
  shown: z.boolean(),
  /** Verbatim from the answer that showed it; null when not shown. */
  quote: z.string().max(300).nullable(),
  /** The question whose answer showed it (the closing question for the panel questions). */
  questionId: z.string().nullable(),
  /** For the panel questions: the assessment of the candidate's questions, or "not-reached". */
  questionsQuality: z
    .enum(["strategic", "basic", "benefits-first", "none", "not-assessed", "not-reached"])
    .optional(),
});
export type PreparationCheck = z.infer<typeof PreparationCheckSchema>;

/** The report's "Preparation" part, second and final rounds only. */
export const PreparationReportSchema = z.object({
  checks: z.array(PreparationCheckSchema),
});
export type PreparationReport = z.infer<typeof PreparationReportSchema>;

export const PREPARATION_LABELS: Record<PreparationItem, string> = {
  "why-this-company": "Why this company over its competitors",
  "company-research": "Company research",
  "salary-range": "Salary range",
  "notice-period": "Notice period",
  "start-date": "Start date",
  "panel-questions": "Questions for the panel",
};
