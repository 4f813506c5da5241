import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { type BankEntry, BankEntrySchema } from "../core/model/question-bank-entry.ts";

export { type BankEntry, BankEntrySchema, QUESTION_PLACEHOLDERS } from "../core/model/question-bank-entry.ts";

/** The editable question bank shipped with the app: one YAML file per theme. */
export const DEFAULT_QUESTION_BANK_DIRECTORY = path.resolve(import.meta.dirname, "../../prompts/questions");

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
