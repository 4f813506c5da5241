import type {
  AnswerRequest,
  CandidateQuestionsAssessment,
  Coach,
  FollowUpDecision,
  FollowUpRequest,
  PlanQuestionsRequest,
  ReportSummary,
  ReportSummaryRequest,
} from "../core/coach-port.ts";
import { CoachError } from "../core/errors.ts";
import type { Evaluation } from "../core/evaluation.ts";
import type { InterviewOptions } from "../core/interview-options.ts";
import type { Logger } from "../core/ports.ts";
import type { Question } from "../core/question.ts";

/**
 * The AI coach with the offline coach as its labelled stand-in: when the AI coach fails after
 * its retries, the offline coach answers and evaluations say so in `fallbackReason`. Results of
 * the two are never mixed silently.
 */
export class FallbackCoach implements Coach {
  readonly name = "llm" as const;
  readonly #primary: Coach;
  readonly #fallback: Coach;
  readonly #logger: Logger;

  constructor(primary: Coach, fallback: Coach, logger: Logger) {
    this.#primary = primary;
    this.#fallback = fallback;
    this.#logger = logger;
  }

  planQuestions(request: PlanQuestionsRequest): Promise<Question[]> {
    return this.#withFallback("plan-questions", (coach) => coach.planQuestions(request));
  }

  decideFollowUp(request: FollowUpRequest): Promise<FollowUpDecision> {
    return this.#withFallback("decide-follow-up", (coach) => coach.decideFollowUp(request));
  }

  async evaluateAnswer(request: AnswerRequest): Promise<Evaluation> {
    try {
      return await this.#primary.evaluateAnswer(request);
    } catch (error) {
      const reason = this.#log("evaluate-answer", error);
      const evaluation = await this.#fallback.evaluateAnswer(request);
      return {
        ...evaluation,
        fallbackReason: `The AI coach was unavailable (${reason}), so the offline coach assessed this answer.`,
      };
    }
  }

  assessCandidateQuestions(request: {
    readonly text: string;
    readonly options: InterviewOptions;
  }): Promise<CandidateQuestionsAssessment> {
    return this.#withFallback("assess-candidate-questions", (coach) =>
      coach.assessCandidateQuestions(request),
    );
  }

  summarise(request: ReportSummaryRequest): Promise<ReportSummary> {
    return this.#withFallback("summarise", (coach) => coach.summarise(request));
  }

  async #withFallback<T>(task: string, run: (coach: Coach) => Promise<T>): Promise<T> {
    try {
      return await run(this.#primary);
    } catch (error) {
      this.#log(task, error);
      return run(this.#fallback);
    }
  }

  #log(task: string, error: unknown): string {
    const failure = error instanceof CoachError ? error.failure : "unavailable";
    this.#logger.warn("AI coach failed; using the offline coach", { task, failure, error: String(error) });
    return failure.replace("-", " ");
  }
}
