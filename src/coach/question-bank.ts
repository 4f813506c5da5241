import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { CompetencySchema, QuestionKindSchema, StageSchema } from "../core/model/interview-vocabulary.ts";

/** The editable question bank shipped with the app: one YAML file per theme. */
export const DEFAULT_QUESTION_BANK_DIRECTORY = path.resolve(import.meta.dirname, "../../prompts/questions");

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

export const BankFileSchema = z
  .array(BankEntrySchema)
  .min(1, "a question file must hold at least one question");

export interface QuestionBank {
  readonly entries: readonly BankEntry[];
}

type FileResult = { readonly entries: BankEntry[] } | { readonly problems: string[] };

/** Parse and validate one file, collecting every problem rather than stopping at the first. */
function readBankFile(filePath: string): FileResult {
  const document = parseDocument(readFileSync(filePath, "utf8"));
  if (document.errors.length > 0) {
    return { problems: document.errors.map((error) => `invalid YAML: ${error.message.trimEnd()}`) };
  }
  const parsed = BankFileSchema.safeParse(document.toJS());
  return parsed.success ? { entries: parsed.data } : { problems: [z.prettifyError(parsed.error)] };
}

function indent(text: string): string {
  return text.replace(/^/gm, "  ");
}

/**
 * Read every *.yaml file in the directory (sorted, so the bank order and hence the plans are
 * stable). Throws one Error listing every problem in every file, so a broken bank is fixed in one go.
 */
export function loadQuestionBank(directory: string): QuestionBank {
  const files = readdirSync(directory)
    .filter((name) => name.endsWith(".yaml"))
    .sort();
  if (files.length === 0) throw new Error(`No question files (*.yaml) found in ${directory}`);
  const entries: BankEntry[] = [];
  const problemsByFile = new Map<string, string[]>();
  const fileOfId = new Map<string, string>();
  for (const file of files) {
    const filePath = path.join(directory, file);
    const result = readBankFile(filePath);
    if ("problems" in result) {
      problemsByFile.set(filePath, result.problems);
      continue;
    }
    const problems: string[] = [];
    for (const entry of result.entries) {
      const firstFile = fileOfId.get(entry.id);
      if (firstFile === undefined) fileOfId.set(entry.id, filePath);
      else problems.push(`duplicate id "${entry.id}" (already used in ${firstFile})`);
      entries.push(entry);
    }
    if (problems.length > 0) problemsByFile.set(filePath, problems);
  }
  if (problemsByFile.size > 0) {
    const details = [...problemsByFile].map(([file, problems]) => `${file}:\n${indent(problems.join("\n"))}`);
    throw new Error(`Invalid question bank in ${directory}:\n${details.join("\n")}`);
  }
  return { entries };
}
