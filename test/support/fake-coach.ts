import { CoachError } from "../../src/core/model/errors.ts";
import type { Evaluation } from "../../src/core/model/evaluation.ts";
import type { Question } from "../../src/core/model/question.ts";
import type {
  AnswerRequest,
  CandidateQuestionsAssessment,
  Coach,
  FollowUpDecision,
  FollowUpRequest,
  PlanQuestionsRequest,
  QuestionPlan,
  ReportSummary,
  StoryRewrite,
  StoryRewriteRequest,
} from "../../src/core/ports/coach-port.ts";
import { SAMPLE_QUESTIONS } from "./sample-session.ts";

type FakeTask = "plan" | "follow-up" | "evaluate" | "assess" | "summarise" | "rewrite";

export interface FakeCoachScript {
  questions?: Question[];
  /** Decide per answer; default: probe when the answer has no digit. */
  followUp?: (request: FollowUpRequest) => FollowUpDecision;
  /** Fail these tasks as a provider would (CoachError), to exercise degradation. */
  failing?: ReadonlySet<FakeTask>;
}

/** A working, deterministic coach for engine tests; records every call. */
export class FakeCoach implements Coach {
  readonly name = "offline" as const;
  readonly calls: { task: string; text?: string }[] = [];
  readonly #script: FakeCoachScript;

  constructor(script: FakeCoachScript = {}) {
    this.#script = script;
  }

  async planQuestions(request: PlanQuestionsRequest): Promise<QuestionPlan> {
    this.calls.push({ task: "plan" });
    this.#maybeFail("plan");
    return {
      questions: (this.#script.questions ?? SAMPLE_QUESTIONS).slice(0, request.options.questionCount),
    };
  }

  async decideFollowUp(request: FollowUpRequest): Promise<FollowUpDecision> {
    this.calls.push({ task: "follow-up", text: request.answerText });
    this.#maybeFail("follow-up");
    if (this.#script.followUp) return this.#script.followUp(request);
    return /\d/.test(request.answerText)
      ? { probe: false }
      : { probe: true, missing: ["numbers"], text: "Can you put a number on the result?" };
  }

  async evaluateAnswer(request: AnswerRequest): Promise<Evaluation> {
    this.calls.push({ task: "evaluate", text: request.answerText });
    this.#maybeFail("evaluate");
    const words = request.answerText.split(/\s+/).filter(Boolean).length;
    const absent = { present: false, evidence: null };
    return {
      coach: "offline",
      fallbackReason: null,
      scorable: words >= 3,
      notScorableReason: words >= 3 ? null : "too-short",
      score: words >= 3 ? Math.min(100, words * 5) : null,
      star: { situation: absent, task: absent, action: absent, result: absent },
      quantified: /\d/.test(request.answerText),
      evidence: [],
      strengths: [],
      improvements: [],
      flags: [],
      signals: {
        words,
        sentences: 1,
        fillerPer100Words: 0,
        hedgesPer100Words: 0,
        firstPersonSingular: 0,
        firstPersonPlural: 0,
        specificity: 0,
        relevance: 1,
      },
    };
  }

  async assessCandidateQuestions(request: { text: string }): Promise<CandidateQuestionsAssessment> {
    this.calls.push({ task: "assess", text: request.text });
    this.#maybeFail("assess");
    return { quality: "strategic", questions: [request.text], feedback: "Good questions." };
  }

  async summarise(): Promise<ReportSummary> {
    this.calls.push({ task: "summarise" });
    this.#maybeFail("summarise");
    return { strengths: ["Clear structure"], improvements: ["Quantify results"] };
  }

  /** No story of its own, as the offline coach: the engine shows the STAR scaffold. */
  async rewriteStory(request: StoryRewriteRequest): Promise<StoryRewrite> {
    this.calls.push({ task: "rewrite", text: request.answerText });
    this.#maybeFail("rewrite");
    return { story: null };
  }

  #maybeFail(task: FakeTask): void {
    if (this.#script.failing?.has(task)) {
      throw new CoachError(`scripted ${task} failure`, { retryable: true, failure: "unavailable" });
    }
  }
}
