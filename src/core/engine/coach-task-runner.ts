import { type StandInWork, standInText } from "../interview/copy.ts";
import { errorSummary } from "../model/error-summary.ts";
import { CoachError } from "../model/errors.ts";
import type { Session } from "../model/session.ts";
import type { CoachTaskName, SessionEvent } from "../model/session-events.ts";
import { addUsage, NO_TOKENS, type TokenUsage } from "../model/token-usage.ts";
import { checkStoryRewrite } from "./check-story-rewrite.ts";
import { cleanCoachResult } from "./clean-coach-result.ts";
import { cleanCoachText } from "./clean-coach-text.ts";
import type { CoachTaskContext } from "./coach-task-context.ts";
import { type Produce, producer } from "./coach-task-requests.ts";
import { completePlan } from "./complete-question-plan.ts";
import { validateCoachResult } from "./validate-coach-result.ts";

/**
 * Turns a coach task requested by a transition into the event carrying its result. Requests are
 * built from the session, so a task re-run after a crash sees exactly what the first run saw.
 * Every result is validated and its wording cleaned before it can be committed. A provider failure
 * (CoachError) becomes a logged "coach-failed" event and the state machine degrades honestly; any
 * other error is a bug and is thrown.
 */
export async function runCoachTask(
  context: CoachTaskContext,
  session: Session,
  task: CoachTaskName,
  questionId: string | undefined,
): Promise<SessionEvent> {
  let usage: TokenUsage = NO_TOKENS;
  const onUsage = (spent: TokenUsage) => {
    usage = addUsage(usage, spent);
  };
  // Read before the try: a store failure here is not the coach's, and is thrown as it is.
  const choice = await context.community?.choose(session.conversation, task, context.coach.name === "llm");
  const offlineReason = choice?.offlineReason ?? null;
  let event: SessionEvent;
  try {
    const produce = producer(
      session,
      task,
      questionId,
      context.now,
      { onUsage },
      {
        extraQuestions: choice?.extraQuestions ?? [],
        emphasis: choice?.emphasis ?? null,
      },
    );
    event =
      offlineReason === null
        ? await checkedResult(context, session, await produce(context.coach), produce)
        : // The community's settings put the offline coach in the AI coach's place: said on every result.
          await checkedResult(
            context,
            session,
            labelled(await produce(context.standIn), () => offlineReason, offlineReason),
            produce,
          );
  } catch (error) {
    const where = { task, questionId: questionId ?? null, session: session.id, cause: errorSummary(error) };
    if (!(error instanceof CoachError)) {
      context.logger.error("coach task failed with an unexpected error", where);
      throw error;
    }
    context.logger.warn("coach task failed", { ...where, failure: error.failure });
    event =
      questionId === undefined
        ? { type: "coach-failed", task, at: context.now() }
        : { type: "coach-failed", task, questionId, at: context.now() };
  }
  if (usage.calls === 0) return event;
  await meter(context, session, usage);
  return { ...event, usage };
}

/** Adds the task's tokens to its community's meter; a failure to count is logged, never the task's. */
async function meter(context: CoachTaskContext, session: Session, usage: TokenUsage): Promise<void> {
  try {
    await context.community?.spent(session.conversation, usage);
  } catch (error) {
    context.logger.warn("could not add the coach's tokens to the community's meter", {
      session: session.id,
      tokens: usage.inputTokens + usage.outputTokens,
      cause: errorSummary(error),
    });
  }
}

/** The coach's result, validated, with hostile wording removed and gaps filled by the stand-in. */
async function checkedResult(
  context: CoachTaskContext,
  session: Session,
  produced: SessionEvent,
  produce: Produce,
): Promise<SessionEvent> {
  validateCoachResult(produced);
  if (produced.type === "questions-planned") return completePlan(context, session, produced, produce);
  if (produced.type === "story-rewritten") return checkedRewrite(context, session, produced);
  const cleaned = cleanCoachResult(produced, session, context.isInstruction);
  if (cleaned.dropped > 0) {
    context.logger.warn("coach output failed the checks; items dropped", {
      task: produced.type,
      session: session.id,
      dropped: cleaned.dropped,
    });
  }
  if (!cleaned.emptied) return cleaned.event;
  // Nothing usable was left: the offline coach's wording, labelled, rather than nothing at all.
  const standIn = labelled(await produce(context.standIn), (work) => standInText("invalid-output", work));
  validateCoachResult(standIn);
  return cleanCoachResult(standIn, session, context.isInstruction).event;
}

type StoryRewritten = Extract<SessionEvent, { type: "story-rewritten" }>;

/**
 * A stronger version keeps to the candidate's facts (invented ones become placeholders) or is
 * refused: then the offline scaffold of their own sentences is shown, labelled with the reason.
 */
function checkedRewrite(context: CoachTaskContext, session: Session, event: StoryRewritten): StoryRewritten {
  const answer = session.answers.find((candidate) => candidate.questionId === event.questionId);
  const answerText = answer?.parts.map((part) => part.text).join("\n\n") ?? "";
  const { story, fallbackReason } = event.rewrite;
  const rules = { maxChars: 300, candidateText: answerText, isInstruction: context.isInstruction };
  const reason = fallbackReason ? cleanCoachText(fallbackReason, rules) : null;
  if (story === null) return { ...event, rewrite: { story: null, fallbackReason: reason } };
  const check = checkStoryRewrite(story, {
    answerText,
    findFacts: context.findFacts,
    isInstruction: context.isInstruction,
  });
  const where = { task: event.type, session: session.id, question: event.questionId };
  if (!check.ok) {
    context.logger.warn("coach output failed the checks; the scaffold stands in", {
      ...where,
      problem: check.problem,
    });
    return {
      ...event,
      rewrite: { story: null, fallbackReason: standInText("invalid-output", "stronger-version") },
    };
  }
  if (check.replaced > 0) {
    context.logger.warn("coach output invented facts; replaced by placeholders", {
      ...where,
      replaced: check.replaced,
    });
  }
  return { ...event, rewrite: { story: check.story, fallbackReason: null } };
}

/** A stand-in result says so, with the reason (the AI coach's output did not pass the checks, say). */
function labelled(
  event: SessionEvent,
  reason: (work: StandInWork) => string,
  planReason: string | null = null,
): SessionEvent {
  switch (event.type) {
    case "answer-evaluated":
      return {
        ...event,
        evaluation: { ...event.evaluation, fallbackReason: reason("answer") },
      };
    case "candidate-questions-assessed":
      return {
        ...event,
        assessment: {
          ...event.assessment,
          fallbackReason: reason("candidate-questions"),
        },
      };
    case "report-summarised":
      return {
        ...event,
        summary: { ...event.summary, fallbackReason: reason("summary") },
      };
    case "questions-planned":
      return planReason === null || event.fallbackReason ? event : { ...event, fallbackReason: planReason };
    case "story-rewritten":
      // The offline coach writes no rewrite (the scaffold stands in): said with the reason.
      return event.rewrite.fallbackReason
        ? event
        : { ...event, rewrite: { ...event.rewrite, fallbackReason: reason("stronger-version") } };
    default:
      return event;
  }
}
