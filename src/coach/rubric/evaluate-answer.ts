import type { Evaluation, EvaluationFlag } from "../../core/model/evaluation.ts";
import type { AnswerRequest } from "../../core/ports/coach-port.ts";
import { type AnswerAnalysis, analyseAnswer, computeAnalysis } from "./analyse-answer.ts";
import { HEAVY_FILLER_PER_100 } from "./delivery.ts";
import { buildEvidence, starBreakdown } from "./evidence.ts";
import { buildImprovements, buildStrengths, notScorableImprovements } from "./feedback.ts";
import { withEmphasis } from "./rubric-emphasis.ts";
import { scoreAnswer } from "./score-answer.ts";
import { storySentences } from "./story-sentences.ts";

/**
 * The offline coach's judgement of one answer: deterministic, synchronous and pure. Follows
 * prompts/rubric.md, the same standard the LLM coach is given.
 */

function flagsFor(a: AnswerAnalysis, scorable: boolean): EvaluationFlag[] {
  const flags: EvaluationFlag[] = [];
  if (a.stuffed) flags.push("keyword-stuffing");
  if (a.injections.length > 0) flags.push("embedded-instructions");
  if (!scorable) return flags;
  if (a.delivery.length === "too-long") flags.push("too-long");
  if (a.delivery.length === "too-short") flags.push("too-short");
  const kind = a.request.question.kind;
  if (a.ownership.mostlyWe && (a.usesStar || kind === "culture-fit")) flags.push("mostly-we");
  if (a.delivery.fillerPer100Words >= HEAVY_FILLER_PER_100 && a.delivery.fillers >= 3)
    flags.push("heavy-filler");
  if (a.candidateQuestions?.quality === "benefits-first") flags.push("benefits-first");
  return flags;
}

function cappedScore(a: AnswerAnalysis): number {
  const score = scoreAnswer(a);
  const clean = withoutFlaggedLines(a);
  if (clean === null) return score;
  // Not through analyseAnswer: the variant must not displace the answer's own analysis, which the
  // follow-up decision reads next.
  const without = computeAnalysis({ ...a.request, answerText: clean });
  return without.notScorable === null ? Math.min(score, scoreAnswer(without)) : score;
}

function signalsOf(a: AnswerAnalysis): Evaluation["signals"] {
  return {
    words: a.totalWords,
    sentences: a.sentences.length,
    fillerPer100Words: a.delivery.fillerPer100Words,
    hedgesPer100Words: a.delivery.hedgesPer100Words,
    firstPersonSingular: a.ownership.firstPersonSingular,
    firstPersonPlural: a.ownership.firstPersonPlural,
    specificity: a.specificity.score,
    relevance: a.relevance.score,
  };
}

/**
 * The answer without every line that held text addressed to the assessor or stuffing, or null when
 * there is none. Scoring both and keeping the lower makes "text addressed to a grader can only
 * lower a score" a property of the rubric rather than of any one detector.
 */
function withoutFlaggedLines(a: AnswerAnalysis): string | null {
  const spoken = new Set(a.spoken.map((s) => s.index));
  const flagged = a.sentences.filter((s) => !spoken.has(s.index)).map((s) => s.text);
  if (flagged.length === 0) return null;
  const lines = a.request.answerText.split("\n");
  // A line goes when it holds a flagged sentence, or is a piece of one that spans several lines.
  const holdsFlagged = (line: string): boolean =>
    line.trim() !== "" && flagged.some((text) => line.includes(text) || text.includes(line.trim()));
  const kept = lines.filter((line) => !holdsFlagged(line));
  return kept.length < lines.length && kept.join("").trim() !== "" ? kept.join("\n") : null;
}

export function evaluateAnswer(request: AnswerRequest): Evaluation {
  const a = analyseAnswer(request);
  const base = { coach: "offline" as const, fallbackReason: null, signals: signalsOf(a) };
  if (a.notScorable !== null) {
    return {
      ...base,
      scorable: false,
      notScorableReason: a.notScorable,
      score: null,
      star: starBreakdown(null),
      quantified: false,
      evidence: [],
      strengths: [],
      improvements: notScorableImprovements(a, a.notScorable),
      flags: flagsFor(a, false),
    };
  }
  return {
    ...base,
    scorable: true,
    notScorableReason: null,
    // The community's emphasis, applied as it is to the AI coach's scores (rubric-emphasis.ts).
    score: withEmphasis(cappedScore(a), a, request.emphasis),
    star: starBreakdown(a),
    quantified: a.star.quantifiedResult !== null,
    evidence: buildEvidence(a),
    strengths: buildStrengths(a),
    improvements: buildImprovements(a),
    flags: flagsFor(a, true),
    // Practice mode's "Show a stronger version" arranges these; a realistic interview stores none.
    ...(request.options.mode === "practice" && a.usesStar ? { storySentences: storySentences(a) } : {}),
  };
}
