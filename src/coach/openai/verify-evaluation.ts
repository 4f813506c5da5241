import type { Evaluation, StarBreakdown } from "../../core/model/evaluation.ts";
import type { EvaluationOutput } from "./llm-output-schemas.ts";

export interface VerifiedEvaluation {
  /** The parts of an Evaluation the model is trusted for, after the checks. */
  readonly judged: Pick<
    Evaluation,
    | "scorable"
    | "notScorableReason"
    | "score"
    | "star"
    | "quantified"
    | "evidence"
    | "strengths"
    | "improvements"
  >;
  /** Quotes that do not occur verbatim in the answer (model paraphrase or invention). */
  readonly unfoundQuotes: readonly string[];
  /** Problems that make the output unusable (re-ask), e.g. a score out of range. */
  readonly problems: readonly string[];
  readonly flags: EvaluationOutput["flags"];
}

/**
 * Cuts text to at most `max` UTF-16 code units without splitting a surrogate pair: a lone half of
 * an emoji is not text anyone wrote, and platforms reject or mangle it.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * Checks a model's evaluation in code: scores in range, a score only when scorable, and every
 * quote an exact substring of the answer. Unfound quotes are dropped here; the caller decides
 * whether to re-ask first.
 */
export function verifyEvaluation(output: EvaluationOutput, answerText: string): VerifiedEvaluation {
  const problems: string[] = [];
  if (output.scorable && (output.score === null || output.score < 0 || output.score > 100)) {
    problems.push(`score must be an integer from 0 to 100 for a scorable answer, got ${output.score}`);
  }
  if (!output.scorable && output.notScorableReason === null)
    problems.push("a not-scorable answer needs a reason");
  // Half a surrogate pair is a substring in UTF-16 terms, but not a quote.
  const occurs = (quote: string) => quote.trim() !== "" && quote.isWellFormed() && answerText.includes(quote);
  const unfound = [
    ...output.evidence.map((item) => item.quote),
    ...Object.values(output.star).flatMap((part) => (part.evidence === null ? [] : [part.evidence])),
  ].filter((quote) => !occurs(quote));
  const star = Object.fromEntries(
    Object.entries(output.star).map(([name, part]) => [
      name,
      {
        present: part.present,
        evidence: part.evidence !== null && occurs(part.evidence) ? part.evidence : null,
      },
    ]),
  ) as StarBreakdown;
  return {
    judged: {
      scorable: output.scorable,
      notScorableReason: output.scorable ? null : (output.notScorableReason ?? "off-topic"),
      score:
        output.scorable && output.score !== null
          ? Math.round(Math.min(100, Math.max(0, output.score)))
          : null,
      star,
      quantified: output.quantified,
      evidence: output.evidence
        .filter((item) => occurs(item.quote))
        .slice(0, 8)
        .map((item) => ({ quote: clipText(item.quote, 600), shows: clipText(item.shows, 200) })),
      strengths: output.scorable ? output.strengths.slice(0, 6).map((text) => clipText(text, 400)) : [],
      improvements: output.improvements.slice(0, 6).map((text) => clipText(text, 400)),
    },
    unfoundQuotes: [...new Set(unfound)],
    flags: output.flags,
    problems,
  };
}
