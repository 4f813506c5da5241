import type OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import type { z } from "zod";
import { checkPlannedQuestions, type PlanCheck } from "../../core/engine/check-planned-questions.ts";
import { CoachError } from "../../core/model/errors.ts";
import type { Evaluation } from "../../core/model/evaluation.ts";
import { type Difficulty, PERSONA_LABELS } from "../../core/model/interview-vocabulary.ts";
import type { Question } from "../../core/model/question.ts";
import { sanitizeText } from "../../core/model/sanitize-text.ts";
import type {
  AnswerRequest,
  CandidateQuestionsAssessment,
  CandidateQuestionsRequest,
  Coach,
  CoachCallOptions,
  FollowUpDecision,
  FollowUpRequest,
  PlanQuestionsRequest,
  QuestionPlan,
  ReportSummary,
  ReportSummaryRequest,
  StoryRewrite,
  StoryRewriteRequest,
} from "../../core/ports/coach-port.ts";
import type { Metrics } from "../../core/ports/metrics.ts";
import type { PromptLibrary, PromptTask } from "../prompt-library.ts";
import { analyseAnswer } from "../rubric/analyse-answer.ts";
import {
  looksAddressedToGrader,
  decideFollowUp as measuredFollowUp,
  evaluateAnswer as measureOffline,
  assessCandidateQuestions as measureQuestions,
  withEmphasis,
} from "../rubric/index.ts";
import {
  CandidateQuestionsOutput,
  EvaluationOutput,
  FollowUpOutput,
  PlannedQuestionsOutput,
  StoryRewriteOutput,
  SummaryOutput,
} from "./llm-output-schemas.ts";
import { mapOpenAIError } from "./map-openai-error.ts";
import { assessmentContradiction, evaluationContradiction } from "./overrule-verdicts.ts";
import { echoesPrompt } from "./prompt-echo.ts";
import { LONG_CALL_FACTOR, type ProviderCircuit } from "./provider-circuit.ts";
import { plannedRevisits, roundOneForPrompt } from "./round-one-prompt.ts";
import { clipText, verifyEvaluation } from "./verify-evaluation.ts";

export interface OpenAICoachModels {
  readonly questions: string;
  readonly turn: string;
  readonly evaluation: string;
  readonly report: string;
}

export interface OpenAICoachOptions {
  readonly client: OpenAI;
  readonly prompts: PromptLibrary;
  readonly models: OpenAICoachModels;
  /** The provider's circuit breaker and call deadline; without one, calls are bounded by the client only. */
  readonly circuit?: ProviderCircuit;
  /** Where the tokens of every call are reported, by model and task. */
  readonly metrics?: Metrics;
}

type ChatMessage = { role: "assistant" | "user"; content: string };

/** Tasks whose reply is several times longer than an evaluation's. */
const LONG_TASKS: ReadonlySet<PromptTask> = new Set(["plan-questions", "summarise"]);

/**
 * The AI coach on any OpenAI-compatible endpoint: Chat Completions with zod structured outputs.
 * Outputs are checked in code (score range, verbatim quotes); SDK errors become CoachError.
 */
/**
 * The panel's difficulty, worded for the follow-up prompt (in the user message, so the cached
 * system prompt stays the same for every interview).
 */
const DIFFICULTY_WORDING: Record<Difficulty, string> = {
  supportive:
    "supportive: probe only a missing result, with one short, warm question about how it turned out",
  standard: "standard: as the rubric says",
  tough:
    "tough: ask for every missing piece in one probe (their own part, the result and a number for it), direct but courteous",
};

export class OpenAICoach implements Coach {
  readonly name = "llm" as const;
  readonly #options: OpenAICoachOptions;

  constructor(options: OpenAICoachOptions) {
    this.#options = options;
  }

