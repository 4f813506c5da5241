import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../core/errors.ts";

/** The LLM coach's prompt templates shipped with the app: `<task>.system.md` and `<task>.user.md`. */
export const DEFAULT_PROMPT_DIRECTORY = path.resolve(import.meta.dirname, "../../prompts/llm");

/** The shared rubric; the library fills `{{rubric}}` in every system prompt with its full text. */
export const DEFAULT_RUBRIC_PATH = path.resolve(import.meta.dirname, "../../prompts/rubric.md");

/** One prompt pair per Coach port method. */
export const PROMPT_TASKS = [
  "plan-questions",
  "decide-follow-up",
  "evaluate-answer",
  "assess-candidate-questions",
  "summarise",
] as const;
export type PromptTask = (typeof PROMPT_TASKS)[number];

/**
 * The variables each task requires at render time; every one must appear in the task's system or
 * user prompt, and no other may. Candidate-supplied text (answer, cv, job_description,
 * candidate_questions, evaluations) belongs in the user prompt only, inside explicit tags.
 * Optional inputs (a CV that was not supplied) are passed as explicit text such as "(not provided)".
 */
export const PROMPT_PLACEHOLDERS = {
  "plan-questions": [
    "role",
    "company",
    "stage",
    "persona",
    "question_count",
    "focus",
    "cv",
    "job_description",
  ],
  "decide-follow-up": [
    "question",
    "question_kind",
    "competency",
    "answer",
    "company",
    "role",
    "persona",
    "probes_remaining",
  ],
  "evaluate-answer": ["question", "question_kind", "competency", "answer", "company", "role"],
  "assess-candidate-questions": ["candidate_questions", "company", "role"],
  summarise: ["evaluations", "company", "role", "stage"],
} as const satisfies Record<PromptTask, readonly string[]>;

/** Filled by the library itself, in system prompts only; callers never pass it. */
export const RUBRIC_PLACEHOLDER = "rubric";

export type PromptVariables<T extends PromptTask> = Readonly<
  Record<(typeof PROMPT_PLACEHOLDERS)[T][number], string>
>;

export interface RenderedPrompt {
  readonly system: string;
  readonly user: string;
}

export interface PromptLibrary {
  /**
   * The byte-identical start of every rendered system prompt: the role and the full rubric.
   * Mark the end of it as a cache breakpoint where the provider needs one.
   */
  readonly systemPrefix: string;
  /** Fill the task's templates. Values are inserted literally and never re-scanned for placeholders. */
  render<T extends PromptTask>(task: T, variables: PromptVariables<T>): RenderedPrompt;
}

type Segment = string | { readonly name: string };

interface Template {
  readonly file: string;
  readonly segments: readonly Segment[];
  readonly names: ReadonlySet<string>;
}

const PLACEHOLDER_AT = /\{\{([^{}\n]*)\}\}/y;
const PLACEHOLDER_NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split("\n").length;
}

/** Split a template into literal text and placeholders, recording every malformed "{{". */
function parseTemplate(file: string, text: string, problems: string[]): Template {
  const segments: Segment[] = [];
  const names = new Set<string>();
  let literalStart = 0;
  let index = text.indexOf("{{");
  while (index !== -1) {
    PLACEHOLDER_AT.lastIndex = index;
    const match = PLACEHOLDER_AT.exec(text);
    const name = match?.[1];
    if (match && name !== undefined && PLACEHOLDER_NAME.test(name)) {
      segments.push(text.slice(literalStart, index), { name });
      names.add(name);
      literalStart = index + match[0].length;
      index = text.indexOf("{{", literalStart);
    } else {
      const shown = match ? match[0] : text.slice(index, index + 20).split("\n")[0];
      problems.push(
        `${file}:${lineOf(text, index)}: malformed "{{" in ${JSON.stringify(shown)} (placeholders are {{lowercase_snake_case}})`,
      );
      index = text.indexOf("{{", index + 2);
    }
  }
  segments.push(text.slice(literalStart));
  return { file, segments, names };
}

function fill(template: Template, values: ReadonlyMap<string, string>): string {
  return template.segments
    .map((segment) => (typeof segment === "string" ? segment : (values.get(segment.name) ?? "")))
    .join("");
}

function readTemplate(directory: string, file: string, problems: string[]): Template | undefined {
  const filePath = path.join(directory, file);
  if (!existsSync(filePath)) {
    problems.push(`${file}: file is missing`);
    return undefined;
  }
  const text = readFileSync(filePath, "utf8");
  if (text.trim() === "") {
    problems.push(`${file}: file is empty`);
    return undefined;
  }
  return parseTemplate(file, text, problems);
}

/** The system template's literal text up to and including its first {{rubric}}. */
function prefixOf(template: Template): string | undefined {
  const end = template.segments.findIndex(
    (segment) => typeof segment !== "string" && segment.name === "rubric",
  );
  if (end === -1) return undefined;
  return template.segments
    .slice(0, end)
    .map((segment) => (typeof segment === "string" ? segment : `{{${segment.name}}}`))
    .join("");
}

