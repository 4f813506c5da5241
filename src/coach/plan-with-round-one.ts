import type { Question } from "../core/model/question.ts";
import type { PlanQuestionsRequest } from "../core/ports/coach-port.ts";
import { planQuestions } from "./plan-questions.ts";
import type { QuestionBank } from "./question-bank.ts";
import { revisitCount, roundOneRevisits } from "./round-one-revisits.ts";

/**
 * The offline plan. With a round-1 log (a second or final round) the interview opens with
 * revisits of the logged questions, the one that went badly first, and the rest comes from the
 * bank without its own (generic) revisit questions, so the round does not return to round 1
 * twice. Without a log it is the bank's plan as it was.
 */
export function planWithRoundOne(bank: QuestionBank, request: PlanQuestionsRequest): Question[] {
  const { options, roundOne } = request;
  if (!roundOne || options.stage === "first") return planQuestions(bank, request);
  const count = revisitCount(roundOne, options.questionCount);
  const revisits = roundOneRevisits(roundOne, options, count);
  const rest = options.questionCount - revisits.length;
  if (rest === 0) return revisits;
  const withoutRevisits = { entries: bank.entries.filter((entry) => entry.kind !== "revisit") };
  return [
    ...revisits,
    ...planQuestions(withoutRevisits, { ...request, options: { ...options, questionCount: rest } }),
  ];
}
