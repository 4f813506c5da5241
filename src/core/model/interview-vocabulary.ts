import { z } from "zod";

/** The six core competencies every report shows coverage for. */
export const CORE_COMPETENCIES = [
  "leadership",
  "conflict",
  "failure",
  "pressure",
  "collaboration",
  "initiative",
] as const;
export const CompetencySchema = z.enum(CORE_COMPETENCIES);
export type Competency = z.infer<typeof CompetencySchema>;

/** Human labels, used in reports and prompts ("pressure" reads as "success under pressure"). */
export const COMPETENCY_LABELS: Record<Competency, string> = {
  leadership: "Leadership",
  conflict: "Conflict",
  failure: "Failure",
  pressure: "Success under pressure",
  collaboration: "Collaboration",
  initiative: "Initiative",
};

/** Interview rounds. Later rounds probe harder and add practical questions. */
export const StageSchema = z.enum(["first", "second", "final"]);
export type Stage = z.infer<typeof StageSchema>;

/** Who plays the interviewer; it changes tone and the mix of questions. */
export const PersonaSchema = z.enum(["hiring-manager", "department-head", "director-hr"]);
export type Persona = z.infer<typeof PersonaSchema>;

export const PERSONA_LABELS: Record<Persona, string> = {
  "hiring-manager": "the hiring manager",
  "department-head": "the head of department",
  "director-hr": "a director from HR",
};

/**
 * Realistic: feedback only at the end, as in a real interview. Practice: short feedback after each
 * answer, with a retry and a stronger version of the answer (see docs/interview-rules.md).
 */
export const InterviewModeSchema = z.enum(["realistic", "practice"]);
export type InterviewMode = z.infer<typeof InterviewModeSchema>;

/** How hard the panel's follow-ups probe: gently and rarely, as today, or every gap and every number. */
export const DifficultySchema = z.enum(["supportive", "standard", "tough"]);
export type Difficulty = z.infer<typeof DifficultySchema>;

/**
 * What kind of question it is; the rubric depends on it.
 * behavioural: "tell me about a time" (STAR); motivation: why this role / why us;
 * culture-fit: values and ways of working; practical: salary, notice period, logistics;
 * revisit: second-round return to a first-round topic; closing: "any questions for us?".
 */
export const QuestionKindSchema = z.enum([
  "behavioural",
  "motivation",
  "culture-fit",
  "practical",
  "revisit",
  "closing",
]);
export type QuestionKind = z.infer<typeof QuestionKindSchema>;

/** Kinds answered with a story, judged on STAR; the others have their own criteria. */
export function isStoryKind(kind: QuestionKind): boolean {
  return kind === "behavioural" || kind === "revisit";
}