function checkTask(
  task: PromptTask,
  system: Template | undefined,
  user: Template | undefined,
  problems: string[],
) {
  const declared: readonly string[] = PROMPT_PLACEHOLDERS[task];
  const list = declared.map((name) => `{{${name}}}`).join(", ");
  for (const template of [system, user]) {
    if (!template) continue;
    for (const name of template.names) {
      if (name === RUBRIC_PLACEHOLDER) {
        if (template === user)
          problems.push(`${template.file}: {{rubric}} belongs in the system prompt only`);
      } else if (!declared.includes(name)) {
        problems.push(
          `${template.file}: placeholder {{${name}}} is not declared for task "${task}" (declared: ${list})`,
        );
      }
    }
  }
  if (system && !system.names.has(RUBRIC_PLACEHOLDER)) {
    problems.push(`${system.file}: the system prompt must include {{rubric}} (after the shared role prefix)`);
  }
  // A missing file already has its own problem; an unused name is only reported once both were read.
  if (system && user) {
    for (const name of declared) {
      if (!system.names.has(name) && !user.names.has(name)) {
        problems.push(
          `${task}: declared placeholder {{${name}}} is used in neither ${system.file} nor ${user.file}`,
        );
      }
    }
  }
}

/**
 * Read and validate every prompt template once, at start-up. Throws one ConfigError listing every
 * problem (missing files, unknown or unused placeholders, malformed "{{", system prompts whose
 * shared prefix differs), so a broken prompt directory is fixed in one go.
 */
export function loadPromptLibrary(
  directory: string = DEFAULT_PROMPT_DIRECTORY,
  options: { readonly rubricPath?: string } = {},
): PromptLibrary {
  const rubricPath = options.rubricPath ?? DEFAULT_RUBRIC_PATH;
  const problems: string[] = [];
  if (!existsSync(directory)) {
    throw new ConfigError(`Invalid LLM prompts: prompt directory ${directory} does not exist`);
  }
  let rubric = "";
  if (existsSync(rubricPath)) rubric = readFileSync(rubricPath, "utf8").trimEnd();
  else problems.push(`${rubricPath}: rubric file is missing`);
  if (existsSync(rubricPath) && rubric === "") problems.push(`${rubricPath}: rubric file is empty`);

  const expected = new Set(PROMPT_TASKS.flatMap((task) => [`${task}.system.md`, `${task}.user.md`]));
  for (const file of readdirSync(directory).sort()) {
    if (file.endsWith(".md") && !expected.has(file)) {
      problems.push(
        `${file}: unknown prompt file (expected <task>.system.md or <task>.user.md for ${PROMPT_TASKS.join(", ")})`,
      );
    }
  }

  const templates = new Map<PromptTask, { system: Template; user: Template }>();
  let sharedPrefix: { readonly file: string; readonly text: string } | undefined;
  for (const task of PROMPT_TASKS) {
    const system = readTemplate(directory, `${task}.system.md`, problems);
    const user = readTemplate(directory, `${task}.user.md`, problems);
    checkTask(task, system, user, problems);
    const prefix = system && prefixOf(system);
    if (system && prefix !== undefined) {
      if (!sharedPrefix) sharedPrefix = { file: system.file, text: prefix };
      else if (prefix !== sharedPrefix.text) {
        problems.push(
          `${system.file}: the text before {{rubric}} differs from ${sharedPrefix.file}; every system prompt must start with the same prefix so provider prompt caching applies`,
        );
      }
    }
    if (system && user) templates.set(task, { system, user });
  }

  if (problems.length > 0) {
    throw new ConfigError(
      `Invalid LLM prompts in ${directory}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }

  const systemPrefix = `${sharedPrefix?.text ?? ""}${rubric}`;
  return {
    systemPrefix,
    render<T extends PromptTask>(task: T, variables: PromptVariables<T>): RenderedPrompt {
      const pair = templates.get(task);
      if (!pair) throw new ConfigError(`Unknown prompt task "${task}" (known: ${PROMPT_TASKS.join(", ")})`);
      const declared: readonly string[] = PROMPT_PLACEHOLDERS[task];
      const given = variables as Readonly<Record<string, unknown>>;
      const missing = declared.filter((name) => typeof given[name] !== "string");
      const extra = Object.keys(given).filter((name) => !declared.includes(name));
      if (missing.length > 0 || extra.length > 0) {
        const parts = [
          missing.length > 0 ? `missing ${missing.join(", ")}` : "",
          extra.length > 0 ? `undeclared ${extra.join(", ")}` : "",
        ].filter(Boolean);
        throw new ConfigError(`Prompt "${task}" rendered with wrong variables: ${parts.join("; ")}`);
      }
      const values = new Map<string, string>(declared.map((name) => [name, given[name] as string]));
      values.set(RUBRIC_PLACEHOLDER, rubric);
      return { system: fill(pair.system, values), user: fill(pair.user, values) };
    },
  };
}
