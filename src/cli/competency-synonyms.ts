import { readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { ConfigError } from "../core/model/errors.ts";
import { type Competency, CompetencySchema } from "../core/model/interview-vocabulary.ts";

/** The editable table of competency labels shipped with the app (see the file's header). */
export const DEFAULT_COMPETENCY_SYNONYMS_PATH = path.resolve(
  import.meta.dirname,
  "../../prompts/competencies.yaml",
);

/** Normalised label → the core competency it names. */
export type CompetencySynonyms = ReadonlyMap<string, Competency>;

/**
 * The form labels are compared in: lower case, with spaces, hyphens, underscores and other
 * punctuation dropped, so "Team-work", "team work" and "TEAMWORK" are one label. Spreadsheet
 * exports spell the same framework term all of these ways.
 */
export function competencyKey(label: string): string {
  return label
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The core competency a label names, or null when it is not one of the six. */
export function recogniseCompetency(label: string, synonyms: CompetencySynonyms): Competency | null {
  return synonyms.get(competencyKey(label)) ?? null;
}

// Every competency must be listed (an empty entry is fine) and no other key is allowed, so a typo
// in a competency's name is caught instead of silently dropping its labels.
const SynonymFileSchema = z.record(CompetencySchema, z.array(z.string().trim().min(1).max(80)).nullable());

/**
 * Reads and checks the synonym table. A label listed under two competencies, an unknown
 * competency or invalid YAML stops the command with a message naming the file.
 */
export function loadCompetencySynonyms(filePath = DEFAULT_COMPETENCY_SYNONYMS_PATH): CompetencySynonyms {
  const invalid = (problem: string) =>
    new ConfigError(`Invalid competency synonyms in ${filePath}: ${problem}`);
  const document = parseDocument(readFileSync(filePath, "utf8"));
  if (document.errors.length > 0) throw invalid(document.errors.map((error) => error.message).join("; "));
  const parsed = SynonymFileSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) throw invalid(z.prettifyError(parsed.error));

  const synonyms = new Map<string, Competency>();
  const problems: string[] = [];
  for (const competency of CompetencySchema.options) {
    for (const label of [competency, ...(parsed.data[competency] ?? [])]) {
      const key = competencyKey(label);
      const earlier = synonyms.get(key);
      if (key === "") problems.push(`"${label}" has no letters`);
      else if (earlier !== undefined && earlier !== competency) {
        problems.push(`"${label}" is listed under both ${earlier} and ${competency}`);
      } else synonyms.set(key, competency);
    }
  }
  if (problems.length > 0) throw invalid(problems.join("; "));
  return synonyms;
}
