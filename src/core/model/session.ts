import { z } from "zod";
import { EvaluationSchema } from "./evaluation.ts";
import { InterviewOptionsSchema } from "./interview-options.ts";
import { CompetencySchema } from "./interview-vocabulary.ts";
import { QuestionSchema } from "./question.ts";
import { OutboundMessageSchema } from "./reply.ts";
import { CandidateQuestionsReportSchema, FallbackReasonSchema, ReportSchema } from "./report.ts";
import { RoundOneLogSchema } from "./round-one-log.ts";
import { TokenUsageSchema } from "./token-usage.ts";
import { SpokenTimingSchema, VoiceClipSchema } from "./voice.ts";

export const SESSION_SCHEMA_VERSION = 1;

/** One candidate message that is part of an answer not yet submitted. */
export const DraftMessageSchema = z.object({
  /** Platform message id: a message is appended once, however often it is delivered. */
  id: z.string(),
  text: z.string(),
  at: z.number().int(),
  /** Set when the message was a voice clip: its transcript's timing (the audio is not kept). */
  spoken: SpokenTimingSchema.optional(),
});
export type DraftMessage = z.infer<typeof DraftMessageSchema>;

/** The reply to one prompt: the question itself, or its follow-up probe. */
export const AnswerPartSchema = z.object({
  prompt: z.enum(["question", "probe"]),
  promptText: z.string(),
  text: z.string(),
  messageIds: z.array(z.string()),
  submittedAt: z.number().int(),
  secondsToAnswer: z.number().int().nonnegative(),
  words: z.number().int().nonnegative(),
  /** The timing of the part's spoken messages, spans re-based onto `text`; absent when all was typed. */
  spoken: SpokenTimingSchema.optional(),
});
export type AnswerPart = z.infer<typeof AnswerPartSchema>;

/** An earlier attempt at a question the candidate tried again (practice mode), as it was assessed. */
export const EarlierAttemptSchema = z.object({
  parts: z.array(AnswerPartSchema),
  hintUsed: z.boolean(),
  evaluation: EvaluationSchema.nullable(),
});
export type EarlierAttempt = z.infer<typeof EarlierAttemptSchema>;

/** A STAR part as stored: short prose, or a bracketed placeholder. */
const StoryPartSchema = z.string().min(1).max(1_200);

/**
 * Practice mode's stronger version of the latest attempt, when the candidate asked for one with
 * the AI coach: "writing" while the coach works on it (so a restart asks again, and a repeated
 * click does not), then the checked rewrite, or no story when the offline scaffold stands in
 * (with the reason). Kept so that showing it again never asks the model twice.
 */
export const StrongerVersionSchema = z.object({
  status: z.enum(["writing", "written"]),
  story: z
    .object({
      situation: StoryPartSchema,
      task: StoryPartSchema,
      action: StoryPartSchema,
      result: StoryPartSchema,
    })
    .nullable(),
  fallbackReason: FallbackReasonSchema,
});
export type StrongerVersion = z.infer<typeof StrongerVersionSchema>;

export const AnswerSchema = z.object({
  questionId: z.string(),
  status: z.enum(["answered", "skipped"]),
  parts: z.array(AnswerPartSchema),
  hintUsed: z.boolean(),
  /** Null until the coach has assessed it (the closing question is assessed separately). */
  evaluation: EvaluationSchema.nullable(),
  /**
   * Earlier attempts, oldest first, when the candidate tried the question again; the fields above
   * are the latest attempt. Absent (not an empty list) otherwise, so stored answers stay small.
   */
  earlierAttempts: z.array(EarlierAttemptSchema).max(10).optional(),
  /** The latest attempt's stronger version (practice mode, AI coach); absent until asked for. */
  strongerVersion: StrongerVersionSchema.optional(),
});
export type Answer = z.infer<typeof AnswerSchema>;

/** The prompt currently waiting for the candidate. */
export const TurnSchema = z.object({
  questionId: z.string(),
  prompt: z.enum(["question", "probe"]),
  /** The probe's wording while answering a probe. */
  probeText: z.string().nullable(),
  /** When the prompt was shown, moved forward by paused time so timing excludes pauses. */
  askedAt: z.number().int(),
  draft: z.array(DraftMessageSchema),
  /** The main answer, kept while the candidate answers its probe. */
  mainPart: AnswerPartSchema.nullable(),
  hintUsed: z.boolean(),
  /** Set while the coach decides whether to probe; further messages wait. */
  awaitingCoach: z.boolean(),
  /**
   * Practice mode, after the answer to this question was recorded: waiting for its assessment,
   * then showing its feedback until the candidate retries or moves on. Absent otherwise.
   */
  review: z.enum(["evaluating", "feedback"]).optional(),
  /** Voice clips sent for this prompt and still being transcribed, oldest first; absent when none. */
  transcribing: z.array(VoiceClipSchema).max(5).optional(),
});
export type Turn = z.infer<typeof TurnSchema>;

export const OutboxEntrySchema = z.object({
  seq: z.number().int().nonnegative(),
  createdAt: z.number().int(),
  message: OutboundMessageSchema,
});
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

export const PhaseSchema = z.enum(["planning", "interviewing", "reporting", "finished"]);
export type Phase = z.infer<typeof PhaseSchema>;

/** One interview in one conversation. Stored in Redis; changed only through `transition`. */
export const SessionSchema = z.object({
  schemaVersion: z.literal(SESSION_SCHEMA_VERSION),
  id: z.string(),
  conversation: z.string(),
  candidate: z.object({ id: z.string(), name: z.string() }),
  options: InterviewOptionsSchema,
  coach: z.string(),
  phase: PhaseSchema,
  /** Incremented by every accepted change; the store compares-and-sets on it. */
  version: z.number().int().nonnegative(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  pausedAt: z.number().int().nullable(),
  /** Main questions, then the closing "any questions for us?". */
  questions: z.array(QuestionSchema),
  currentIndex: z.number().int().nonnegative(),
  turn: TurnSchema.nullable(),
  probesUsed: z.number().int().nonnegative(),
  answers: z.array(AnswerSchema),
  candidateQuestions: CandidateQuestionsReportSchema.nullable(),
  /** True once the overall summary has been asked for, so it is asked for once. */
  summaryRequested: z.boolean(),
  summary: z
    .object({
      strengths: z.array(z.string()),
      improvements: z.array(z.string()),
      fallbackReason: FallbackReasonSchema,
    })
    .nullable(),
  report: ReportSchema.nullable(),
  endedEarly: z.boolean(),
  /** Extracted CV / job-description text the candidate supplied (personal data: expires with the session). */
  documents: z
    .object({
      cv: z.string().max(50_000).nullable(),
      jobDescription: z.string().max(50_000).nullable(),
      /** The candidate's round-1 log for this company, copied in at the start of a later round. */
      roundOne: RoundOneLogSchema.nullable().optional(),
      /** Competencies the candidate's story bank had no story for at the start (the plan asks them first). */
      storyGaps: z.array(CompetencySchema).max(6).optional(),
    })
    .nullable()
    .default(null),
  /** AI coach tokens spent on this interview; sessions stored before it existed read as zero. */
  tokenUsage: TokenUsageSchema.default({ inputTokens: 0, outputTokens: 0, calls: 0 }),
  /** Messages decided but perhaps not yet delivered; redelivered after a crash. */
  outbox: z.array(OutboxEntrySchema),
  nextOutboxSeq: z.number().int().nonnegative(),
});
export type Session = z.infer<typeof SessionSchema>;
