import type { ViewOutput } from "@slack/bolt";
import type { ModalView, PlainTextOption } from "@slack/types";
import { z } from "zod";
import { DEFAULT_QUESTIONS, MAX_QUESTIONS } from "../../src/core/model/interview-options.ts";
import {
  type Difficulty,
  DifficultySchema,
  type InterviewMode,
  InterviewModeSchema,
  type Persona,
  PersonaSchema,
  type Stage,
  StageSchema,
} from "../../src/core/model/interview-vocabulary.ts";

/** The modal's callback id; Bolt routes its view_submission to us by it. */
export const START_CALLBACK_ID = "sr_start";

/** Block ids, which are also where `response_action: "errors"` puts each message. */
export const START_BLOCKS = {
  role: "role",
  company: "company",
  stage: "stage",
  questions: "questions",
  persona: "persona",
  mode: "mode",
  difficulty: "difficulty",
  jobDescription: "job_description",
  cv: "cv",
} as const;

/** Every input's action id: one input per block, so the block id alone says which field it is. */
const VALUE = "value";

/** As InterviewOptionsSchema allows. */
const MAX_NAME_CHARS = 120;
/** Slack's own cap on a plain-text input. */
export const MAX_JOB_DESCRIPTION_CHARS = 3000;
/** The document reader refuses larger files; saying so in the form saves a download. */
export const MAX_CV_BYTES = 5 * 1024 * 1024;
/** Types the document reader understands (it sniffs the bytes; this only guides the file picker). */
const CV_FILE_TYPES = ["pdf", "docx", "txt", "md"];

const STAGE_LABELS: Record<Stage, string> = {
  first: "First round",
  second: "Second round",
  final: "Final round",
};

const PERSONA_LABELS: Record<Persona, string> = {
  "hiring-manager": "Hiring manager",
  "department-head": "Head of department",
  "director-hr": "HR director",
};

const MODE_LABELS: Record<InterviewMode, string> = {
  realistic: "Realistic: feedback at the end",
  practice: "Practice: feedback after each answer, try again",
};

const DIFFICULTY_LABELS: Record<Difficulty, string> = {
  supportive: "Supportive",
  standard: "Standard",
  tough: "Tough panel",
};

const MetadataSchema = z.object({ channel: z.string().regex(/^[A-Z0-9]+$/) });

function option(text: string, value: string): PlainTextOption {
  return { text: { type: "plain_text", text, emoji: false }, value };
}

function plainText(text: string) {
  return { type: "plain_text" as const, text, emoji: false };
}

/** The /interview start form. `private_metadata` remembers the channel the command came from. */
export function startModal(channelId: string): ModalView {
  const stageOptions = StageSchema.options.map((stage) => option(STAGE_LABELS[stage], stage));
  const personaOptions = PersonaSchema.options.map((persona) => option(PERSONA_LABELS[persona], persona));
  const modeOptions = InterviewModeSchema.options.map((mode) => option(MODE_LABELS[mode], mode));
  const difficultyOptions = DifficultySchema.options.map((level) => option(DIFFICULTY_LABELS[level], level));
  return {
    type: "modal",
    callback_id: START_CALLBACK_ID,
    title: plainText("Mock interview"),
    submit: plainText("Start"),
    close: plainText("Cancel"),
    private_metadata: JSON.stringify({ channel: channelId }),
    blocks: [
      {
        type: "input",
        block_id: START_BLOCKS.role,
        label: plainText("Role"),
        element: {
          type: "plain_text_input",
          action_id: VALUE,
          max_length: MAX_NAME_CHARS,
          placeholder: plainText("e.g. Graduate Data Analyst"),
        },
      },
      {
        type: "input",
        block_id: START_BLOCKS.company,
        label: plainText("Company"),
        element: {
          type: "plain_text_input",
          action_id: VALUE,
          max_length: MAX_NAME_CHARS,
          placeholder: plainText("e.g. Monzo"),
        },
      },
      {
        type: "input",
        block_id: START_BLOCKS.stage,
        label: plainText("Round"),
        element: {
          type: "static_select",
          action_id: VALUE,
          options: stageOptions,
          initial_option: stageOptions[0],
        },
      },
      {
        type: "input",
        block_id: START_BLOCKS.questions,
        label: plainText("Number of questions"),
        hint: plainText(`1 to ${MAX_QUESTIONS}, plus a follow-up now and then and time for your questions.`),
        element: {
          type: "number_input",
          action_id: VALUE,
          is_decimal_allowed: false,
          min_value: "1",
          max_value: String(MAX_QUESTIONS),
          initial_value: String(DEFAULT_QUESTIONS),
        },
      },
      {
        type: "input",
        block_id: START_BLOCKS.persona,
        label: plainText("Interviewer"),
        element: {
          type: "static_select",
          action_id: VALUE,
          options: personaOptions,
          initial_option: personaOptions[0],
        },
      },
      {
        type: "input",
        block_id: START_BLOCKS.mode,
        label: plainText("Feedback"),
        element: {
          type: "static_select",
          action_id: VALUE,
          options: modeOptions,
          initial_option: modeOptions[0],
        },
      },
      {
        type: "input",
        block_id: START_BLOCKS.difficulty,
        label: plainText("Follow-up questions"),
        hint: plainText("How hard the panel probes what your answers leave out."),
        element: {
          type: "static_select",
          action_id: VALUE,
          options: difficultyOptions,
          initial_option: difficultyOptions[1],
        },
      },
      {
        type: "input",
        block_id: START_BLOCKS.jobDescription,
        optional: true,
        label: plainText("Job description"),
        hint: plainText("Paste the advert; the AI coach uses it to choose questions."),
        element: {
          type: "plain_text_input",
          action_id: VALUE,
          multiline: true,
          max_length: MAX_JOB_DESCRIPTION_CHARS,
        },
      },
      {
        type: "input",
        block_id: START_BLOCKS.cv,
        optional: true,
        label: plainText("Your CV"),
        hint: plainText("PDF, Word (.docx), text or Markdown, up to 5 MB. You'll see what I understood."),
        element: { type: "file_input", action_id: VALUE, filetypes: CV_FILE_TYPES, max_files: 1 },
      },
    ],
  };
}

