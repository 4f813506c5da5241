import { z } from "zod";

/** The least and most an admin may weight one part of the rubric: the rubric stays recognisable. */
export const MIN_EMPHASIS = 0.5;
export const MAX_EMPHASIS = 2;

/** The parts of an answer's score a community may weight, each against the others. */
export const EMPHASIS_PARTS = ["structure", "specificity", "relevance", "results", "delivery"] as const;
export type EmphasisPart = (typeof EMPHASIS_PARTS)[number];

const weight = (part: EmphasisPart) =>
  z
    .number()
    .min(MIN_EMPHASIS, `${part} must be between ${MIN_EMPHASIS} and ${MAX_EMPHASIS} (1 is as shipped)`)
    .max(MAX_EMPHASIS, `${part} must be between ${MIN_EMPHASIS} and ${MAX_EMPHASIS} (1 is as shipped)`)
    .optional();

/**
 * What a community's score emphasises: a multiplier per part of the rubric, 1 (or left out) as
 * shipped. "structure" is the story's shape and the candidate's own actions (situation, task,
 * action, ownership; for other kinds their reasons and example), "specificity" concrete detail,
 * "relevance" answering the question asked, "results" the outcome and the numbers measuring it,
 * "delivery" length and spoken habits. The weights are renormalised, so a score stays 0-100.
 */
export const RubricEmphasisSchema = z.strictObject({
  structure: weight("structure"),
  specificity: weight("specificity"),
  relevance: weight("relevance"),
  results: weight("results"),
  delivery: weight("delivery"),
});

export type RubricEmphasis = z.infer<typeof RubricEmphasisSchema>;

/** The multiplier for one part: 1 where the community set none. */
export function emphasisOf(emphasis: RubricEmphasis | undefined, part: EmphasisPart): number {
  return emphasis?.[part] ?? 1;
}

/** True when no part is weighted differently from the shipped rubric. */
export function isDefaultEmphasis(emphasis: RubricEmphasis | undefined): boolean {
  return EMPHASIS_PARTS.every((part) => emphasisOf(emphasis, part) === 1);
}
