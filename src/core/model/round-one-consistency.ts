import { z } from "zod";

/** What a round-2 answer contradicts in the candidate's round-1 notes. */
export const ConsistencyKindSchema = z.enum(["number", "date", "role", "outcome"]);
export type ConsistencyKind = z.infer<typeof ConsistencyKindSchema>;

/**
 * One clear contradiction between the round-1 notes and a round-2 answer, with both sentences
 * verbatim so the candidate sees exactly what they said each time. Only clear ones are reported
 * (the same measure with a different value, one year against another, one job title against
 * another, the deadline met against missed); anything less certain is left alone.
 */
export const ConsistencyFindingSchema = z.object({
  kind: ConsistencyKindSchema,
  /** The round-1 question the notes belong to. */
  roundOneQuestion: z.string().max(500),
  /** The sentence of the round-1 notes, verbatim. */
  roundOneQuote: z.string().min(1).max(600),
  /** The sentence of the round-2 answer, verbatim. */
  answerQuote: z.string().min(1).max(600),
  /** Our own short wording of the difference, e.g. "5 days to 2 against 5 days to 3". */
  detail: z.string().max(200),
});
export type ConsistencyFinding = z.infer<typeof ConsistencyFindingSchema>;

export const CONSISTENCY_KIND_LABELS: Record<ConsistencyKind, string> = {
  number: "a number",
  date: "a date",
  role: "your role",
  outcome: "the outcome",
};

/** The report's round-1 part: what the round was built on and what did not match. */
export const RoundOneReportSchema = z.object({
  /** As the candidate wrote it in the log. */
  date: z.string(),
  /** Logged questions, and how many of them this interview returned to. */
  logged: z.number().int().nonnegative(),
  revisited: z.number().int().nonnegative(),
  findings: z.array(ConsistencyFindingSchema.extend({ questionId: z.string(), questionText: z.string() })),
});
export type RoundOneReport = z.infer<typeof RoundOneReportSchema>;