/** An uploaded CV as the submission names it; downloaded later with the bot token. */
export interface SubmittedFile {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly url: string;
}

export interface StartSubmission {
  readonly channelId: string;
  readonly role: string;
  readonly company: string;
  readonly stage: Stage;
  readonly questionCount: number;
  readonly persona: Persona;
  readonly mode: InterviewMode;
  readonly difficulty: Difficulty;
  readonly jobDescription: string | null;
  readonly cv: SubmittedFile | null;
}

export type ParsedSubmission =
  | { readonly ok: true; readonly submission: StartSubmission }
  /** Messages per block id, for `ack({ response_action: "errors", errors })`. */
  | { readonly ok: false; readonly errors: Record<string, string> };

/**
 * Reads and checks the submitted form quickly (it runs before the 3-second ack). Slack's client
 * enforces most limits already; these checks are for what it does not, and for forged payloads.
 */
export function parseStartSubmission(view: ViewOutput): ParsedSubmission {
  const values = view.state.values;
  const field = (block: string) => values[block]?.[VALUE];
  const errors: Record<string, string> = {};

  const role = (field(START_BLOCKS.role)?.value ?? "").trim();
  if (role === "") errors[START_BLOCKS.role] = "Which role are you interviewing for?";
  else if (role.length > MAX_NAME_CHARS) errors[START_BLOCKS.role] = `At most ${MAX_NAME_CHARS} characters.`;

  const company = (field(START_BLOCKS.company)?.value ?? "").trim();
  if (company === "") errors[START_BLOCKS.company] = "Which company is it with?";
  else if (company.length > MAX_NAME_CHARS)
    errors[START_BLOCKS.company] = `At most ${MAX_NAME_CHARS} characters.`;

  const stage = StageSchema.safeParse(field(START_BLOCKS.stage)?.selected_option?.value ?? "first");
  if (!stage.success) errors[START_BLOCKS.stage] = "Choose one of the rounds.";

  const persona = PersonaSchema.safeParse(
    field(START_BLOCKS.persona)?.selected_option?.value ?? "hiring-manager",
  );
  if (!persona.success) errors[START_BLOCKS.persona] = "Choose one of the interviewers.";

  // Forms opened before these fields existed, and forged payloads without them, get the defaults.
  const mode = InterviewModeSchema.safeParse(field(START_BLOCKS.mode)?.selected_option?.value ?? "realistic");
  if (!mode.success) errors[START_BLOCKS.mode] = "Choose realistic or practice.";
  const difficulty = DifficultySchema.safeParse(
    field(START_BLOCKS.difficulty)?.selected_option?.value ?? "standard",
  );
  if (!difficulty.success) errors[START_BLOCKS.difficulty] = "Choose how hard the follow-ups are.";

  const countText = (field(START_BLOCKS.questions)?.value ?? String(DEFAULT_QUESTIONS)).trim();
  const questionCount = /^\d{1,2}$/.test(countText) ? Number(countText) : Number.NaN;
  if (!(questionCount >= 1 && questionCount <= MAX_QUESTIONS))
    errors[START_BLOCKS.questions] = `A whole number from 1 to ${MAX_QUESTIONS}.`;

  const jobDescription = (field(START_BLOCKS.jobDescription)?.value ?? "").trim();
  if (jobDescription.length > MAX_JOB_DESCRIPTION_CHARS)
    errors[START_BLOCKS.jobDescription] =
      `At most ${MAX_JOB_DESCRIPTION_CHARS.toLocaleString("en-GB")} characters.`;

  const files = field(START_BLOCKS.cv)?.files ?? [];
  const file = files[0];
  const cv: SubmittedFile | null = file
    ? { id: file.id, name: file.name ?? "CV", size: file.size ?? 0, url: file.url_private_download ?? "" }
    : null;
  if (files.length > 1) errors[START_BLOCKS.cv] = "Attach one file only.";
  else if (cv && cv.size > MAX_CV_BYTES) errors[START_BLOCKS.cv] = "This file is larger than the 5 MB limit.";
  else if (cv && cv.url === "") errors[START_BLOCKS.cv] = "Slack didn't share this file with me; try again.";

  const metadata = parseMetadata(view.private_metadata);
  if (!metadata) errors[START_BLOCKS.role] ??= "This form has expired; please send /interview start again.";

  if (
    Object.keys(errors).length > 0 ||
    !metadata ||
    !stage.success ||
    !persona.success ||
    !mode.success ||
    !difficulty.success
  )
    return { ok: false, errors };
  return {
    ok: true,
    submission: {
      channelId: metadata.channel,
      role,
      company,
      stage: stage.data,
      questionCount,
      persona: persona.data,
      mode: mode.data,
      difficulty: difficulty.data,
      jobDescription: jobDescription === "" ? null : jobDescription,
      cv,
    },
  };
}

function parseMetadata(text: string): z.infer<typeof MetadataSchema> | null {
  try {
    const parsed = MetadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
