import {
  EMPHASIS_PARTS,
  type EmphasisPart,
  emphasisOf,
  isDefaultEmphasis,
  type RubricEmphasis,
} from "../../core/model/rubric-emphasis.ts";
import type { AnswerAnalysis } from "./analyse-answer.ts";
import {
  answerRelevanceFactor,
  deliveryPenalties,
  manipulationPenalty,
  stancePenalty,
} from "./score-answer.ts";
import {
  ACTION_CREDIT,
  CULTURE_FIT_WEIGHTS,
  MOTIVATION_WEIGHTS,
  PENALTIES,
  PRACTICAL_WEIGHTS,
  STAR_WEIGHTS,
} from "./weights.ts";

/** Points an answer earned in one part of the rubric, out of the part's weight. */
interface PartPoints {
  readonly earned: number;
  readonly max: number;
}

type Parts = Record<Exclude<EmphasisPart, "relevance">, PartPoints>;

const credit = (present: unknown, weight: number): number => (present ? weight : 0);
const part = (earned: number, max: number): PartPoints => ({ earned, max });

/**
 * The criteria points of score-answer.ts, grouped by the part of the rubric they measure. Each
 * kind's parts add up to its table's 100; relevance is the factor the points are multiplied by,
 * not points of its own. Closing answers have no parts (they score by the questions asked).
 */
export function criteriaParts(a: AnswerAnalysis): Parts | null {
  const k = a.kindSignals;
  const lengthScore = a.delivery.lengthScore;
  switch (a.request.question.kind) {
    case "behavioural":
    case "revisit": {
      const w = STAR_WEIGHTS;
      const own = a.star.ownActions.length;
      const action =
        own >= 2
          ? ACTION_CREDIT.twoOrMoreOwn
          : own === 1
            ? ACTION_CREDIT.oneOwn
            : a.star.teamActions.length > 0
              ? ACTION_CREDIT.teamOnly
              : 0;
      return {
        structure: part(
          credit(a.star.situation, w.situation) +
            credit(a.star.task, w.task) +
            action +
            w.ownership * a.ownership.score,
          w.situation + w.task + w.action + w.ownership,
        ),
        results: part(
          credit(a.star.result, w.result) + credit(a.star.quantifiedResult, w.quantifiedResult),
          w.result + w.quantifiedResult,
        ),
        specificity: part(w.specificity * a.specificity.score, w.specificity),
        delivery: part(w.delivery * lengthScore, w.delivery),
      };
    }
    case "motivation": {
      const w = MOTIVATION_WEIGHTS;
      return {
        structure: part(
          credit(k.companyTie, w.companyTie) +
            credit(k.experience, w.experience) +
            credit(k.motive, w.reasons),
          w.companyTie + w.experience + w.reasons,
        ),
        results: part(0, 0),
        specificity: part(
          credit(k.specificTie, w.specificTie) + w.specificity * a.specificity.score,
          w.specificTie + w.specificity,
        ),
        delivery: part(w.delivery * lengthScore, w.delivery),
      };
    }
    case "culture-fit": {
      const w = CULTURE_FIT_WEIGHTS;
      const links = a.relevance.topicHits + a.relevance.questionHits;
      const ownAction = Math.min(1, a.star.ownActions.length / 2);
      return {
        structure: part(
          credit(k.example, w.example) +
            w.ownAction * ownAction +
            (links >= 2 ? w.valueLink : links === 1 ? w.valueLink / 2 : 0),
          w.example + w.ownAction + w.valueLink,
        ),
        results: part(credit(k.outcome, w.outcome), w.outcome),
        specificity: part(w.specificity * a.specificity.score, w.specificity),
        delivery: part(w.delivery * lengthScore, w.delivery),
      };
    }
    case "practical": {
      const w = PRACTICAL_WEIGHTS;
      return {
        structure: part(
          credit(k.figure, w.figure) + credit(k.reason, w.justification),
          w.figure + w.justification,
        ),
        results: part(0, 0),
        specificity: part(w.specificity * a.specificity.score, w.specificity),
        delivery: part(w.delivery * lengthScore, w.delivery),
      };
    }
    case "closing":
      return null;
  }
}

/**
 * The answer's score before rounding under an emphasis: each part's points weighted and the total
 * renormalised to the same 100 (so a perfect answer still scores 100 and an empty part moves
 * nothing), the relevance shortfall scaled by the relevance weight (never below 0), and the
 * delivery habits' penalties by the delivery weight. Everything else is as score-answer.ts.
 */
function emphasisedPoints(a: AnswerAnalysis, parts: Parts, emphasis: RubricEmphasis | undefined): number {
  let earned = 0;
  let max = 0;
  for (const name of EMPHASIS_PARTS) {
    if (name === "relevance") continue;
    const weight = emphasisOf(emphasis, name);
    earned += weight * parts[name].earned;
    max += weight * parts[name].max;
  }
  const flattery =
    a.request.question.kind === "motivation" && a.kindSignals.flattery && !a.kindSignals.specificTie
      ? PENALTIES.flattery
      : 0;
  const criteria = Math.max(0, (max === 0 ? 0 : (100 * earned) / max) - flattery);
  const shortfall = 1 - answerRelevanceFactor(a);
  const factor = Math.max(0, 1 - shortfall * emphasisOf(emphasis, "relevance"));
  const habits = deliveryPenalties(a);
  const delivery = (habits.length + habits.filler + habits.hedges) * emphasisOf(emphasis, "delivery");
  return criteria * factor - delivery - stancePenalty(a) - manipulationPenalty(a);
}

/**
 * A score (either coach's) under the community's emphasis: moved by as much as the rubric's
 * measurements of this answer move under it, then kept within 0-100. With no emphasis, or for a
 * closing answer, the score is returned untouched, so default settings change no figure.
 */
export function withEmphasis(
  score: number,
  analysis: AnswerAnalysis,
  emphasis: RubricEmphasis | undefined,
): number {
  if (isDefaultEmphasis(emphasis) || analysis.notScorable !== null) return score;
  const parts = criteriaParts(analysis);
  if (parts === null) return score;
  const shift = emphasisedPoints(analysis, parts, emphasis) - emphasisedPoints(analysis, parts, undefined);
  return Math.max(0, Math.min(100, Math.round(score + shift)));
}
