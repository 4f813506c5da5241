import { z } from "zod";
import {
  CompetencySchema,
  DifficultySchema,
  InterviewModeSchema,
  PersonaSchema,
  StageSchema,
} from "./interview-vocabulary.ts";
import { plainMentions } from "./sanitize-text.ts";

export const MAX_QUESTIONS = 12;
export const DEFAULT_QUESTIONS = 6;
export const DEFAULT_PROBE_LIMIT = 3;
/**
 * Chat answers are complete 90 s after the candidate's last message unless they press Submit:
 * long enough to type a follow-on message, short enough not to leave them waiting.
 */
export const CHAT_QUIET_PERIOD_MS = 90_000;

/** What the candidate chose when starting an interview. */
/**
 * A role or company as the candidate typed it, trimmed, with any mention syntax made plain text: it is
 * shown in greetings, questions, status replies and the report on every platform.
 */
const CandidateNameSchema = z.string().trim().overwrite(plainMentions).min(1).max(120);

export const InterviewOptionsSchema = z.object({
  role: CandidateNameSchema,
  company: CandidateNameSchema,
  stage: StageSchema.default("first"),
  /** Main questions, not counting follow-up probes and the closing "any questions for us?". */
  questionCount: z.number().int().min(1).max(MAX_QUESTIONS).default(DEFAULT_QUESTIONS),
  /** Competencies to favour when choosing questions; empty = a balanced mix. */
  focus: z.array(CompetencySchema).max(6).default([]),
  persona: PersonaSchema.default("hiring-manager"),
  /** At most one probe per question, and at most this many per interview. */
  probeLimit: z.number().int().min(0).max(MAX_QUESTIONS).default(DEFAULT_PROBE_LIMIT),
  /**
   * Auto-submit an answer this long after the candidate's last message (null = only on an
   * explicit submit). Chat platforms default to a quiet period; the terminal submits on an empty line.
   */
  quietPeriodMs: z
    .number()
    .int()
    .min(10_000)
    .max(30 * 60_000)
    .nullable()
    .default(null),
  /** Feedback at the end only (realistic), or after each answer with a retry (practice). */
  mode: InterviewModeSchema.default("realistic"),
  /** How hard follow-ups probe. */
  difficulty: DifficultySchema.default("standard"),
});
export type InterviewOptions = z.infer<typeof InterviewOptionsSchema>;
export type InterviewOptionsInput = z.input<typeof InterviewOptionsSchema>;
