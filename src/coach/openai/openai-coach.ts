import type OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import type { z } from "zod";
import type {
  AnswerRequest,
  CandidateQuestionsAssessment,
  Coach,
  FollowUpDecision,
  FollowUpRequest,
  PlanQuestionsRequest,
  ReportSummary,
  ReportSummaryRequest,
} from "../../core/coach-port.ts";
import { CoachError } from "../../core/errors.ts";
import type { Evaluation } from "../../core/evaluation.ts";
import type { InterviewOptions } from "../../core/interview-options.ts";
import type { Question } from "../../core/question.ts";
import { evaluateAnswer as measureOffline } from "../rubric/index.ts";
import {
  CandidateQuestionsOutput,
  EvaluationOutput,
  FollowUpOutput,
  PlannedQuestionsOutput,
  SummaryOutput,
} from "./llm-output-schemas.ts";
import { mapOpenAIError } from "./map-openai-error.ts";
import { verifyEvaluation } from "./verify-evaluation.ts";

/** Renders a task's prompts; implemented by the prompt library loaded at start-up. */
export interface PromptRenderer {
  render(task: string, variables: Readonly<Record<string, string>>): { system: string; user: string };
}

export interface OpenAICoachModels {
  readonly questions: string;
  readonly turn: string;
  readonly evaluation: string;
  readonly report: string;
}

export interface OpenAICoachOptions {
  readonly client: OpenAI;
  readonly prompts: PromptRenderer;
  readonly models: OpenAICoachModels;
}

/**
 * The AI coach on any OpenAI-compatible endpoint: Chat Completions with zod structured outputs.
 * Outputs are checked in code (score range, verbatim quotes); SDK errors become CoachError.
 */
export class OpenAICoach implements Coach {
  readonly name = "llm" as const;
  readonly #options: OpenAICoachOptions;

  constructor(options: OpenAICoachOptions) {
    this.#options = options;
  }

  async planQuestions(request: PlanQuestionsRequest): Promise<Question[]> {
    const output = await this.#complete(
      "plan-questions",
      this.#options.models.questions,
      PlannedQuestionsOutput,
      {
        ...describeInterview(request.options),
        cv: request.cvText ?? "(none supplied)",
        job_description: request.jobDescriptionText ?? "(none supplied)",
      },
    );
    const questions = output.questions.slice(0, request.options.questionCount).map((question, index) => ({
      id: `llm-${index + 1}`,
      text: question.text.slice(0, 1000),
      kind: question.kind,
      competency: question.competency,
      hint: question.hint.slice(0, 1000),
      topicWords: question.topic_words.slice(0, 40).map((word) => word.slice(0, 40)),
    }));
    if (questions.length === 0)
      throw new CoachError("AI coach plan-questions: no questions returned", {
        retryable: true,
        failure: "invalid-output",
      });
    return questions;
  }

  async decideFollowUp(request: FollowUpRequest): Promise<FollowUpDecision> {
    if (request.probesRemaining <= 0) return { probe: false };
    const output = await this.#complete(
      "decide-follow-up",
      this.#options.models.turn,
      FollowUpOutput,
      answerVariables(request),
    );
    return output.probe && output.text.trim() !== ""
      ? { probe: true, text: output.text.trim().slice(0, 600), missing: output.missing }
      : { probe: false };
  }

  async evaluateAnswer(request: AnswerRequest): Promise<Evaluation> {
    const variables = answerVariables(request);
    let verified = verifyEvaluation(await this.#evaluate(variables), request.answerText);
    if (verified.problems.length > 0 || verified.unfoundQuotes.length > 0) {
      // One re-ask naming what was wrong; after that, unfound quotes are dropped, not trusted.
      const correction = [
        ...verified.problems,
        ...verified.unfoundQuotes.map((quote) => `not found verbatim in the answer: "${quote}"`),
      ].join("\n");
      verified = verifyEvaluation(await this.#evaluate({ ...variables, correction }), request.answerText);
      if (verified.problems.length > 0) {
        throw new CoachError(`AI coach evaluate-answer: ${verified.problems.join("; ")}`, {
          retryable: true,
          failure: "invalid-output",
        });
      }
    }
    // Measurements (words, filler, ownership…) are deterministic facts: take them from the rubric code.
    const measured = measureOffline(request);
    return {
      coach: "llm",
      fallbackReason: null,
      ...verified.judged,
      flags: measured.flags,
      signals: measured.signals,
    };
  }

  async assessCandidateQuestions(request: {
    readonly text: string;
    readonly options: InterviewOptions;
  }): Promise<CandidateQuestionsAssessment> {
    const output = await this.#complete(
      "assess-candidate-questions",
      this.#options.models.turn,
      CandidateQuestionsOutput,
      {
        ...describeInterview(request.options),
        candidate_questions: request.text,
      },
    );
    return {
      quality: output.quality,
      questions: output.questions.filter((question) => request.text.includes(question)),
      feedback: output.feedback,
    };
  }

  async summarise(request: ReportSummaryRequest): Promise<ReportSummary> {
    const evaluations = request.evaluations.map(({ question, evaluation }) => ({
      question: question.text,
      competency: question.competency,
      score: evaluation.score,
      strengths: evaluation.strengths,
      improvements: evaluation.improvements,
    }));
    const output = await this.#complete("summarise", this.#options.models.report, SummaryOutput, {
      ...describeInterview(request.options),
      evaluations: JSON.stringify(evaluations, null, 1),
    });
    return { strengths: output.strengths.slice(0, 4), improvements: output.improvements.slice(0, 4) };
  }

  #evaluate(variables: Record<string, string>) {
    return this.#complete("evaluate-answer", this.#options.models.evaluation, EvaluationOutput, {
      correction: "",
      ...variables,
    });
  }

  async #complete<T extends z.ZodType>(
    task: string,
    model: string,
    schema: T,
    variables: Record<string, string>,
  ): Promise<z.infer<T>> {
    const { system, user } = this.#options.prompts.render(task, variables);
    try {
      const completion = await this.#options.client.chat.completions.parse({
        model,
        messages: [
          { role: "system", content: system },
          { role: "user", content: user },
        ],
        response_format: zodResponseFormat(schema, task.replaceAll("-", "_")),
      });
      const message = completion.choices[0]?.message;
      if (message?.refusal)
        throw new CoachError(`AI coach ${task}: the model refused`, { retryable: false, failure: "refused" });
      const parsed = message?.parsed;
      if (parsed === null || parsed === undefined) {
        throw new CoachError(`AI coach ${task}: empty reply`, { retryable: true, failure: "invalid-output" });
      }
      return parsed as z.infer<T>;
    } catch (error) {
      throw mapOpenAIError(error, task);
    }
  }
}

function describeInterview(options: InterviewOptions): Record<string, string> {
  return {
    role: options.role,
    company: options.company,
    stage: options.stage,
    persona: options.persona,
    question_count: String(options.questionCount),
    focus: options.focus.length > 0 ? options.focus.join(", ") : "a balanced mix",
  };
}

function answerVariables(request: AnswerRequest): Record<string, string> {
  return {
    role: request.options.role,
    company: request.options.company,
    question: request.question.text,
    question_kind: request.question.kind,
    competency: request.question.competency ?? "none",
    answer: request.answerText,
  };
}
