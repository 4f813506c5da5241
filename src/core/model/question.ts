import { z } from "zod";
import { CompetencySchema, QuestionKindSchema } from "./interview-vocabulary.ts";
import { RoundOneEntrySchema } from "./round-one-log.ts";

/** One interview question as asked in a session (placeholders already filled in). */
export const QuestionSchema = z.object({
  /** Stable id; bank questions keep their bank id, generated ones get a fresh one. */
  id: z.string().min(1).max(80),
  text: z.string().min(1).max(1000),
  kind: QuestionKindSchema,
  /** The core competency it assesses, if any (motivation/practical questions have none). */
  competency: CompetencySchema.nullable(),
  /** A STAR scaffold (or answer outline) shown when the candidate asks for a hint. */
  hint: z.string().max(1000),
  /** Words that signal the answer is on topic; used by the relevance check. */
  topicWords: z.array(z.string().max(40)).max(40),
  /** The round-1 log entry a second-round question returns to, quoting its notes; absent otherwise. */
  revisits: RoundOneEntrySchema.optional(),
});
export type Question = z.infer<typeof QuestionSchema>;
