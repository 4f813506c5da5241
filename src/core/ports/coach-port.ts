import type { Evaluation } from "../model/evaluation.ts";
import type { InterviewOptions } from "../model/interview-options.ts";
import type { Competency } from "../model/interview-vocabulary.ts";
import type { Question } from "../model/question.ts";
import type { BankEntry } from "../model/question-bank-entry.ts";
import type { RoundOneLog } from "../model/round-one-log.ts";
import type { RubricEmphasis } from "../model/rubric-emphasis.ts";
import type { TokenUsage } from "../model/token-usage.ts";

/** Passed with every request; an AI coach reports the tokens of each provider call through it. */
export interface CoachCallOptions {
  readonly onUsage?: (usage: TokenUsage) => void;
}

/** What a follow-up probe says was missing from the answer. */
export type MissingElement = "result" | "numbers" | "specifics" | "own-action";

export type FollowUpDecision =
  | { readonly probe: false }
  | { readonly probe: true; readonly text: string; readonly missing: readonly MissingElement[] };

/** How good the candidate's own questions for the interviewer were. */
export type CandidateQuestionsQuality = "strategic" | "basic" | "benefits-first" | "none";

export interface CandidateQuestionsAssessment {
  readonly quality: CandidateQuestionsQuality;
  /** Each question the candidate asked, verbatim. */
  readonly questions: readonly string[];
  readonly feedback: string;
  /** Set when the offline coach stood in for the AI coach; says why, to the candidate. */
  readonly fallbackReason?: string | null;
}

export interface PlanQuestionsRequest extends CoachCallOptions {
  readonly options: InterviewOptions;
  /** Seed for reproducible variety (the session id). */
  readonly seed: string;
  /** Extracted CV / job-description text, when the candidate supplied them. */
  readonly cvText?: string;
  readonly jobDescriptionText?: string;
  /** The candidate's round-1 log for this company, when there is one (second and final rounds). */
  readonly roundOne?: RoundOneLog;
  /** Competencies the candidate's story bank has no story for yet: asked about first. */
  readonly storyGaps?: readonly Competency[];
  /** The community's own questions: the offline planner asks them before shipped ones of the same fit. */
  readonly extraQuestions?: readonly BankEntry[];
}

export interface AnswerRequest extends CoachCallOptions {
  readonly question: Question;
  /** The whole answer, including any reply to a follow-up probe. */
  readonly answerText: string;
  readonly options: InterviewOptions;
  /** The community's rubric emphasis (evaluations only); none: the rubric as shipped. */
  readonly emphasis?: RubricEmphasis;
}

export interface FollowUpRequest extends AnswerRequest {
  readonly probesRemaining: number;
}

export interface CandidateQuestionsRequest extends CoachCallOptions {
  readonly text: string;
  readonly options: InterviewOptions;
}

export interface ReportSummaryRequest extends CoachCallOptions {
  readonly options: InterviewOptions;
  readonly evaluations: readonly { readonly question: Question; readonly evaluation: Evaluation }[];
}

export interface ReportSummary {
  readonly strengths: readonly string[];
  readonly improvements: readonly string[];
  /** Set when the offline coach stood in for the AI coach; says why, to the candidate. */
  readonly fallbackReason?: string | null;
}

/** The four parts of a STAR story, each in the candidate's own voice ("I …"). */
export interface StarStory {
  readonly situation: string;
  readonly task: string;
  readonly action: string;
  readonly result: string;
}

/** "Show a stronger version": the answer rewritten as a STAR story from the candidate's facts only. */
export type StoryRewriteRequest = AnswerRequest;

export interface StoryRewrite {
  /**
   * The rewrite, with placeholders ([number], [name]) where the candidate gave no fact; null when
   * the offline coach's STAR scaffold of the candidate's own sentences is shown instead.
   */
  readonly story: StarStory | null;
  /** Set when the scaffold stands in for the AI coach's rewrite; says why, to the candidate. */
  readonly fallbackReason?: string | null;
}

/** The main questions of an interview, and why they came from the question bank when they did. */
export interface QuestionPlan {
  readonly questions: readonly Question[];
  /** Set when some or all questions came from the bank in the AI coach's place. */
  readonly fallbackReason?: string | null;
}

/**
 * The interviewer's brain. Two implementations: the offline coach (question bank + deterministic
 * rubric) and the LLM coach. Provider failures are thrown as CoachError; anything else is a bug.
 */
export interface Coach {
  readonly name: "offline" | "llm";
  /** Choose the main questions for an interview (the closing question is added by the engine). */
  planQuestions(request: PlanQuestionsRequest): Promise<QuestionPlan>;
  /** Decide whether to probe a just-submitted answer, and word the probe. */
  decideFollowUp(request: FollowUpRequest): Promise<FollowUpDecision>;
  /** Assess one answer against the rubric. Junk is "not scorable", never given a score. */
  evaluateAnswer(request: AnswerRequest): Promise<Evaluation>;
  /** Assess the candidate's questions for the interviewer. */
  assessCandidateQuestions(request: CandidateQuestionsRequest): Promise<CandidateQuestionsAssessment>;
  /** Overall strengths and improvements across the interview. */
  summarise(request: ReportSummaryRequest): Promise<ReportSummary>;
  /**
   * Practice mode's stronger version of a story answer. The AI coach rewrites it as STAR from the
   * candidate's own facts (checked again by the engine); the offline coach returns no story, and
   * the engine shows its STAR scaffold of the candidate's own sentences.
   */
  rewriteStory(request: StoryRewriteRequest): Promise<StoryRewrite>;
}
