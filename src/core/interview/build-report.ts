import { CORE_COMPETENCIES } from "../model/interview-vocabulary.ts";
import type { Band, Report, ReportQuestion } from "../model/report.ts";
import type { Session } from "../model/session.ts";
import { deliveryOf } from "./delivery-measures.ts";
import { deliverySummary } from "./delivery-summary.ts";
import { preparationReport } from "./preparation-report.ts";
import { roundOneReport } from "./round-one-report.ts";
import { storyReuseReport } from "./story-reuse-report.ts";

/** Bands from prompts/rubric.md: 0-54 not yet, 55-74 almost, 75-100 ready. */
export function bandFor(score: number): Band {
  if (score >= 75) return "ready";
  if (score >= 55) return "almost";
  return "not-yet";
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round(values.reduce((sum, value) => sum + value, 0) / values.length);
}

function reportQuestions(session: Session): ReportQuestion[] {
  return session.questions
    .filter((question) => question.kind !== "closing")
    .map((question) => {
      const answer = session.answers.find((candidate) => candidate.questionId === question.id);
      const seconds = answer?.parts.reduce((sum, part) => sum + part.secondsToAnswer, 0) ?? 0;
      const words = answer?.parts.reduce((sum, part) => sum + part.words, 0) ?? 0;
      const delivery = answer?.status === "answered" ? deliveryOf(answer, question.kind) : undefined;
      return {
        questionId: question.id,
        questionText: question.text,
        kind: question.kind,
        competency: question.competency,
        status: answer ? answer.status : "not-reached",
        probed: answer ? answer.parts.some((part) => part.prompt === "probe") : false,
        hintUsed: answer?.hintUsed ?? false,
        timing: answer?.status === "answered" ? { secondsToAnswer: seconds, words } : null,
        evaluation: answer?.evaluation ?? null,
        ...(answer?.earlierAttempts
          ? { earlierAttempts: answer.earlierAttempts.map((attempt) => ({ evaluation: attempt.evaluation })) }
          : {}),
        ...(delivery ? { delivery } : {}),
      };
    });
}

/** The delivery summary, or nothing at all when every answer was typed. */
function deliveryPart(questions: readonly ReportQuestion[]): { delivery?: Report["delivery"] } {
  const delivery = deliverySummary(questions);
  return delivery ? { delivery } : {};
}

/**
 * The final report, computed from stored evaluations only. The overall score is the mean of the
 * scorable answers; with none, score and band are null rather than invented.
 */
export function buildReport(session: Session, at: number): Report {
  const questions = reportQuestions(session);
  const scores = questions.flatMap((question) =>
    question.evaluation?.scorable && question.evaluation.score !== null ? [question.evaluation.score] : [],
  );
  const overallScore = mean(scores);
  const competencyCoverage = CORE_COMPETENCIES.map((competency) => {
    const competencyScores = questions.flatMap((question) =>
      question.competency === competency &&
      question.evaluation?.scorable &&
      question.evaluation.score !== null
        ? [question.evaluation.score]
        : [],
    );
    return { competency, covered: competencyScores.length > 0, score: mean(competencyScores) };
  });
  const coaches = [
    ...new Set(
      questions.flatMap((question) =>
        question.evaluation
          ? [
              question.evaluation.fallbackReason
                ? `${question.evaluation.coach} (fallback)`
                : question.evaluation.coach,
            ]
          : [],
      ),
    ),
  ];
  return {
    role: session.options.role,
    company: session.options.company,
    stage: session.options.stage,
    overallScore,
    band: overallScore === null ? null : bandFor(overallScore),
    scorableAnswers: scores.length,
    questions,
    competencyCoverage,
    candidateQuestions: session.candidateQuestions,
    strengths: session.summary?.strengths ?? [],
    improvements: session.summary?.improvements ?? [],
    ...(session.summary?.fallbackReason ? { summaryFallbackReason: session.summary.fallbackReason } : {}),
    coaches: coaches.length > 0 ? coaches : [session.coach],
    endedEarly: session.endedEarly,
    tokenUsage: session.tokenUsage.calls > 0 ? session.tokenUsage : null,
    ...roundOneReport(session),
    ...storyReuseReport(questions),
    ...preparationReport(session),
    ...deliveryPart(questions),
    generatedAt: at,
  };
}
