import { z } from "zod";
import { adhocQuestion } from "../coach/adhoc-question.ts";
import { InterviewOptionsSchema } from "../core/model/interview-options.ts";
import type { Competency, QuestionKind } from "../core/model/interview-vocabulary.ts";
import { MAX_ROUND_ONE_NOTES_CHARS } from "../core/model/round-one-log.ts";
import { sanitizeText } from "../core/model/sanitize-text.ts";
import type { AnswerRequest } from "../core/ports/coach-port.ts";
import { type CompetencySynonyms, recogniseCompetency } from "./competency-synonyms.ts";

/**
 * The kinds a record may name, in the words careers staff use, and the question kind each is
 * judged as. "candidate-questions" (their questions for the interviewer) is the engine's closing
 * question; "closing" is accepted too because that is what the report and the rubric call it.
 */
const KINDS: ReadonlyMap<string, QuestionKind> = new Map([
  ["behavioural", "behavioural"],
  ["behavioral", "behavioural"],
  ["motivation", "motivation"],
  ["culture-fit", "culture-fit"],
  ["practical", "practical"],
  ["revisit", "revisit"],
  ["candidate-questions", "closing"],
  ["closing", "closing"],
]);

/** The kinds listed in messages and usage (aliases left out). */
export const EVALUATE_KINDS = [
  "behavioural",
  "motivation",
  "culture-fit",
  "practical",
  "revisit",
  "candidate-questions",
] as const;

// Loose on purpose: spreadsheet exports leave empty cells as "" or null, and extra columns
// (a student id, a cohort) are ignored rather than rejected.
const EvaluateRecordSchema = z.object({
  question: z.string().trim().min(1).max(1000),
  answer: z.string().max(100_000),
  kind: z.string().max(60).nullish(),
  competency: z.string().max(200).nullish(),
  role: z.string().max(120).nullish(),
  company: z.string().max(120).nullish(),
  /** The candidate's round-1 notes on this question: the answer is checked against them. */
  roundOneNotes: z.string().max(MAX_ROUND_ONE_NOTES_CHARS).nullish(),
});

/** What the output record repeats from the input, so each result can be matched to its row. */
export interface EvaluateRecordEcho {
  /** The kind as given, or (when none was given) the kind inferred from the question's wording. */
  readonly kind: string;
  /** The core competency the answer was judged against; null when none was given or recognised. */
  readonly competency: Competency | null;
  /** The competency as given, whether or not it is one of the six; null when none was given. */
  readonly competencyLabel: string | null;
}

export type EvaluateRecordResult =
  | {
      readonly ok: true;
      readonly request: AnswerRequest;
      readonly warnings: readonly string[];
      readonly echo: EvaluateRecordEcho;
    }
  | { readonly ok: false; readonly error: string };

/**
 * Turns one parsed `evaluate` input record into the coach request it stands for. Pure, so other
 * tools (a calibration run) judge records exactly as `secondround evaluate` does. `position` is
 * the record's 1-based place in the input and names its question.
 */
export function answerRequestFromRecord(
  record: unknown,
  position: number,
  synonyms: CompetencySynonyms,
): EvaluateRecordResult {
  const parsed = EvaluateRecordSchema.safeParse(record);
  if (!parsed.success) return { ok: false, error: z.prettifyError(parsed.error) };
  const item = parsed.data;

  const givenKind = present(item.kind);
  const kind = givenKind === null ? undefined : KINDS.get(kindKey(givenKind));
  if (givenKind !== null && kind === undefined) {
    return {
      ok: false,
      error: `kind "${givenKind}" is not one of ${EVALUATE_KINDS.join(", ")} (or closing)`,
    };
  }

  const competencyLabel = present(item.competency);
  const competency = competencyLabel === null ? null : recogniseCompetency(competencyLabel, synonyms);
  const warnings =
    competencyLabel !== null && competency === null
      ? [
          `Competency "${competencyLabel}" is not one of the six core competencies; the answer was judged on the question's wording.`,
        ]
      : [];

  const asked = adhocQuestion(`input-${position}`, sanitizeText(item.question), competency, kind);
  const notes = present(item.roundOneNotes);
  const question = notes ? { ...asked, revisits: { question: asked.text, notes, howItWent: null } } : asked;
  const options = InterviewOptionsSchema.parse({
    role: present(item.role) ?? "the role",
    company: present(item.company) ?? "the company",
  });
  return {
    ok: true,
    request: { question, answerText: sanitizeText(item.answer), options },
    warnings,
    echo: {
      kind: givenKind ?? (question.kind === "closing" ? "candidate-questions" : question.kind),
      competency,
      competencyLabel,
    },
  };
}

/** A field's text made safe to echo with runs of spaces collapsed; null when it is missing or blank. */
function present(value: string | null | undefined): string | null {
  const text = sanitizeText(value ?? "").replace(/\s+/g, " ");
  return text === "" ? null : text;
}

/** "Culture fit", "culture_fit" and "CULTURE-FIT" all name the culture-fit kind. */
function kindKey(kind: string): string {
  return kind.toLowerCase().replace(/[\s_-]+/g, "-");
}
