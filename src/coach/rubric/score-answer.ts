import type { AnswerAnalysis } from "./analyse-answer.ts";
import { LENGTH_BANDS } from "./delivery.ts";
import {
  ACTION_CREDIT,
  CLOSING_SCORES,
  CULTURE_FIT_WEIGHTS,
  MOTIVATION_WEIGHTS,
  OFF_QUESTION_FACTOR,
  PENALTIES,
  PRACTICAL_WEIGHTS,
  RELEVANCE_FLOOR,
  STAR_WEIGHTS,
} from "./weights.ts";

/**
 * Turns the measurements into a 0-100 score (weights in weights.ts and prompts/rubric.md).
 * Criteria are yes/no or 0-1 measures times a weight, so no cue can count twice; penalties only
 * ever subtract. Call only for scorable answers.
 */

const credit = (present: unknown, weight: number): number => (present ? weight : 0);

function starPoints(a: AnswerAnalysis): number {
  const { star, specificity, ownership, delivery } = a;
  const w = STAR_WEIGHTS;
  let action = 0;
  if (star.ownActions.length >= 2) action = ACTION_CREDIT.twoOrMoreOwn;
  else if (star.ownActions.length === 1) action = ACTION_CREDIT.oneOwn;
  else if (star.teamActions.length > 0) action = ACTION_CREDIT.teamOnly;
  return (
    credit(star.situation, w.situation) +
    credit(star.task, w.task) +
    action +
    credit(star.result, w.result) +
    credit(star.quantifiedResult, w.quantifiedResult) +
    w.specificity * specificity.score +
    w.ownership * ownership.score +
    w.delivery * delivery.lengthScore
  );
}

function motivationPoints(a: AnswerAnalysis): number {
  const k = a.kindSignals;
  const w = MOTIVATION_WEIGHTS;
  const flattery = k.flattery && !k.specificTie ? PENALTIES.flattery : 0;
  return (
    credit(k.companyTie, w.companyTie) +
    credit(k.specificTie, w.specificTie) +
    credit(k.experience, w.experience) +
    credit(k.motive, w.reasons) +
    w.specificity * a.specificity.score +
    w.delivery * a.delivery.lengthScore -
    flattery
  );
}

function cultureFitPoints(a: AnswerAnalysis): number {
  const k = a.kindSignals;
  const w = CULTURE_FIT_WEIGHTS;
  const links = a.relevance.topicHits + a.relevance.questionHits;
  const ownAction = Math.min(1, a.star.ownActions.length / 2);
  return (
    credit(k.example, w.example) +
    w.ownAction * ownAction +
    credit(k.outcome, w.outcome) +
    (links >= 2 ? w.valueLink : links === 1 ? w.valueLink / 2 : 0) +
    w.specificity * a.specificity.score +
    w.delivery * a.delivery.lengthScore
  );
}

function practicalPoints(a: AnswerAnalysis): number {
  const k = a.kindSignals;
  const w = PRACTICAL_WEIGHTS;
  return (
    credit(k.figure, w.figure) +
    credit(k.reason, w.justification) +
    w.specificity * a.specificity.score +
    w.delivery * a.delivery.lengthScore
  );
}

function criteriaPoints(a: AnswerAnalysis): number {
  switch (a.request.question.kind) {
    case "behavioural":
    case "revisit":
      return starPoints(a);
    case "motivation":
      return motivationPoints(a);
    case "culture-fit":
      return cultureFitPoints(a);
    case "practical":
      return practicalPoints(a);
    case "closing":
      return CLOSING_SCORES[a.candidateQuestions?.quality ?? "none"];
  }
}

/** Delivery habits' penalties: filler words, hedges and length outside the kind's band. */
export function deliveryPenalties(a: AnswerAnalysis): { length: number; filler: number; hedges: number } {
  const p = PENALTIES;
  const filler = Math.min(
    p.fillerMax,
    Math.max(0, a.delivery.fillerPer100Words - p.fillerFree) * p.fillerPerUnit,
  );
  const hedges = Math.min(
    p.hedgeMax,
    Math.max(0, a.delivery.hedgesPer100Words - p.hedgeFree) * p.hedgePerUnit,
  );
  // Length beyond the kind's band costs in proportion: a 700-word ramble cannot be "Ready".
  const band = LENGTH_BANDS[a.request.question.kind];
  const over = Math.max(0, a.delivery.words - band.idealMax);
  const under = a.usesStar ? Math.max(0, band.idealMin - a.countedWords) / band.idealMin : 0;
  const length = Math.min(p.lengthMax, over * p.perWordOver) + p.shortStory * under;
  return { length, filler, hedges };
}

/** Stories' claims and hypotheticals, which are not evidence: "I'm a natural leader", "I would talk to them". */
export function stancePenalty(a: AnswerAnalysis): number {
  const p = PENALTIES;
  return a.usesStar
    ? p.genericClaims * a.stance.genericShare +
        p.hypothetical * a.stance.hypotheticalShare +
        (a.stance.declined ? p.declinedPremise : 0)
    : 0;
}

/** Text addressed to the grader and keyword stuffing. */
export function manipulationPenalty(a: AnswerAnalysis): number {
  return (
    (a.injections.length > 0 ? PENALTIES.embeddedInstructions : 0) +
    (a.stuffed ? PENALTIES.keywordStuffing : 0)
  );
}

/** Points taken off for delivery habits and manipulation; never negative. */
export function penaltyPoints(a: AnswerAnalysis): number {
  const p = PENALTIES;
  const { length, filler, hedges } = deliveryPenalties(a);
  const stance = stancePenalty(a);
  return (
    length +
    stance +
    filler +
    hedges +
    (a.injections.length > 0 ? p.embeddedInstructions : 0) +
    (a.stuffed ? p.keywordStuffing : 0)
  );
}

export function relevanceFactor(relevance: number): number {
  return relevance >= RELEVANCE_FLOOR ? 1 : 0.6 + (0.4 * relevance) / RELEVANCE_FLOOR;
}

/** What the criteria points are multiplied by for answering the question asked (1: fully). */
export function answerRelevanceFactor(a: AnswerAnalysis): number {
  // Closing answers are judged on the questions asked, which share no words with "any questions?".
  // A well-told story about something else answers a different question: interviewers give it little.
  return a.request.question.kind === "closing"
    ? 1
    : a.relevance.offQuestion
      ? OFF_QUESTION_FACTOR
      : relevanceFactor(a.relevance.score);
}

export function scoreAnswer(a: AnswerAnalysis): number {
  const factor = answerRelevanceFactor(a);
  const scaled = Math.max(0, criteriaPoints(a)) * factor;
  return Math.max(0, Math.min(100, Math.round(scaled - penaltyPoints(a))));
}
