import { formatDuration } from "../../src/core/interview/copy.ts";
import type { Evaluation, NotScorableReason, StarBreakdown } from "../../src/core/model/evaluation.ts";
import { COMPETENCY_LABELS, isStoryKind } from "../../src/core/model/interview-vocabulary.ts";
import { BAND_LABELS, type Report, type ReportQuestion } from "../../src/core/model/report.ts";
import { attemptSummaryLines } from "./attempt-summary.ts";
import { deliveryNote, deliverySection } from "./delivery-section.ts";
import { preparationSection } from "./preparation-section.ts";
import { roundOneSection } from "./round-one-section.ts";
import { storyReuseSection } from "./story-reuse-section.ts";

/** One run of report text; each platform styles the kinds its own way (a quote is not a bullet). */
export type ReportBlock =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "bullet"; readonly text: string }
  /** Words copied verbatim from the candidate's answer. */
  | { readonly kind: "quote"; readonly text: string };

/** A labelled group of blocks: a Discord embed field, a Slack section with a bold label. */
export interface ReportField {
  readonly label: string;
  readonly blocks: readonly ReportBlock[];
}

export type ReportSectionKind =
  | "overview"
  | "question"
  | "coverage"
  | "round-one"
  | "story-reuse"
  | "delivery"
  | "candidate-questions"
  | "preparation"
  | "overall-feedback";

/** One part of the report: a Discord embed (or several), a run of Slack blocks under a header. */
export interface ReportSection {
  readonly kind: ReportSectionKind;
  /** Our own short wording with numbers ("Question 3 of 12, Conflict: 72/100"), never candidate text. */
  readonly title: string;
  readonly intro: readonly ReportBlock[];
  readonly fields: readonly ReportField[];
  /** Who produced the judgements and what it cost: shown small (Discord footer, Slack context). */
  readonly note: string | null;
}

const STAR_PARTS = ["situation", "task", "action", "result"] as const;

const STAR_LABELS: Record<(typeof STAR_PARTS)[number], string> = {
  situation: "Situation",
  task: "Task",
  action: "Action",
  result: "Result",
};

const NOT_SCORABLE_LABELS: Record<NotScorableReason, string> = {
  empty: "empty answer",
  "too-short": "too short",
  gibberish: "not readable as an answer",
  "off-topic": "off topic",
  "other-language": "not in English (the offline coach assesses English)",
  skipped: "skipped",
  "coach-unavailable": "coach unavailable",
};

const QUALITY_LABELS: Record<NonNullable<Report["candidateQuestions"]>["quality"], string> = {
  strategic: "strategic",
  basic: "basic",
  "benefits-first": "benefits first",
  none: "no questions asked",
  "not-assessed": "not assessed",
};

const COACH_LABELS: Record<string, string> = { offline: "offline coach", llm: "AI coach" };

/**
 * The report as ordered sections of plain text, in the terminal's order: overview, one section per
 * question, round-1 consistency, story reuse, delivery (when any answer was spoken), competency coverage, the candidate's questions, the second-round preparation
 * checklist, overall strengths and next steps.
 * Words carry meaning ("present", "missing", "not scorable"); a missing score is never invented.
 */
export function reportSections(report: Report): ReportSection[] {
  const total = report.questions.length;
  return [
    overviewSection(report),
    ...report.questions.map((question, index) => questionSection(question, index, total)),
    ...roundOneSection(report),
    ...storyReuseSection(report),
    ...deliverySection(report),
    coverageSection(report),
    ...(report.candidateQuestions ? [candidateQuestionsSection(report.candidateQuestions)] : []),
    ...preparationSection(report),
    ...(report.strengths.length > 0 || report.improvements.length > 0
      ? [overallFeedbackSection(report)]
      : []),
  ];
}

/** "Overall: 68/100 — Almost (3 of 4 answers scored)." or the not-scorable sentence. */
function overallLine(report: Report): string {
  const total = report.questions.length;
  if (report.overallScore === null) {
    return "Overall: not scorable. None of the answers could be assessed, so no score is given.";
  }
  const band = report.band === null ? "" : ` — ${BAND_LABELS[report.band]}`;
  return `Overall: ${report.overallScore}/100${band} (${report.scorableAnswers} of ${total} answers scored).`;
}

function overviewSection(report: Report): ReportSection {
  const intro: ReportBlock[] = [
    text(`${report.role} at ${report.company}, ${report.stage} round.`),
    text(overallLine(report)),
  ];
  if (report.endedEarly) {
    intro.push(text("You ended the interview early; unanswered questions are listed but not scored."));
  }
  const coaches = report.coaches.map(coachLabel).join(", ");
  const usage = report.tokenUsage
    ? ` AI coach usage: ${count(report.tokenUsage.inputTokens)} input and ${count(report.tokenUsage.outputTokens)} output tokens in ${count(report.tokenUsage.calls)} calls.`
    : "";
  return {
    kind: "overview",
    title: "Your interview feedback",
    intro,
    fields: [],
    note: `Assessed by: ${coaches || "no coach"}.${usage}`,
  };
}

