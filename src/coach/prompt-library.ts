import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../core/model/errors.ts";
import { delimiterNamesIn, neutraliseDelimiters } from "./prompt-delimiters.ts";

/** The LLM coach's prompt templates shipped with the app: `<task>.system.md` and `<task>.user.md`. */
export const DEFAULT_PROMPT_DIRECTORY = path.resolve(import.meta.dirname, "../../prompts/llm");

/** The shared rubric; `{{rubric}}` in each system prompt becomes the sections its task needs. */
export const DEFAULT_RUBRIC_PATH = path.resolve(import.meta.dirname, "../../prompts/rubric.md");

/** One prompt pair per Coach port method. */
export const PROMPT_TASKS = [
  "plan-questions",
  "decide-follow-up",
  "evaluate-answer",
  "assess-candidate-questions",
  "summarise",
  "rewrite-story",
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
    "round_one",
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
    "difficulty",
  ],
  "evaluate-answer": ["question", "question_kind", "competency", "answer", "company", "role"],
  "assess-candidate-questions": ["candidate_questions", "company", "role"],
  summarise: ["evaluations", "company", "role", "stage"],
  "rewrite-story": ["question", "question_kind", "answer", "company", "role"],
} as const satisfies Record<PromptTask, readonly string[]>;

/** Filled by the library itself, in system prompts only; callers never pass it. */
export const RUBRIC_PLACEHOLDER = "rubric";

/**
 * The sections of prompts/rubric.md (their `## ` headings) each task's `{{rubric}}` receives, in the
 * rubric's own order. A task gets what it judges by and nothing else: every section costs its
 * tokens on every call (evaluate-answer runs once per answer). evaluate-answer gets every kind's
 * section rather than only its question's, so its system prompt stays one byte-stable prefix.
 */
export const RUBRIC_SECTIONS = {
  "plan-questions": ["Question kinds"],
  "decide-follow-up": ["Follow-up probes"],
  "evaluate-answer": [
    "Principles",
    "Bands",
    "Not scorable",
    "Behavioural and revisit questions: STAR",
    'Motivation questions ("Why us? Why this role?")',
    "Culture-fit questions",
    "Practical questions (salary, notice period, start date, logistics)",
    "Penalties and relevance",
    "Manipulation",
    "Evidence and feedback",
  ],
  "assess-candidate-questions": ["Candidate questions"],
  summarise: ["Bands", "Interview summary"],
  "rewrite-story": ["Behavioural and revisit questions: STAR"],
} as const satisfies Record<PromptTask, readonly string[]>;

/**
 * evaluate-answer is given the section for its question's kind only (the other kinds' sections
 * cost about 5,000 tokens per interview and judge nothing). Each kind's system prompt is still
 * byte-identical on every call for that kind, so provider prompt caching applies per kind.
 */
export const EVALUATION_KIND_SECTIONS: Readonly<Record<string, string>> = {
  behavioural: "Behavioural and revisit questions: STAR",
  revisit: "Behavioural and revisit questions: STAR",
  motivation: 'Motivation questions ("Why us? Why this role?")',
  "culture-fit": "Culture-fit questions",
  practical: "Practical questions (salary, notice period, start date, logistics)",
};
/** A kind with no section of its own (the closing question is never evaluated) reads as a story. */
const DEFAULT_EVALUATION_KIND = "behavioural";

/**
 * Sections no task receives, named so that a new rubric section is a start-up error until someone
 * decides which tasks need it. Closing answers are assessed by assess-candidate-questions, never by
 * evaluate-answer. Signals are how the offline coach measures specificity, ownership, relevance,
 * filler and length, and how it reads STAR parts from clauses; the AI coach judges those by their plain meaning, and the measured values and
 * flags are attached to its evaluations in code. The known limits are notes for people.
 */
export const RUBRIC_SECTIONS_NOT_SENT = [
  'Closing ("Do you have any questions for us?")',
  "Signals",
  "How the offline coach reads an answer",
  "Known limits of the offline coach",
] as const;

export type PromptVariables<T extends PromptTask> = Readonly<
  Record<(typeof PROMPT_PLACEHOLDERS)[T][number], string>
>;

export interface RenderedPrompt {
  readonly system: string;
  readonly user: string;
}

