import { z } from "zod";
import { CompetencySchema, QuestionKindSchema, StageSchema } from "./interview-vocabulary.ts";

/**
 * One question of a question bank: the shipped bank (prompts/questions/*.yaml) and a community's
 * extra questions are validated by this same schema, so an admin's question set obeys the same rules.
 */
/** The only placeholders a bank question may use; the planner fills them from the interview options. */
export const QUESTION_PLACEHOLDERS = ["company", "role"] as const;

/** Kinds that need a core competency (they are scored on it) and kinds that must not have one. */
const COMPETENCY_REQUIRED = new Set(["behavioural", "revisit"]);
const COMPETENCY_FORBIDDEN = new Set(["motivation", "practical"]);

/** Text and hint stay well under the Question limits, so filled-in placeholders still fit. */
const BankEntryFieldsSchema = z.strictObject({
  id: z
    .string()
    .max(80)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "id must be kebab-case"),
  text: z.string().trim().min(10).max(300),
  // The engine adds the closing question itself, so the bank never holds one.
  kind: QuestionKindSchema.exclude(["closing"]),
  competency: CompetencySchema.nullable().default(null),
  stages: z
    .array(StageSchema)
    .min(1)
    .refine((stages) => new Set(stages).size === stages.length, "stages must not repeat"),
  /** A classic of its kind (e.g. "why this role", salary): picked first when the planner needs that kind. */
  staple: z.boolean().default(false),
  hint: z.string().trim().min(1).max(600),
  topicWords: z
    .array(
      z
        .string()
        .max(40)
        .regex(/^[a-z0-9][a-z0-9'-]*$/, "topic words must be lowercase words or stems"),
    )
    .min(5)
    .max(15),
});

type BankEntryFields = z.infer<typeof BankEntryFieldsSchema>;

/** Placeholder names used in a string, e.g. "{company}" gives "company"; a stray brace gives "". */
function placeholdersIn(value: string): string[] {
  const names = [...value.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1] ?? "");
  const stray = value.replace(/\{[^{}]*\}/g, "");
  return stray.includes("{") || stray.includes("}") ? [...names, ""] : names;
}

/** Rules that span fields, checked after the shape is known to be right. */
function checkEntryRules(entry: BankEntryFields, ctx: z.RefinementCtx): void {
  const issue = (field: string, message: string) =>
    ctx.addIssue({ code: "custom", path: [field], message, input: entry });
  if (COMPETENCY_REQUIRED.has(entry.kind) && entry.competency === null) {
    issue("competency", `a ${entry.kind} question needs a competency`);
  }
  if (COMPETENCY_FORBIDDEN.has(entry.kind) && entry.competency !== null) {
    issue("competency", `a ${entry.kind} question must not have a competency`);
  }
  if (entry.kind === "revisit" && entry.stages.includes("first")) {
    issue("stages", "a revisit question cannot be asked in the first round");
  }
  for (const field of ["text", "hint"] as const) {
    for (const name of placeholdersIn(entry[field])) {
      if (!(QUESTION_PLACEHOLDERS as readonly string[]).includes(name)) {
        issue(field, `unknown placeholder "{${name}}" (allowed: {company}, {role})`);
      }
    }
  }
}

export const BankEntrySchema = BankEntryFieldsSchema.superRefine(checkEntryRules);
export type BankEntry = z.infer<typeof BankEntrySchema>;
