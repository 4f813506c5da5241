import { plannedFromBankText } from "../interview/copy.ts";
import { CoachError } from "../model/errors.ts";
import type { Question } from "../model/question.ts";
import type { Session } from "../model/session.ts";
import type { SessionEvent } from "../model/session-events.ts";
import { checkPlannedQuestions } from "./check-planned-questions.ts";
import type { CoachTaskContext } from "./coach-task-context.ts";
import type { Produce } from "./coach-task-requests.ts";

/**
 * The plan as promised: questions that pass the checks, topped up from the stand-in's plan (the
 * question bank) when too few did, and a note for the candidate saying so.
 */
export async function completePlan(
  context: CoachTaskContext,
  session: Session,
  produced: Extract<SessionEvent, { type: "questions-planned" }>,
  produce: Produce,
): Promise<SessionEvent> {
  const { options } = session;
  const check = checkPlannedQuestions(produced.questions, options, context.isInstruction);
  if (check.problems.length > 0) {
    context.logger.warn("question plan failed the checks", { session: session.id, problems: check.problems });
  }
  const missing = options.questionCount - check.accepted.length;
  if (missing <= 0) return { ...produced, questions: check.accepted };
  const bank = await produce(context.standIn);
  const spare = bank.type === "questions-planned" ? bank.questions : [];
  const questions = topUp(check.accepted, spare, options.questionCount);
  const fromBank = questions.length - check.accepted.length;
  if (questions.length === 0) {
    throw new CoachError("No usable questions: the plan and the question bank both failed", {
      retryable: true,
      failure: "invalid-output",
    });
  }
  return {
    ...produced,
    questions,
    fallbackReason:
      produced.fallbackReason ?? plannedFromBankText("invalid-output", fromBank, questions.length),
  };
}

/**
 * The accepted questions plus bank questions up to `count`: ones on a competency the plan does not
 * cover yet first, no repeats, and practical questions last, where an interviewer asks them.
 */
function topUp(accepted: readonly Question[], spare: readonly Question[], count: number): Question[] {
  const covered = new Set(accepted.map((question) => question.competency));
  const taken = new Set(accepted.flatMap((question) => [question.id, question.text.toLowerCase()]));
  const unused = spare.filter(
    (question) => !taken.has(question.id) && !taken.has(question.text.toLowerCase()),
  );
  const fresh = unused.filter(
    (question) => question.competency === null || !covered.has(question.competency),
  );
  const rest = unused.filter((question) => !fresh.includes(question));
  const chosen = [...accepted, ...fresh, ...rest].slice(0, count);
  return [
    ...chosen.filter((question) => question.kind !== "practical"),
    ...chosen.filter((question) => question.kind === "practical"),
  ];
}
