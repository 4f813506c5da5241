import { ConfigError } from "../core/model/errors.ts";
import type { Evaluation } from "../core/model/evaluation.ts";
import type { InterviewOptions } from "../core/model/interview-options.ts";
import type {
  AnswerRequest,
  CandidateQuestionsAssessment,
  Coach,
  FollowUpDecision,
  FollowUpRequest,
  PlanQuestionsRequest,
  QuestionPlan,
  ReportSummary,
  ReportSummaryRequest,
  StoryRewrite,
} from "../core/ports/coach-port.ts";
import { planWithRoundOne } from "./plan-with-round-one.ts";
import { DEFAULT_QUESTION_BANK_DIRECTORY, loadQuestionBank, type QuestionBank } from "./question-bank.ts";
import {
  assessCandidateQuestions,
  decideFollowUp,
  evaluateAnswer,
  summariseInterview,
} from "./rubric/index.ts";
import { withRubricFindings } from "./with-rubric-findings.ts";

/**
 * The coach that needs no AI: questions from the editable bank in prompts/questions, judgements
 * from the deterministic rubric in prompts/rubric.md. Same input, same feedback, every time.
 */
export class OfflineCoach implements Coach {
  readonly name = "offline" as const;
  readonly #bank: QuestionBank;

  constructor(bank: QuestionBank) {
    this.#bank = bank;
  }

  async planQuestions(request: PlanQuestionsRequest): Promise<QuestionPlan> {
    return { questions: planWithRoundOne(this.#bank, request) };
  }

  async decideFollowUp(request: FollowUpRequest): Promise<FollowUpDecision> {
    return decideFollowUp(request);
  }

  async evaluateAnswer(request: AnswerRequest): Promise<Evaluation> {
    return withRubricFindings(evaluateAnswer(request), request);
  }

  async assessCandidateQuestions(request: {
    readonly text: string;
    readonly options: InterviewOptions;
  }): Promise<CandidateQuestionsAssessment> {
    return assessCandidateQuestions(request);
  }

  async summarise(request: ReportSummaryRequest): Promise<ReportSummary> {
    return summariseInterview(request);
  }

  /** Writes nothing: the engine lays out the candidate's own sentences as the STAR scaffold. */
  async rewriteStory(): Promise<StoryRewrite> {
    return { story: null };
  }
}

/** Loads and validates the question bank at start-up; a broken bank stops the process with a clear message. */
export function createOfflineCoach(bankDirectory: string = DEFAULT_QUESTION_BANK_DIRECTORY): OfflineCoach {
  try {
    return new OfflineCoach(loadQuestionBank(bankDirectory));
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}
