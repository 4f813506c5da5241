import { z } from "zod";
import { ProgressEntrySchema } from "./progress-entry.ts";
import { RoundOneLogSchema } from "./round-one-log.ts";
import { SessionSchema } from "./session.ts";
import { StorySchema } from "./story.ts";

/** Bumped when a field changes meaning or goes; new optional fields keep the version. */
export const MEMBER_EXPORT_VERSION = 1;

/**
 * One interview as the member sees it in their export: what they asked for, every question, their
 * answers word for word (and the draft still being typed), each evaluation, the report, and the CV
 * and job description they gave. The bot's own bookkeeping (outbox, versions, token counts) is not
 * theirs and is left out.
 */
export const ExportedInterviewSchema = SessionSchema.pick({
  id: true,
  options: true,
  phase: true,
  createdAt: true,
  updatedAt: true,
  endedEarly: true,
  questions: true,
  turn: true,
  answers: true,
  candidateQuestions: true,
  summary: true,
  report: true,
  documents: true,
}).extend({
  /** Where the interview ran: the platform's thread. */
  conversation: z.string(),
});
export type ExportedInterview = z.infer<typeof ExportedInterviewSchema>;

/** A story from the member's story bank, as stored (see MemberStories, which the story bank implements). */
export const ExportedStorySchema = StorySchema;
export type ExportedStory = z.infer<typeof ExportedStorySchema>;

/**
 * Everything SecondRound keeps about one member in one community (Discord server, Slack workspace,
 * the terminal): the file `/interview privacy` sends and `secondround privacy export` writes.
 */
export const MemberExportSchema = z.object({
  format: z.literal("secondround-member-export"),
  version: z.literal(MEMBER_EXPORT_VERSION),
  /** ISO 8601. */
  exportedAt: z.string(),
  community: z.string(),
  member: z.string(),
  /** Newest first. */
  interviews: z.array(ExportedInterviewSchema),
  /** Most recently changed first. */
  roundOneLogs: z.array(RoundOneLogSchema),
  /** Oldest first. */
  progress: z.array(ProgressEntrySchema),
  stories: z.array(ExportedStorySchema),
});
export type MemberExport = z.infer<typeof MemberExportSchema>;