function questionSection(question: ReportQuestion, index: number, total: number): ReportSection {
  const competency = question.competency ? `, ${COMPETENCY_LABELS[question.competency]}` : "";
  const evaluation = question.evaluation;
  const fields: ReportField[] = [];
  if (question.timing) {
    const extras = [question.probed ? "with a follow-up" : "", question.hintUsed ? "hint used" : ""].filter(
      Boolean,
    );
    const timing = `${count(question.timing.words)} words in ${formatDuration(question.timing.secondsToAnswer)}`;
    fields.push({
      label: "Timing",
      blocks: [text(`${timing}${extras.length > 0 ? ` (${extras.join(", ")})` : ""}`)],
    });
  }
  if (question.delivery) {
    fields.push({
      label: "Delivery",
      blocks: [text(deliveryNote(question.delivery)), text(`Tip: ${question.delivery.tip}`)],
    });
  }
  if (question.earlierAttempts && question.earlierAttempts.length > 0) {
    fields.push({
      label: "Attempts",
      blocks: attemptSummaryLines(question.earlierAttempts, evaluation, isStoryKind(question.kind)).map(text),
    });
  }
  if (evaluation) fields.push(...evaluationFields(evaluation, isStoryKind(question.kind)));
  return {
    kind: "question",
    title: `Question ${index + 1} of ${total}${competency}: ${verdict(question)}`,
    intro: [text(question.questionText)],
    fields,
    note: evaluation ? evaluationNote(evaluation) : null,
  };
}

function verdict(question: ReportQuestion): string {
  if (question.status === "skipped") return "skipped";
  if (question.status === "not-reached") return "not reached";
  const evaluation = question.evaluation;
  if (!evaluation) return "not scorable (not assessed)";
  if (evaluation.scorable && evaluation.score !== null) return `${evaluation.score}/100`;
  const reason = evaluation.notScorableReason
    ? NOT_SCORABLE_LABELS[evaluation.notScorableReason]
    : "no score";
  return `not scorable (${reason})`;
}

/** The STAR breakdown only for story questions: "Task missing" means nothing for "why us?". */
function evaluationFields(evaluation: Evaluation, story: boolean): ReportField[] {
  const fields: ReportField[] = [];
  if (evaluation.scorable && story) fields.push({ label: "STAR breakdown", blocks: starBlocks(evaluation) });
  for (const evidence of evaluation.evidence) {
    const shows = evidence.shows.trim();
    fields.push({
      label: "Evidence",
      blocks: [quote(evidence.quote), ...(shows ? [text(`Shows: ${shows}`)] : [])],
    });
  }
  if (evaluation.strengths.length > 0) {
    fields.push({ label: "Strengths", blocks: evaluation.strengths.map(bullet) });
  }
  if (evaluation.improvements.length > 0) {
    fields.push({ label: "What to improve", blocks: evaluation.improvements.map(bullet) });
  }
  return fields;
}

function starBlocks(evaluation: Evaluation): ReportBlock[] {
  const star: StarBreakdown = evaluation.star;
  const blocks = STAR_PARTS.flatMap((part): ReportBlock[] => {
    const component = star[part];
    const line = text(`${STAR_LABELS[part]}: ${component.present ? "present" : "missing"}`);
    return component.present && component.evidence ? [line, quote(component.evidence)] : [line];
  });
  blocks.push(text(`Quantified result: ${evaluation.quantified ? "yes" : "no"}`));
  return blocks;
}

function evaluationNote(evaluation: Evaluation): string {
  const coach = coachLabel(evaluation.coach);
  if (!evaluation.fallbackReason) return `Assessed by the ${coach}.`;
  return `Assessed by the ${coach} (fallback): ${evaluation.fallbackReason}`;
}

function coverageSection(report: Report): ReportSection {
  return {
    kind: "coverage",
    title: "Competency coverage",
    intro: report.competencyCoverage.map((coverage) => {
      const label = COMPETENCY_LABELS[coverage.competency];
      if (!coverage.covered) return text(`${label}: not covered in this interview`);
      return text(`${label}: covered${coverage.score === null ? "" : `, ${coverage.score}/100`}`);
    }),
    fields: [],
    note: null,
  };
}

function candidateQuestionsSection(
  candidateQuestions: NonNullable<Report["candidateQuestions"]>,
): ReportSection {
  const fields: ReportField[] =
    candidateQuestions.questions.length > 0
      ? [{ label: "What you asked", blocks: candidateQuestions.questions.map(bullet) }]
      : [];
  return {
    kind: "candidate-questions",
    title: "Your questions for us",
    intro: [
      text(`Quality: ${QUALITY_LABELS[candidateQuestions.quality]}.`),
      text(candidateQuestions.feedback),
    ],
    fields,
    note: candidateQuestions.fallbackReason
      ? `Assessed by the offline coach (fallback): ${candidateQuestions.fallbackReason}`
      : null,
  };
}

function overallFeedbackSection(report: Report): ReportSection {
  const fields: ReportField[] = [];
  if (report.strengths.length > 0) {
    fields.push({ label: "Overall strengths", blocks: report.strengths.map(bullet) });
  }
  if (report.improvements.length > 0) {
    fields.push({ label: "What to work on next", blocks: report.improvements.map(bullet) });
  }
  const note = report.summaryFallbackReason
    ? `Written by the offline coach (fallback): ${report.summaryFallbackReason}`
    : null;
  return { kind: "overall-feedback", title: "Overall feedback", intro: [], fields, note };
}

/** "offline" → "offline coach", "llm (fallback)" → "AI coach (fallback)". */
function coachLabel(coach: string): string {
  const match = /^(\w+)(.*)$/.exec(coach);
  const name = match?.[1] ?? coach;
  const label = COACH_LABELS[name] ?? `${name} coach`;
  return `${label}${match?.[2] ?? ""}`;
}

function count(value: number): string {
  return value.toLocaleString("en-GB");
}

function text(value: string): ReportBlock {
  return { kind: "text", text: value };
}

function bullet(value: string): ReportBlock {
  return { kind: "bullet", text: value };
}

function quote(value: string): ReportBlock {
  return { kind: "quote", text: value };
}
