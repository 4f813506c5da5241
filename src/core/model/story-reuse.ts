import { z } from "zod";
import { CompetencySchema } from "./interview-vocabulary.ts";

/**
 * One story told for several competencies in one interview: each answer that told it, with a
 * verbatim sentence of it so the candidate recognises the story. A panel notices the repetition
 * and wonders whether there is only one story to tell.
 */
export const StoryReuseSchema = z.object({
  tellings: z
    .array(
      z.object({
        questionId: z.string(),
        competency: CompetencySchema,
        /** A sentence of the answer, verbatim (its situation when it had one); null when none was cited. */
        quote: z.string().max(600).nullable(),
      }),
    )
    .min(2),
});
export type StoryReuse = z.infer<typeof StoryReuseSchema>;
