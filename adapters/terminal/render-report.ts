import { formatDuration } from "../../src/core/interview/copy.ts";
import type { StarBreakdown } from "../../src/core/model/evaluation.ts";
import { COMPETENCY_LABELS, isStoryKind } from "../../src/core/model/interview-vocabulary.ts";
import { BAND_LABELS, type Report, type ReportQuestion } from "../../src/core/model/report.ts";
import { attemptSummaryLines } from "../shared/attempt-summary.ts";
import { deliveryNote } from "../shared/delivery-section.ts";
import { preparationLines, sharedSectionLines } from "./render-shared-sections.ts";
import type { TerminalStyle } from "./terminal-style.ts";

/** The final report as plain text. Words, not symbols, carry meaning ("present", "missing"). */
export function renderReport(report: Report, style: TerminalStyle): string {
  const lines: string[] = [];
  lines.push(style.bold("Your interview feedback"));
  lines.push(
    `${report.role} at ${report.company}, ${report.stage} round. Assessed by: ${report.coaches.join(", ")} coach.`,
  );
  lines.push(overallLine(report));
  if (report.endedEarly)
    lines.push("You ended the interview early; unanswered questions are listed but not scored.");
  report.questions.forEach((question, index) => {
    lines.push("", ...questionLines(question, index, report.questions.length, style));
  });
  lines.push(...sharedSectionLines(report, style));
  lines.push("", style.bold("Competency coverage"));
  for (const coverage of report.competencyCoverage) {
    const label = COMPETENCY_LABELS[coverage.competency];
    lines.push(
      `  ${label}: ${coverage.covered ? `covered, ${coverage.score}/100` : "not covered in this interview"}`,
    );
  }
  if (report.candidateQuestions) {
    lines.push(
      "",
      style.bold("Your questions for us"),
      `  Quality: ${report.candidateQuestions.quality}. ${report.candidateQuestions.feedback}`,
    );
    if (report.candidateQuestions.fallbackReason)
      lines.push(`  Note: ${report.candidateQuestions.fallbackReason}`);
  }
  lines.push(...preparationLines(report, style));
  if (report.strengths.length > 0)
    lines.push("", style.bold("Overall strengths"), ...bullets(report.strengths));
  if (report.improvements.length > 0)
    lines.push("", style.bold("What to work on next"), ...bullets(report.improvements));
  if (report.summaryFallbackReason && report.strengths.length + report.improvements.length > 0)
    lines.push(`  Note: ${report.summaryFallbackReason}`);
  if (report.tokenUsage) {
    const { inputTokens, outputTokens, calls } = report.tokenUsage;
    lines.push(
      "",
      style.dim(`AI coach usage: ${inputTokens} input and ${outputTokens} output tokens in ${calls} calls.`),
    );
  }
  return lines.join("\n");
}

function overallLine(report: Report): string {
  if (report.overallScore === null || report.band === null) {
    return "Overall: not scored. None of the answers could be assessed, so no score is given.";
  }
  const total = report.questions.length;
  return `Overall: ${report.overallScore}/100, ${BAND_LABELS[report.band]} (${report.scorableAnswers} of ${total} answers scored).`;
}

function questionLines(
  question: ReportQuestion,
  index: number,
  total: number,
  style: TerminalStyle,
): string[] {
  const competency = question.competency ? `, ${COMPETENCY_LABELS[question.competency]}` : "";
  const evaluation = question.evaluation;
  const verdict =
    question.status !== "answered"
      ? question.status === "skipped"
        ? "skipped"
        : "not reached"
      : evaluation?.scorable
        ? `${evaluation.score}/100`
        : `not scorable (${evaluation?.notScorableReason ?? "not assessed"})`;
  const lines = [
    style.bold(`Question ${index + 1} of ${total}${competency}: ${verdict}`),
    `  ${style.dim(question.questionText)}`,
  ];
  if (question.timing) {
    const extras = [question.probed ? "with a follow-up" : "", question.hintUsed ? "hint used" : ""].filter(
      Boolean,
    );
    lines.push(
      `  Timing: ${question.timing.words} words in ${formatDuration(question.timing.secondsToAnswer)}${extras.length ? ` (${extras.join(", ")})` : ""}`,
    );
  }
  if (question.delivery) {
    lines.push(`  Delivery: ${deliveryNote(question.delivery)}`, `  Delivery tip: ${question.delivery.tip}`);
  }
  if (question.earlierAttempts && question.earlierAttempts.length > 0) {
    for (const line of attemptSummaryLines(question.earlierAttempts, evaluation, isStoryKind(question.kind)))
      lines.push(`  ${line}`);
  }
  if (!evaluation) return lines;
  if (evaluation.scorable && isStoryKind(question.kind)) {
    lines.push(
      `  STAR: ${starLine(evaluation.star)}. Quantified result: ${evaluation.quantified ? "yes" : "no"}.`,
    );
  }
  for (const evidence of evaluation.evidence)
    lines.push(`  Evidence (${evidence.shows}): "${evidence.quote}"`);
  for (const strength of evaluation.strengths) lines.push(`  Strength: ${strength}`);
  for (const improvement of evaluation.improvements) lines.push(`  Improve: ${improvement}`);
  if (evaluation.fallbackReason) lines.push(`  Note: ${evaluation.fallbackReason}`);
  return lines;
}

function starLine(star: StarBreakdown): string {
  return (["situation", "task", "action", "result"] as const)
    .map((part) => `${part[0]?.toUpperCase()}${part.slice(1)} ${star[part].present ? "present" : "missing"}`)
    .join(", ");
}

function bullets(items: readonly string[]): string[] {
  return items.map((item) => `  - ${item}`);
}
