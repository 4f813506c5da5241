/**
 * The rubric's numbers, in one place. prompts/rubric.md documents exactly these; change both
 * together. Each table sums to 100.
 */

export const STAR_WEIGHTS = {
  situation: 8,
  task: 8,
  action: 25,
  result: 12,
  quantifiedResult: 9,
  specificity: 12,
  ownership: 4,
  delivery: 22,
} as const;

/** Action credit: two or more sentences of "I did…" earn it all; only "we did…" earns little. */
export const ACTION_CREDIT = { twoOrMoreOwn: 25, oneOwn: 15, teamOnly: 6 } as const;

export const MOTIVATION_WEIGHTS = {
  companyTie: 20,
  specificTie: 15,
  experience: 25,
  reasons: 15,
  specificity: 15,
  delivery: 10,
} as const;

export const CULTURE_FIT_WEIGHTS = {
  example: 30,
  ownAction: 20,
  outcome: 15,
  valueLink: 15,
  specificity: 10,
  delivery: 10,
} as const;

export const PRACTICAL_WEIGHTS = { figure: 45, justification: 30, specificity: 10, delivery: 15 } as const;

/** Closing answers ("any questions for us?") score by the quality of the questions asked. */
export const CLOSING_SCORES = { strategic: 85, basic: 65, "benefits-first": 45, none: 20 } as const;

export const PENALTIES = {
  /** Per filler word per 100 words above 2, at most 8. */
  fillerPerUnit: 1,
  fillerFree: 2,
  fillerMax: 8,
  /** Per hedge per 100 words above 2, at most 5. */
  hedgePerUnit: 1,
  hedgeFree: 2,
  hedgeMax: 5,
  /** Per word beyond the kind's ideal maximum (350 for a story), at most 45. */
  perWordOver: 0.1,
  lengthMax: 45,
  /** A story this much shorter than the ideal minimum loses up to this many points, in proportion. */
  shortStory: 10,
  /** Stories: up to this many points for the share of sentences that only claim or generalise. */
  genericClaims: 15,
  /** Stories: up to this many points for the share of sentences about what the candidate would do. */
  hypothetical: 15,
  /** "I can't think of a time…": the premise declined. */
  declinedPremise: 10,
  embeddedInstructions: 5,
  keywordStuffing: 5,
  /** Motivation: generic praise with no specific reason tied to the company. */
  flattery: 20,
} as const;

/** Relevance below this scales the score down, to ×0.6 at none (0.15 → ×0.8). */
export const RELEVANCE_FLOOR = 0.3;

/** A story the themes show is about something other than the question keeps this share of its points. */
export const OFF_QUESTION_FACTOR = 0.3;