  /**
   * A plan is checked before anyone sees it (count, length, question form, no links, mentions,
   * markup or instructions, kinds that fit the round). A failing plan is re-asked once naming the
   * problems; what still fails is left out, and the engine fills the gap from the question bank.
   */
  async planQuestions(given: PlanQuestionsRequest): Promise<QuestionPlan> {
    // Revisits of a round-1 log are built from it in code, quoting the candidate's notes verbatim;
    // the model writes the rest of the round, with the log as data so it aims past it.
    const revisits = plannedRevisits(given);
    const request = {
      ...given,
      options: { ...given.options, questionCount: given.options.questionCount - revisits.length },
    };
    if (request.options.questionCount === 0) return { questions: revisits };
    const { options } = request;
    const variables = {
      role: options.role,
      company: options.company,
      stage: options.stage,
      persona: PERSONA_LABELS[options.persona],
      question_count: String(options.questionCount),
      focus: focusForPrompt(options.focus, request.storyGaps ?? []),
      cv: request.cvText === undefined ? "(not provided)" : sanitizeText(request.cvText),
      job_description:
        request.jobDescriptionText === undefined
          ? "(not provided)"
          : sanitizeText(request.jobDescriptionText),
      round_one: roundOneForPrompt(request.roundOne),
    };
    const model = this.#options.models.questions;
    const first = await this.#complete(
      "plan-questions",
      model,
      PlannedQuestionsOutput,
      variables,
      request.onUsage,
    );
    let check = checkPlan(first, request);
    if (check.problems.length > 0) {
      const correction = [
        "Your question plan has problems. Reply with the whole corrected JSON object.",
        ...check.problems,
      ].join("\n");
      const reasked = await this.#reask("plan-questions", model, PlannedQuestionsOutput, variables, request, [
        { role: "assistant", content: JSON.stringify(first) },
        { role: "user", content: correction },
      ]);
      const second = reasked === null ? null : checkPlan(reasked, request);
      // The re-ask can come back worse; the attempt with more usable questions is kept.
      if (second && second.accepted.length >= check.accepted.length) check = second;
    }
    if (check.accepted.length === 0) {
      throw new CoachError(`AI coach plan-questions: no usable questions (${check.problems.join(" ")})`, {
        retryable: true,
        failure: "invalid-output",
      });
    }
    return { questions: [...revisits, ...check.accepted] };
  }

  async decideFollowUp(request: FollowUpRequest): Promise<FollowUpDecision> {
    // Whether there is anything to probe is measured by the rubric code: only stories, only real
    // attempts, only when a result, a number, the candidate's own action or specifics are missing.
    // A complete answer moves on without a model call; the model words the probes that are needed.
    if (!measuredFollowUp(request).probe) return { probe: false };
    const output = await this.#complete(
      "decide-follow-up",
      this.#options.models.turn,
      FollowUpOutput,
      {
        ...answerVariables(request),
        persona: PERSONA_LABELS[request.options.persona],
        probes_remaining: String(request.probesRemaining),
        difficulty: DIFFICULTY_WORDING[request.options.difficulty ?? "standard"],
      },
      request.onUsage,
    );
    return output.probe && output.text.trim() !== ""
      ? { probe: true, text: clipText(output.text.trim(), 600), missing: output.missing }
      : { probe: false };
  }

  async evaluateAnswer(original: AnswerRequest): Promise<Evaluation> {
    // Quotes are checked against the text the model was shown: the answer as the engine stores it.
    const request = { ...original, answerText: sanitizeText(original.answerText) };
    const variables = answerVariables(request);
    const model = this.#options.models.evaluation;
    const first = await this.#complete(
      "evaluate-answer",
      model,
      EvaluationOutput,
      variables,
      request.onUsage,
    );
    let verified = verifyEvaluation(first, request.answerText);
    if (verified.problems.length > 0 || verified.unfoundQuotes.length > 0) {
      // One re-ask naming what was wrong; after that, unfound quotes are dropped, not trusted.
      const correction = [
        "Your evaluation has problems. Reply with the whole corrected JSON object.",
        ...verified.problems,
        ...verified.unfoundQuotes.map(
          (quote) => `This quote was not found verbatim in the answer: "${quote}"`,
        ),
      ].join("\n");
      const retry = await this.#complete(
        "evaluate-answer",
        model,
        EvaluationOutput,
        variables,
        request.onUsage,
        [
          { role: "assistant", content: JSON.stringify(first) },
          { role: "user", content: correction },
        ],
      );
      verified = verifyEvaluation(retry, request.answerText);
      if (verified.problems.length > 0) {
        throw new CoachError(`AI coach evaluate-answer: ${verified.problems.join("; ")}`, {
          retryable: true,
          failure: "invalid-output",
        });
      }
    }
    // Measurements (words, filler, ownership…) are deterministic facts: take them from the rubric code.
    const measured = measureOffline(request);
    const contradiction = evaluationContradiction(verified.judged, measured);
    if (contradiction !== null) {
      // Overruled by the measurement: the offline coach's judgement stands in, labelled and logged.
      throw new CoachError(`AI coach evaluate-answer: ${contradiction}; overruled by the measurement`, {
        retryable: false,
        failure: "invalid-output",
      });
    }
    const flags = [...new Set([...measured.flags, ...verified.flags])];
    // Empty, too short or gibberish is a fact the rubric code measures; a model that scores such an
    // answer anyway is overruled, so a score is never invented. (Off-topic stays the model's call,
    // and an answer in another language is the model's to assess in that language.)
    const junk =
      measured.notScorableReason !== null &&
      measured.notScorableReason !== "off-topic" &&
      measured.notScorableReason !== "other-language";
    const judged = junk
      ? { ...verified.judged, scorable: false, notScorableReason: measured.notScorableReason, score: null }
      : verified.judged;
    // The community's emphasis moves the model's score as it moves the offline coach's (one rule).
    const score =
      judged.score === null ? null : withEmphasis(judged.score, analyseAnswer(request), request.emphasis);
    return { coach: "llm", fallbackReason: null, ...judged, score, flags, signals: measured.signals };
  }

  async assessCandidateQuestions(request: CandidateQuestionsRequest): Promise<CandidateQuestionsAssessment> {
    const text = sanitizeText(request.text);
    const output = await this.#complete(
      "assess-candidate-questions",
      this.#options.models.turn,
      CandidateQuestionsOutput,
      {
        role: request.options.role,
        company: request.options.company,
        candidate_questions: text,
      },
      request.onUsage,
    );
    const contradiction = assessmentContradiction(output.quality, measureQuestions(request).questions);
    if (contradiction !== null) {
      throw new CoachError(
        `AI coach assess-candidate-questions: ${contradiction}; overruled by the measurement`,
        {
          retryable: false,
          failure: "invalid-output",
        },
      );
    }
    // Only questions the candidate really asked (verbatim) are kept.
    const questions = output.questions.filter((question) => text.includes(question));
    return { quality: output.quality, questions, feedback: output.feedback };
  }

  async summarise(request: ReportSummaryRequest): Promise<ReportSummary> {
    const evaluations = request.evaluations.map(({ question, evaluation }) => ({
      question: question.text,
      competency: question.competency,
      score: evaluation.score,
      flags: evaluation.flags,
      strengths: evaluation.strengths,
      improvements: evaluation.improvements,
    }));
    const output = await this.#complete(
      "summarise",
      this.#options.models.report,
      SummaryOutput,
      {
        role: request.options.role,
        company: request.options.company,
        stage: request.options.stage,
        // One compact JSON object per line: indentation would cost a fifth more tokens.
        evaluations: evaluations.map((evaluation) => JSON.stringify(evaluation)).join("\n"),
      },
      request.onUsage,
    );
    return { strengths: output.strengths.slice(0, 4), improvements: output.improvements.slice(0, 4) };
  }

  /**
   * The answer rewritten as a STAR story in the candidate's voice. Whether it keeps to the
   * candidate's facts is not taken on trust: the engine checks every number and name against the
   * answer before anyone sees it (see check-story-rewrite.ts).
   */
  async rewriteStory(request: StoryRewriteRequest): Promise<StoryRewrite> {
    const output = await this.#complete(
      "rewrite-story",
      this.#options.models.turn,
      StoryRewriteOutput,
      {
        role: request.options.role,
        company: request.options.company,
        question: request.question.text,
        question_kind: request.question.kind,
        answer: sanitizeText(request.answerText),
      },
      request.onUsage,
    );
    const { situation, task, action, result } = output;
    const text = [situation, task, action, result].join("\n");
    if (echoesPrompt(text, this.#options.prompts.system("rewrite-story"), request.answerText)) {
      throw new CoachError("AI coach rewrite-story: the reply repeats its instructions", {
        retryable: false,
        failure: "invalid-output",
      });
    }
    return {
      story: { situation: situation.trim(), task: task.trim(), action: action.trim(), result: result.trim() },
    };
  }

  /** A re-ask whose provider failure leaves the first attempt standing rather than failing the task. */
  async #reask<T extends z.ZodType>(
    task: PromptTask,
    model: string,
    schema: T,
    variables: Record<string, string>,
    request: CoachCallOptions,
    followUp: readonly ChatMessage[],
  ): Promise<z.infer<T> | null> {
    try {
      return await this.#complete(task, model, schema, variables, request.onUsage, followUp);
    } catch (error) {
      if (error instanceof CoachError) return null;
      throw error;
    }
  }

  /** One structured-output call; every provider failure leaves as a CoachError. */
  async #complete<T extends z.ZodType>(
    task: PromptTask,
    model: string,
    schema: T,
    variables: Record<string, string>,
    onUsage: CoachCallOptions["onUsage"],
    followUp: readonly ChatMessage[] = [],
  ): Promise<z.infer<T>> {
    // Outside the try: a prompt that cannot render is a bug to surface, not a provider failure to fall back from.
    const { system, user } = this.#options.prompts.render(task, variables as never);
    const body = {
      model,
      messages: [
        { role: "system" as const, content: system },
        { role: "user" as const, content: user },
        ...followUp,
      ],
      response_format: zodResponseFormat(schema, task.replaceAll("-", "_")),
    };
    const { client, circuit } = this.#options;
    // A whole plan or summary takes several times longer to write than one evaluation.
    const long = LONG_TASKS.has(task);
    const timeout = long ? client.timeout * LONG_CALL_FACTOR : client.timeout;
    try {
      const completion = circuit
        ? await circuit.run((signal) => client.chat.completions.parse(body, { signal, timeout }), { long })
        : await client.chat.completions.parse(body, { timeout });
      if (completion.usage) {
        const { prompt_tokens: inputTokens, completion_tokens: outputTokens } = completion.usage;
        onUsage?.({ inputTokens, outputTokens, calls: 1 });
        this.#options.metrics?.tokensUsed(model, task, inputTokens, outputTokens);
      }
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

/**
 * Candidate text goes into prompts as the engine stores it (sanitizeText): invisible characters such
 * as Unicode tag characters, which can carry instructions a model reads but a person cannot see,
 * never reach the model, whichever way the text arrived (chat, CV file, direct call).
 */
function answerVariables(request: AnswerRequest): Record<string, string> {
  return {
    role: request.options.role,
    company: request.options.company,
    question: request.question.text,
    question_kind: request.question.kind,
    competency: request.question.competency ?? "none",
    answer: sanitizeText(request.answerText),
  };
}

/** The model's plan as questions (ids in plan order), checked against the promise and the round. */
function checkPlan(output: z.infer<typeof PlannedQuestionsOutput>, request: PlanQuestionsRequest): PlanCheck {
  const questions: Question[] = output.questions.map((question, index) => ({
    id: `llm-${index + 1}`,
    text: question.text,
    kind: question.kind,
    competency: question.competency,
    hint: question.hint,
    topicWords: question.topicWords.slice(0, 40).filter((word) => word.length <= 40),
  }));
  return checkPlannedQuestions(questions, request.options, looksAddressedToGrader);
}

/**
 * The competencies to favour, in the prompt's words: the candidate's focus, and the ones their
 * story bank has no story for yet (practising those is what the bank is for).
 */
function focusForPrompt(focus: readonly string[], storyGaps: readonly string[]): string {
  const chosen = focus.length > 0 ? focus.join(", ") : "a balanced mix";
  const gaps = storyGaps.filter((gap) => !focus.includes(gap));
  return gaps.length > 0
    ? `${chosen}; also ask first about these, for which the candidate has no prepared story yet: ${gaps.join(", ")}`
    : chosen;
}
