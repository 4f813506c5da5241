import { CLOSING_QUESTION_ID } from "../interview/session-turns.ts";
import type { Evaluation } from "../model/evaluation.ts";
import type { Session } from "../model/session.ts";
import type { SessionEvent } from "../model/session-events.ts";
import type { CandidateQuestionsAssessment, FollowUpDecision, ReportSummary } from "../ports/coach-port.ts";
import { type CoachTextRules, cleanCoachText, type InstructionDetector } from "./clean-coach-text.ts";

/** Bounds for each kind of coach wording; they sit within the session's own schema limits. */
const LIMITS = {
  probe: 600,
  shows: 200,
  point: 400,
  feedback: 1000,
  fallbackReason: 300,
  listItems: 6,
} as const;

export interface CleanedResult {
  readonly event: SessionEvent;
  /** How many items were dropped as hostile (logged, never shown). */
  readonly dropped: number;
  /** Nothing usable was left: the offline coach's wording should be used instead, labelled. */
  readonly emptied: boolean;
}

/**
 * A coach result's wording made safe before it is committed: every item a candidate will read
 * (probe, evidence labels, strengths, improvements, feedback, summary) goes through
 * cleanCoachText. Question plans are checked separately (see check-planned-questions.ts).
 */
export function cleanCoachResult(
  event: SessionEvent,
  session: Session,
  isInstruction: InstructionDetector,
): CleanedResult {
  const counter = { dropped: 0 };
  const rulesFor = (candidateText: string) => (maxChars: number) => ({
    maxChars,
    candidateText,
    isInstruction,
  });
  switch (event.type) {
    case "follow-up-decided": {
      const decision = cleanDecision(
        event.decision,
        rulesFor(answerText(session, event.questionId)),
        counter,
      );
      return { event: { ...event, decision: decision ?? { probe: false } }, ...outcome(counter, !decision) };
    }
    case "answer-evaluated": {
      const rules = rulesFor(answerText(session, event.questionId));
      const evaluation = cleanEvaluation(event.evaluation, rules, counter);
      const hadPoints = event.evaluation.strengths.length + event.evaluation.improvements.length > 0;
      const emptied = hadPoints && evaluation.strengths.length + evaluation.improvements.length === 0;
      return { event: { ...event, evaluation }, ...outcome(counter, emptied) };
    }
    case "candidate-questions-assessed": {
      const rules = rulesFor(answerText(session, CLOSING_QUESTION_ID));
      const assessment = cleanAssessment(event.assessment, rules, counter);
      return {
        event: { ...event, assessment: assessment ?? event.assessment },
        ...outcome(counter, !assessment),
      };
    }
    case "report-summarised": {
      const rules = rulesFor(session.answers.map((answer) => partsText(answer.parts)).join("\n\n"));
      const summary = cleanSummary(event.summary, rules, counter);
      const hadPoints = event.summary.strengths.length + event.summary.improvements.length > 0;
      const emptied = hadPoints && summary.strengths.length + summary.improvements.length === 0;
      return { event: { ...event, summary }, ...outcome(counter, emptied) };
    }
    default:
      return { event, dropped: 0, emptied: false };
  }
}

type Rules = (maxChars: number) => CoachTextRules;

function outcome(counter: { dropped: number }, emptied: boolean) {
  return { dropped: counter.dropped, emptied };
}

function cleanItem(text: string, rules: CoachTextRules, counter: { dropped: number }): string | null {
  const cleaned = cleanCoachText(text, rules);
  if (cleaned === null) counter.dropped += 1;
  return cleaned;
}

function cleanList(items: readonly string[], rules: CoachTextRules, counter: { dropped: number }): string[] {
  return items
    .flatMap((item) => {
      const cleaned = cleanItem(item, rules, counter);
      return cleaned === null ? [] : [cleaned];
    })
    .slice(0, LIMITS.listItems);
}

/** Our own label, cleaned like any other text in case a coach put something else there. */
function cleanReason(reason: string | null | undefined, rules: Rules): string | null {
  if (!reason) return null;
  return cleanCoachText(reason, rules(LIMITS.fallbackReason));
}

function cleanDecision(decision: FollowUpDecision, rules: Rules, counter: { dropped: number }) {
  if (!decision.probe) return decision;
  const text = cleanItem(decision.text, rules(LIMITS.probe), counter);
  return text === null ? null : { ...decision, text };
}

function cleanEvaluation(evaluation: Evaluation, rules: Rules, counter: { dropped: number }): Evaluation {
  const evidence = evaluation.evidence.flatMap((item) => {
    if (item.shows.trim() === "") return [item];
    const shows = cleanItem(item.shows, rules(LIMITS.shows), counter);
    // The quote is the candidate's own words; a hostile label takes its item with it.
    return shows === null ? [] : [{ ...item, shows }];
  });
  return {
    ...evaluation,
    fallbackReason: cleanReason(evaluation.fallbackReason, rules),
    evidence,
    strengths: cleanList(evaluation.strengths, rules(LIMITS.point), counter),
    improvements: cleanList(evaluation.improvements, rules(LIMITS.point), counter),
  };
}

function cleanAssessment(
  assessment: CandidateQuestionsAssessment,
  rules: Rules,
  counter: { dropped: number },
): CandidateQuestionsAssessment | null {
  const feedback = cleanItem(assessment.feedback, rules(LIMITS.feedback), counter);
  if (feedback === null) return null;
  const fallbackReason = cleanReason(assessment.fallbackReason, rules);
  return {
    quality: assessment.quality,
    // The candidate's own questions: a link they typed themselves may stay, nothing else may.
    questions: cleanList(assessment.questions, rules(LIMITS.point), counter),
    feedback,
    ...(fallbackReason ? { fallbackReason } : {}),
  };
}

function cleanSummary(summary: ReportSummary, rules: Rules, counter: { dropped: number }): ReportSummary {
  const fallbackReason = cleanReason(summary.fallbackReason, rules);
  return {
    strengths: cleanList(summary.strengths, rules(LIMITS.point), counter),
    improvements: cleanList(summary.improvements, rules(LIMITS.point), counter),
    ...(fallbackReason ? { fallbackReason } : {}),
  };
}

/** The candidate's words for a question: a submitted draft being probed, or the stored answer. */
function answerText(session: Session, questionId: string): string {
  const answer = session.answers.find((candidate) => candidate.questionId === questionId);
  if (answer) return partsText(answer.parts);
  const turn = session.turn;
  return turn?.questionId === questionId ? (turn.mainPart?.text ?? "") : "";
}

function partsText(parts: readonly { readonly text: string }[]): string {
  return parts.map((part) => part.text).join("\n\n");
}
