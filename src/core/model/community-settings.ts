import { z } from "zod";
import { type InterviewOptionsInput, MAX_QUESTIONS } from "./interview-options.ts";
import { CompetencySchema, PersonaSchema, StageSchema } from "./interview-vocabulary.ts";
import { BankEntrySchema } from "./question-bank-entry.ts";
import { RubricEmphasisSchema } from "./rubric-emphasis.ts";

/** The settings layout; a change of meaning gets a new version rather than a silent reinterpretation. */
export const COMMUNITY_SETTINGS_VERSION = 1;
/** Extra questions one community may add: well above a question set, well below a memory problem. */
export const MAX_EXTRA_QUESTIONS = 200;
/** Interviews one member may start in a day, at most: a limit above it is no limit. */
export const MAX_INTERVIEWS_PER_DAY = 100;
/** A monthly token budget above this is a typing error (a billion tokens a month). */
export const MAX_MONTHLY_TOKEN_BUDGET = 1_000_000_000;
/**
 * The longest a community may keep its members' data: the longest any store keeps anything
 * (round-1 logs, progress and story banks: a year). A community can shorten what is kept, never
 * lengthen it; test/core/community-retention.test.ts checks this against the stores' TTLs.
 */
export const MAX_RETENTION_DAYS = 365;

/**
 * What a community's admins set for their Discord server or Slack workspace. Every field is
 * optional; a field left out means "as SecondRound does without settings", so an empty file (or
 * no settings at all) changes nothing. Exported and imported as YAML with this same schema.
 */
export const CommunitySettingsSchema = z
  .strictObject({
    version: z.literal(COMMUNITY_SETTINGS_VERSION).default(COMMUNITY_SETTINGS_VERSION),
    /**
     * Questions added to the offline planner's pool for this community, validated like the shipped
     * bank. They are asked before shipped questions that fit the same slot; one with a shipped id
     * replaces that question. Default: none.
     */
    extraQuestions: z
      .array(BankEntrySchema)
      .max(MAX_EXTRA_QUESTIONS)
      .refine((entries) => new Set(entries.map((entry) => entry.id)).size === entries.length, {
        message: "question ids must not repeat",
      })
      .optional(),
    /** Competencies to cover when the member names none (their focus). Default: a balanced mix. */
    competencies: z
      .array(CompetencySchema)
      .min(1)
      .max(6)
      .refine((values) => new Set(values).size === values.length, "competencies must not repeat")
      .optional(),
    /** The round when the member picks none. Default: first. */
    defaultStage: StageSchema.optional(),
    /** The interviewer when the member picks none. Default: the hiring manager. */
    defaultPersona: PersonaSchema.optional(),
    /** Main questions when the member picks no number. Default: 6. */
    defaultQuestionCount: z.number().int().min(1).max(MAX_QUESTIONS).optional(),
    /** Interviews one member may start per calendar day (UTC). Default: no limit. */
    interviewsPerMemberPerDay: z.number().int().min(1).max(MAX_INTERVIEWS_PER_DAY).optional(),
    /** False: the offline coach does every interview of this community. Default: true (the AI coach when configured). */
    aiCoach: z.boolean().optional(),
    /**
     * AI coach tokens (input + output) this community may use per calendar month (UTC); at the
     * budget the offline coach takes over, labelled, until the month ends. Default: no budget.
     */
    monthlyTokenBudget: z.number().int().min(1).max(MAX_MONTHLY_TOKEN_BUDGET).optional(),
    /**
     * Who can see a Discord interview thread: "private" (the member, the bot and the server's
     * moderators) or "public" (the channel, e.g. for a mentoring server where peers comment).
     * Slack interviews are always a thread in the channel where the member typed the command.
     * Default: the deployment's DISCORD_THREAD_TYPE.
     */
    threads: z.enum(["private", "public"]).optional(),
    /**
     * Days this community's members' data is kept after its last change: interviews, round-1 logs,
     * progress entries and story banks older than this are deleted (the retention sweep, within an
     * hour), and the job records of the interviews deleted with them. Shortens, never lengthens,
     * what the deployment keeps. Default: as the deployment keeps it.
     */
    retentionDays: z
      .number()
      .int("retentionDays must be a whole number of days")
      .min(1, "retentionDays must be at least 1 day")
      .max(
        MAX_RETENTION_DAYS,
        `retentionDays can be at most ${MAX_RETENTION_DAYS} days: SecondRound keeps nothing longer`,
      )
      .optional(),
    /**
     * What an answer's score emphasises, each part weighted 0.5 to 2 against the others (see
     * rubric-emphasis.ts); both coaches' scores are weighted the same way. Default: 1 each.
     */
    rubricEmphasis: RubricEmphasisSchema.optional(),
  })
  .describe("SecondRound community settings");

export type CommunitySettings = z.infer<typeof CommunitySettingsSchema>;
export type CommunitySettingsInput = z.input<typeof CommunitySettingsSchema>;

/** No settings: everything as SecondRound does by default. */
export const DEFAULT_COMMUNITY_SETTINGS: CommunitySettings = { version: COMMUNITY_SETTINGS_VERSION };

/** The community's retention period in ms; null where it keeps data as the deployment does. */
export function retentionPeriodMs(settings: CommunitySettings): number | null {
  return settings.retentionDays === undefined ? null : settings.retentionDays * 24 * 60 * 60_000;
}

/** The fields that differ between two settings, for the audit log (names only, never values). */
export function changedSettingFields(before: CommunitySettings, after: CommunitySettings): string[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields]
    .filter(
      (field) =>
        JSON.stringify(before[field as keyof CommunitySettings]) !==
        JSON.stringify(after[field as keyof CommunitySettings]),
    )
    .sort();
}

/**
 * The member's start options with the community's defaults where the member chose nothing: the
 * round, the interviewer, the number of questions and the competencies to cover (their focus).
 */
export function withCommunityDefaults(
  options: InterviewOptionsInput,
  settings: CommunitySettings,
): InterviewOptionsInput {
  const chosen = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const focusChosen = Array.isArray(chosen.focus) && chosen.focus.length > 0;
  return {
    ...(settings.defaultStage ? { stage: settings.defaultStage } : {}),
    ...(settings.defaultPersona ? { persona: settings.defaultPersona } : {}),
    ...(settings.defaultQuestionCount ? { questionCount: settings.defaultQuestionCount } : {}),
    ...chosen,
    ...(settings.competencies && !focusChosen ? { focus: [...settings.competencies] } : {}),
  } as InterviewOptionsInput;
}
