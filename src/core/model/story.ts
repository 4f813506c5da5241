import { z } from "zod";
import { CompetencySchema } from "./interview-vocabulary.ts";
import { plainMentions } from "./sanitize-text.ts";

/** Stories one member's bank holds per community; beyond it the oldest suggestions go first. */
export const MAX_STORIES = 40;
/** A story title as shown in lists and buttons: short enough for a Discord button label. */
export const MAX_STORY_TITLE = 80;

/**
 * Text copied from the candidate's answers (or typed by them, a title) and shown back to them on
 * every platform, so mention syntax is made plain as in a round-1 log.
 */
const storyText = (max: number) => z.string().trim().overwrite(plainMentions).max(max);

/** One telling of the story: which interview and question, and how it scored. */
export const StoryTellingSchema = z.object({
  sessionId: z.string().min(1),
  questionId: z.string().min(1),
  competency: CompetencySchema.nullable(),
  score: z.number().int().min(0).max(100).nullable(),
  at: z.number().int(),
});
export type StoryTelling = z.infer<typeof StoryTellingSchema>;

/**
 * One story in a member's story bank: an episode the candidate told in an answer, its STAR parts
 * in their own words (verbatim sentences, null where the answer had none), the competencies it
 * has been used for and its best score. New stories are suggestions; the candidate keeps, renames
 * or deletes them. Personal data: sealed at rest, deletable, expiring with the bank.
 */
export const StorySchema = z.object({
  /** Stable: derived from the interview and question it was first told in (storyIdOf). */
  id: z.string().min(1).max(40),
  title: storyText(MAX_STORY_TITLE).pipe(z.string().min(1)),
  /** True once the candidate renamed it: a later, better telling no longer changes the title. */
  titled: z.boolean(),
  situation: storyText(600).nullable(),
  task: storyText(600).nullable(),
  action: storyText(600).nullable(),
  result: storyText(600).nullable(),
  /** The competencies the story has been told for, in first-told order. */
  competencies: z.array(CompetencySchema).max(6),
  bestScore: z.number().int().min(0).max(100).nullable(),
  /** The story's distinctive words (see Evaluation.storyMarks): how a retelling is recognised. */
  marks: z.array(z.string().max(40)).max(60),
  /** False while it is a suggestion from an interview; true once the candidate kept it. */
  kept: z.boolean(),
  company: storyText(120),
  role: storyText(120),
  tellings: z.array(StoryTellingSchema).min(1).max(20),
  updatedAt: z.number().int(),
});
export type Story = z.infer<typeof StorySchema>;

/**
 * A short stable id for the story first told in this interview's answer to this question: it fits
 * a button id, and recording the same interview twice finds the same story. FNV-1a, 64 bits.
 */
export function storyIdOf(sessionId: string, questionId: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const char of `${sessionId}\u0000${questionId}`) {
    hash ^= BigInt(char.codePointAt(0) ?? 0);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `st${hash.toString(36)}`;
}
