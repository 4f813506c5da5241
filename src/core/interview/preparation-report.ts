import {
  AnswerPreparationItemSchema,
  type PreparationCheck,
  type PreparationReport,
} from "../model/preparation.ts";
import type { Session } from "../model/session.ts";

/**
 * The report's "Preparation" part of a second or final round: for each checklist item, the first
 * answer (in question order) whose assessment found it, quoted; the panel questions from the
 * assessment of the closing question. Computed from stored evaluations only, so it is the same
 * whichever coach assessed the answers, and an interview ended early is judged on what was answered.
 * Absent in a first round, whose opening message has no checklist.
 */
export function preparationReport(session: Session): { preparation?: PreparationReport } {
  if (session.options.stage === "first") return {};
  const answerChecks = AnswerPreparationItemSchema.options.map((item): PreparationCheck => {
    for (const question of session.questions) {
      const answer = session.answers.find((candidate) => candidate.questionId === question.id);
      // A skipped answer is not assessed, so it shows nothing; the last attempt is the one that counts.
      if (answer?.status !== "answered") continue;
      const found = answer.evaluation?.preparation?.find((evidence) => evidence.item === item);
      if (found) return { item, shown: true, quote: found.quote, questionId: question.id };
    }
    return { item, shown: false, quote: null, questionId: null };
  });
  return { preparation: { checks: [...answerChecks, panelQuestionsCheck(session)] } };
}

/** Strategic questions count as prepared; basic ones, pay first or none say what to prepare instead. */
function panelQuestionsCheck(session: Session): PreparationCheck {
  const closing = session.questions.find((question) => question.kind === "closing");
  const assessed = session.candidateQuestions;
  if (!assessed) {
    return {
      item: "panel-questions",
      shown: false,
      quote: null,
      questionId: null,
      questionsQuality: "not-reached",
    };
  }
  const first = assessed.questions[0];
  const shown = assessed.quality === "strategic" && first !== undefined;
  return {
    item: "panel-questions",
    shown,
    quote: shown ? wordCut(first, 300) : null,
    questionId: shown ? (closing?.id ?? null) : null,
    questionsQuality: assessed.quality,
  };
}

/** A question longer than a quote may be is cut at a space, so what is shown is still their words in order. */
function wordCut(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(" ", max);
  return text.slice(0, space > 0 ? space : max).trimEnd();
}