export interface PromptLibrary {
  /** The opening every task's system prompt shares: the role, the data rules and the reply format. */
  readonly systemPrefix: string;
  /** The tag names the prompts use to delimit data (and their short forms), neutralised in values. */
  readonly delimiters: ReadonlySet<string>;
  /**
   * The task's whole system prompt. It holds no per-call value, so it is byte-identical on every
   * call of the task: the prefix a provider caches. Mark its end as a cache breakpoint where the
   * provider needs one.
   */
  system(task: PromptTask, questionKind?: string): string;
  /**
   * Fill the task's templates. Values are inserted literally and never re-scanned for placeholders;
   * any tag in a value that names one of the prompts' own delimiters is neutralised first, so
   * candidate text cannot close (or open) a data block.
   */
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

/** The system template's literal text before its first {{rubric}}. */
function prefixOf(template: Template): string | undefined {
  const end = template.segments.findIndex(
    (segment) => typeof segment !== "string" && segment.name === RUBRIC_PLACEHOLDER,
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
      } else if (template === system) {
        problems.push(
          `${template.file}: {{${name}}} belongs in the user prompt; a system prompt takes only {{rubric}}, so it is byte-identical on every call and providers can cache it`,
        );
      }
    }
  }
  if (system) {
    const rubrics = system.segments.filter(
      (segment) => typeof segment !== "string" && segment.name === RUBRIC_PLACEHOLDER,
    ).length;
    if (rubrics === 0)
      problems.push(`${system.file}: the system prompt must include {{rubric}} (after the shared opening)`);
    if (rubrics > 1) problems.push(`${system.file}: {{rubric}} appears ${rubrics} times; once is enough`);
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
 * A section as the model receives it: the text as written, except that table rows lose the column
 * padding kept for people reading the file (about 100 tokens per evaluate-answer call).
 */
export function compactRubricSection(text: string): string {
  return text.replace(/^\|.*\|$/gm, (row) => row.replace(/ {2,}/g, " ").replace(/-{4,}/g, "---"));
}

/** The rubric's `## ` sections by heading, in order, each with its heading; the text before the first is for people. */
function parseRubric(file: string, text: string, problems: string[]): Map<string, string> {
  const sections = new Map<string, string>();
  const starts = [...text.matchAll(/^## +(.+?)[ \t]*$/gm)];
  for (const [index, match] of starts.entries()) {
    const heading = match[1] ?? "";
    const end = starts[index + 1]?.index ?? text.length;
    if (sections.has(heading)) {
      problems.push(`${file}:${lineOf(text, match.index)}: section "## ${heading}" appears twice`);
      continue;
    }
    sections.set(heading, compactRubricSection(text.slice(match.index, end).trim()));
  }
  return sections;
}

/**
 * Check RUBRIC_SECTIONS against the rubric: every named section exists, every section is sent to
 * some task or named as not sent, and no task's prompt refers to a section (as _Heading_) that the
 * task is not given. Returns each task's excerpt.
 */
function rubricExcerpts(
  file: string,
  sections: ReadonlyMap<string, string>,
  problems: string[],
): Map<string, string> {
  const where = "RUBRIC_SECTIONS in src/coach/prompt-library.ts";
  const excerpts = new Map<string, string>();
  const named = new Set<string>();
  for (const task of PROMPT_TASKS) {
    const wanted: readonly string[] = RUBRIC_SECTIONS[task];
    for (const heading of wanted) {
      named.add(heading);
      if (!sections.has(heading))
        problems.push(`${file}: no section "## ${heading}", which ${where} gives to "${task}"`);
    }
    for (const variant of variantsOf(task)) {
      const chosen = [...sections].filter(
        ([heading]) => wanted.includes(heading) && sectionFitsVariant(heading, variant),
      );
      excerpts.set(variantKey(task, variant), chosen.map(([, text]) => text).join("\n\n"));
    }
  }
  for (const heading of RUBRIC_SECTIONS_NOT_SENT) {
    if (!sections.has(heading))
      problems.push(`${file}: no section "## ${heading}", which RUBRIC_SECTIONS_NOT_SENT names`);
    if (named.has(heading))
      problems.push(`${where}: "${heading}" is both sent and in RUBRIC_SECTIONS_NOT_SENT`);
  }
  const notSent: readonly string[] = RUBRIC_SECTIONS_NOT_SENT;
  for (const heading of sections.keys()) {
    if (!named.has(heading) && !notSent.includes(heading)) {
      problems.push(
        `${file}: section "## ${heading}" is sent to no task; name it in ${where} or in RUBRIC_SECTIONS_NOT_SENT`,
      );
    }
  }
  return excerpts;
}

/** The system-prompt variants of a task: one per question kind for evaluate-answer, else one. */
function variantsOf(task: PromptTask): readonly string[] {
  return task === "evaluate-answer" ? Object.keys(EVALUATION_KIND_SECTIONS) : [""];
}

function variantKey(task: PromptTask, variant: string): string {
  return variant === "" ? task : `${task}:${variant}`;
}

/** A kind's own section goes to that kind's variant only; every other section to all variants. */
function sectionFitsVariant(heading: string, variant: string): boolean {
  const kindSections = Object.values(EVALUATION_KIND_SECTIONS);
  return variant === "" || !kindSections.includes(heading) || EVALUATION_KIND_SECTIONS[variant] === heading;
}

/** Sections a rendered system prompt refers to as _Heading_ without being given them. */
function missingReferences(
  system: string,
  task: PromptTask,
  sections: ReadonlyMap<string, string>,
): string[] {
  const given: readonly string[] = RUBRIC_SECTIONS[task];
  // A reference may be wrapped over two lines.
  const referred = [...system.matchAll(/(?<!\w)_([^_]+?)_(?!\w)/g)].map((match) =>
    (match[1] ?? "").replace(/\s+/g, " "),
  );
  return [...new Set(referred)].filter((heading) => sections.has(heading) && !given.includes(heading));
}

/**
 * Read and validate every prompt template and the rubric once, at start-up. Throws one ConfigError
 * listing every problem (missing files, unknown or unused placeholders, malformed "{{", system
 * prompts whose shared opening differs, rubric sections that are missing, unassigned or referred
 * to without being given), so a broken prompt directory is fixed in one go.
 */
export function loadPromptLibrary(
  directory: string = DEFAULT_PROMPT_DIRECTORY,
  options: { readonly rubricPath?: string } = {},
): PromptLibrary {
  const rubricPath = options.rubricPath ?? DEFAULT_RUBRIC_PATH;
  const rubricFile = path.basename(rubricPath);
  const problems: string[] = [];
  if (!existsSync(directory)) {
    throw new ConfigError(`Invalid LLM prompts: prompt directory ${directory} does not exist`);
  }
  let rubric = "";
  if (existsSync(rubricPath)) rubric = readFileSync(rubricPath, "utf8").trimEnd();
  else problems.push(`${rubricPath}: rubric file is missing`);
  if (existsSync(rubricPath) && rubric === "") problems.push(`${rubricPath}: rubric file is empty`);
  const sections = parseRubric(rubricFile, rubric, problems);
  const excerpts = rubric === "" ? new Map<string, string>() : rubricExcerpts(rubricFile, sections, problems);

  const expected = new Set(PROMPT_TASKS.flatMap((task) => [`${task}.system.md`, `${task}.user.md`]));
  for (const file of readdirSync(directory).sort()) {
    if (file.endsWith(".md") && !expected.has(file)) {
      problems.push(
        `${file}: unknown prompt file (expected <task>.system.md or <task>.user.md for ${PROMPT_TASKS.join(", ")})`,
      );
    }
  }

  const templates = new Map<PromptTask, { systems: Map<string, string>; user: Template }>();
  const delimiters = new Set<string>();
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
          `${system.file}: the text before {{rubric}} differs from ${sharedPrefix.file}; every system prompt must open with the same role, data rules and reply format`,
        );
      }
    }
    for (const template of [system, user]) {
      for (const segment of template?.segments ?? []) {
        if (typeof segment === "string") for (const name of delimiterNamesIn(segment)) delimiters.add(name);
      }
    }
    if (system && user) {
      // A system prompt takes only {{rubric}} (checked above), so each variant is rendered once, here.
      const systems = new Map<string, string>();
      for (const variant of variantsOf(task)) {
        const excerpt = excerpts.get(variantKey(task, variant)) ?? "";
        const rendered = fill(system, new Map([[RUBRIC_PLACEHOLDER, excerpt]]));
        for (const heading of missingReferences(rendered, task, sections)) {
          problems.push(
            `${system.file}: refers to the rubric's _${heading}_ section, which RUBRIC_SECTIONS does not give to "${task}"`,
          );
        }
        systems.set(variant, rendered);
      }
      templates.set(task, { systems, user });
    }
  }

  if (problems.length > 0) {
    throw new ConfigError(
      `Invalid LLM prompts in ${directory}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }

  return {
    systemPrefix: sharedPrefix?.text ?? "",
    delimiters,
    system(task: PromptTask, questionKind?: string): string {
      const pair = templates.get(task);
      if (!pair) throw new ConfigError(`Unknown prompt task "${task}" (known: ${PROMPT_TASKS.join(", ")})`);
      return systemFor(pair.systems, task, questionKind);
    },
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
      const values = new Map<string, string>(
        declared.map((name) => [name, neutraliseDelimiters(given[name] as string, delimiters)]),
      );
      const system = systemFor(pair.systems, task, values.get("question_kind"));
      return { system, user: fill(pair.user, values) };
    },
  };
}

/** The task's system prompt; for evaluate-answer, the one for the question's kind. */
function systemFor(
  systems: ReadonlyMap<string, string>,
  task: PromptTask,
  questionKind: string | undefined,
): string {
  if (task !== "evaluate-answer") return systems.get("") ?? "";
  const kind =
    questionKind !== undefined && systems.has(questionKind) ? questionKind : DEFAULT_EVALUATION_KIND;
  return systems.get(kind) ?? "";
}
