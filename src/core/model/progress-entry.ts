import { z } from "zod";
import { CompetencySchema } from "./interview-vocabulary.ts";
import type { Session } from "./session.ts";

/**
 * One finished interview in a member's long-lived progress history. Deliberately minimal: the
 * date, what it was for and the scores; no answer text, no quotes, no feedback, so it can be kept
 * for a year after the interview itself (personal text) has expired.
 */
export const ProgressEntrySchema = z.object({
  /** The interview's session id: an interview is recorded once, however often its finish is replayed. */
  sessionId: z.string().min(1),
  finishedAt: z.number().int(),
  role: z.string(),
  company: z.string(),
  /** The round ("first", "second", "final"). */
  stage: z.string(),
  /** Null when nothing was scorable (never invented). */
  overallScore: z.number().int().min(0).max(100).nullable(),
  /** The competencies the interview asked about, with their mean score (null: asked, not scorable). */
  competencies: z.array(
    z.object({ competency: CompetencySchema, score: z.number().int().min(0).max(100).nullable() }),
  ),
});
export type ProgressEntry = z.infer<typeof ProgressEntrySchema>;

/** The progress entry of a finished interview with a report; null for anything else. */
export function progressEntryOf(session: Session): ProgressEntry | null {
  const { report } = session;
  if (session.phase !== "finished" || !report) return null;
  const asked = new Set(
    report.questions.filter((question) => question.status === "answered").map((q) => q.competency),
  );
  return {
    sessionId: session.id,
    finishedAt: report.generatedAt,
    role: report.role,
    company: report.company,
    stage: report.stage,
    overallScore: report.overallScore,
    competencies: report.competencyCoverage
      .filter((coverage) => coverage.covered || asked.has(coverage.competency))
      .map((coverage) => ({ competency: coverage.competency, score: coverage.score })),
  };
}
