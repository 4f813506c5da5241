import type { Evaluation } from "../../src/core/model/evaluation.ts";
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
  StoryRewriteRequest,
} from "../../src/core/ports/coach-port.ts";

/** Markup a model might emit (or be tricked into emitting): broadcasts, mentions, links, fences. */
export const HOSTILE_MODEL_TEXT =
  "<!channel> <!here> <!everyone> ping <@U123> and <!subteam^S0LEADS|@leads> in <#C0PRACTICE|practice>, " +
  "read <http://evil.example/steal|this guide> or <mailto:x@evil.example|mail me>; &lt;b&gt; &amp; ```rm -rf /``` @channel";

/** Fits the 200-character `shows` field of an evidence quote. */
const HOSTILE_SHORT = "<!channel> <@U123> <http://evil.example|see> &lt; ```x```";

/**
 * The offline coach with model-ish hostile text mixed into everything it writes: questions,
 * follow-ups, feedback, the summary. Scores and structure stay the offline coach's.
 */
export class HostileCoach implements Coach {
  readonly name = "llm" as const;
  readonly #inner: Coach;

  constructor(inner: Coach) {
    this.#inner = inner;
  }

  async planQuestions(request: PlanQuestionsRequest): Promise<QuestionPlan> {
    const plan = await this.#inner.planQuestions(request);
    const questions = plan.questions.map((question) => ({
      ...question,
      text: `${question.text} ${HOSTILE_MODEL_TEXT}`.slice(0, 1000),
      hint: `${question.hint} ${HOSTILE_MODEL_TEXT}`.slice(0, 1000),
    }));
    return { ...plan, questions };
  }

  async decideFollowUp(request: FollowUpRequest): Promise<FollowUpDecision> {
    const decision = await this.#inner.decideFollowUp(request);
    return decision.probe ? { ...decision, text: `${decision.text} ${HOSTILE_MODEL_TEXT}` } : decision;
  }

  async evaluateAnswer(request: AnswerRequest): Promise<Evaluation> {
    const evaluation = await this.#inner.evaluateAnswer(request);
    return {
      ...evaluation,
      coach: "llm",
      // Within the evaluation schema's limits, as a validated model answer would be.
      strengths: [HOSTILE_MODEL_TEXT, ...evaluation.strengths].slice(0, 6),
      improvements: [HOSTILE_MODEL_TEXT, ...evaluation.improvements].slice(0, 6),
      evidence: evaluation.evidence.map((item) => ({ ...item, shows: HOSTILE_SHORT })),
    };
  }

  async assessCandidateQuestions(request: {
    readonly text: string;
    readonly options: AnswerRequest["options"];
  }): Promise<CandidateQuestionsAssessment> {
    const assessment = await this.#inner.assessCandidateQuestions(request);
    return { ...assessment, feedback: `${assessment.feedback} ${HOSTILE_MODEL_TEXT}` };
  }

  async summarise(request: ReportSummaryRequest): Promise<ReportSummary> {
    const summary = await this.#inner.summarise(request);
    return {
      strengths: [...summary.strengths, HOSTILE_MODEL_TEXT],
      improvements: [...summary.improvements, HOSTILE_MODEL_TEXT],
    };
  }

  /** A plausible STAR rewrite with the hostile text in every part. */
  async rewriteStory(request: StoryRewriteRequest): Promise<StoryRewrite> {
    const first = request.answerText.split(/(?<=\.)\s/)[0] ?? request.answerText;
    return {
      story: {
        situation: `${first} ${HOSTILE_MODEL_TEXT}`,
        task: `I had to fix it. ${HOSTILE_MODEL_TEXT}`,
        action: `I did the work myself. ${HOSTILE_MODEL_TEXT}`,
        result: `It improved by [number]. ${HOSTILE_MODEL_TEXT}`,
      },
    };
  }
}
