import { plannedFromBankText, standInText } from "../core/interview/copy.ts";
import { errorSummary } from "../core/model/error-summary.ts";
import { CoachError, type CoachFailure } from "../core/model/errors.ts";
import type { Evaluation } from "../core/model/evaluation.ts";
import type { CoachTaskName } from "../core/model/session-events.ts";
import type {
  AnswerRequest,
  CandidateQuestionsAssessment,
  CandidateQuestionsRequest,
  Coach,
  FollowUpDecision,
  FollowUpRequest,
  PlanQuestionsRequest,
  QuestionPlan,
  ReportSummary,
  ReportSummaryRequest,
  StoryRewrite,
  StoryRewriteRequest,
} from "../core/ports/coach-port.ts";
import { type Metrics, NO_METRICS } from "../core/ports/metrics.ts";
import type { Logger } from "../core/ports/ports.ts";
import { withRubricFindings } from "./with-rubric-findings.ts";

/**
 * The AI coach with the offline coach as its labelled stand-in: when the AI coach fails with a
 * provider error (a CoachError: unavailable, timed out, rate-limited, invalid output, circuit
 * open), the offline coach answers and the result says why. Any other error is a bug and is thrown
 * as it is, never dressed up as the AI being unavailable. Results of the two are never mixed silently.
 */
export class FallbackCoach implements Coach {
  readonly name = "llm" as const;
  readonly #primary: Coach;
  readonly #fallback: Coach;
  readonly #logger: Logger;
  readonly #metrics: Metrics;

  constructor(primary: Coach, fallback: Coach, logger: Logger, metrics: Metrics = NO_METRICS) {
    this.#primary = primary;
    this.#fallback = fallback;
    this.#logger = logger;
    this.#metrics = metrics;
  }

  planQuestions(request: PlanQuestionsRequest): Promise<QuestionPlan> {
    return this.#withFallback("plan-questions", request, async (coach, failure) => {
      const plan = await coach.planQuestions(request);
      if (failure === null) return plan;
      const total = plan.questions.length;
      return { ...plan, fallbackReason: plannedFromBankText(failure, total, total) };
    });
  }

  decideFollowUp(request: FollowUpRequest): Promise<FollowUpDecision> {
    // A follow-up is the interviewer's next line, not a judgement: the offline wording needs no label.
    return this.#withFallback("decide-follow-up", request, (coach) => coach.decideFollowUp(request));
  }

  evaluateAnswer(request: AnswerRequest): Promise<Evaluation> {
    return this.#withFallback("evaluate-answer", request, async (coach, failure) => {
      const evaluation = withRubricFindings(await coach.evaluateAnswer(request), request);
      return failure === null
        ? evaluation
        : { ...evaluation, fallbackReason: standInText(failure, "answer") };
    });
  }

  assessCandidateQuestions(request: CandidateQuestionsRequest): Promise<CandidateQuestionsAssessment> {
    return this.#withFallback("assess-candidate-questions", request, async (coach, failure) => {
      const assessment = await coach.assessCandidateQuestions(request);
      return failure === null
        ? assessment
        : { ...assessment, fallbackReason: standInText(failure, "candidate-questions") };
    });
  }

  summarise(request: ReportSummaryRequest): Promise<ReportSummary> {
    return this.#withFallback("summarise", request, async (coach, failure) => {
      const summary = await coach.summarise(request);
      return failure === null ? summary : { ...summary, fallbackReason: standInText(failure, "summary") };
    });
  }

  rewriteStory(request: StoryRewriteRequest): Promise<StoryRewrite> {
    return this.#withFallback("rewrite-story", request, async (coach, failure) => {
      const rewrite = await coach.rewriteStory(request);
      return failure === null
        ? rewrite
        : { story: null, fallbackReason: standInText(failure, "stronger-version") };
    });
  }

  /** Runs the task on the AI coach; on a provider failure, on the offline coach, told why. */
  async #withFallback<T>(
    task: CoachTaskName,
    request: object,
    run: (coach: Coach, failure: CoachFailure | null) => Promise<T>,
  ): Promise<T> {
    try {
      return await run(this.#primary, null);
    } catch (error) {
      if (!(error instanceof CoachError)) throw error;
      this.#logger.warn("AI coach failed; using the offline coach", {
        task,
        failure: error.failure,
        question: "question" in request ? (request.question as { id: string }).id : null,
        error: errorSummary(error),
      });
      this.#metrics.coachFellBack(task, error.failure);
      return run(this.#fallback, error.failure);
    }
  }
}
