import type { Readable, Writable } from "node:stream";
import { text } from "node:stream/consumers";
import { CORE_COMPETENCIES } from "../core/model/interview-vocabulary.ts";
import type { Coach } from "../core/ports/coach-port.ts";
import { type CompetencySynonyms, loadCompetencySynonyms } from "./competency-synonyms.ts";
import { answerRequestFromRecord, EVALUATE_KINDS } from "./evaluate-input.ts";

const EXAMPLE_RECORD = JSON.stringify({
  question: "Describe a time you worked in a team.",
  answer: "On my placement I ...",
  competency: "teamwork",
});

export const EVALUATE_USAGE = `Usage: secondround evaluate [--coach offline|llm] < answers.jsonl
Assesses answers given on stdin as one JSON object, a JSON array, or JSON Lines, and prints one
evaluation JSON per input record, in order (see README, "Evaluation JSON").
  --coach offline|llm  offline: the built-in rubric, no network; llm: the AI coach (needs
                       OPENAI_API_KEY or OPENAI_BASE_URL). Default: the configured coach.
  -h, --help           this text
Input fields:
  question    required; the question as asked
  answer      required; the candidate's answer
  kind        ${EVALUATE_KINDS.join(" | ")}
              ("closing" = candidate-questions); inferred from the question's wording when omitted
  competency  any label. The six core competencies are recognised:
                ${CORE_COMPETENCIES.join(", ")}
              and so are common synonyms, ignoring case, spaces, hyphens and underscores
              (teamwork -> collaboration, resilience -> failure, ownership -> initiative, time
              management -> pressure; the table is prompts/competencies.yaml). Any other label is
              kept as competencyLabel with a warning, and the answer is judged on the question's
              wording.
  role, company  optional context
Exit status: 0 when every record was evaluated (warnings included), 1 when a record could not be
read or stdin was empty, 2 for a mistake in the options.
Example (answers.jsonl holds one record per line):
  ${EXAMPLE_RECORD}
  secondround evaluate --coach offline < answers.jsonl`;

const EMPTY_INPUT = `secondround evaluate: nothing to evaluate (stdin was empty).
Give one JSON object per line, each with at least "question" and "answer", for example:
  ${EXAMPLE_RECORD}
Run \`secondround evaluate --help\` for every field.`;

// Someone who types `secondround evaluate` at a prompt would otherwise face a silent cursor.
const TERMINAL_HINT =
  'Paste JSON lines ({"question": "...", "answer": "..."} one per line), then press Ctrl-D to evaluate them.';

export interface EvaluateIo {
  readonly input: Readable & { isTTY?: boolean };
  readonly output: Writable;
  /** Messages for the person running the command, kept out of the JSON on `output`. */
  readonly errors: Writable;
}

/**
 * Batch assessment of answers. Exit code 1 if stdin was empty or any record could not be read
 * (the others are still evaluated); warnings alone, such as an unrecognised competency, keep it 0.
 */
export async function evaluateCommand(
  io: EvaluateIo,
  // Only answers are judged here, so any coach (or a test's recording wrapper) will do.
  coach: Pick<Coach, "evaluateAnswer">,
  synonyms: CompetencySynonyms = loadCompetencySynonyms(),
): Promise<number> {
  if (io.input.isTTY) io.errors.write(`${TERMINAL_HINT}\n`);
  const raw = await text(io.input);
  if (raw.trim() === "") {
    io.errors.write(`${EMPTY_INPUT}\n`);
    return 1;
  }
  let failures = 0;
  for (const [index, record] of splitRecords(raw).entries()) {
    const position = index + 1;
    const mapped =
      record.error === undefined ? answerRequestFromRecord(record.value, position, synonyms) : null;
    if (mapped === null || !mapped.ok) {
      failures += 1;
      io.output.write(`${JSON.stringify({ input: position, error: mapped?.error ?? record.error })}\n`);
      continue;
    }
    const evaluation = await coach.evaluateAnswer(mapped.request);
    io.output.write(
      `${JSON.stringify({ input: position, ...mapped.echo, ...evaluation, warnings: mapped.warnings })}\n`,
    );
  }
  return failures > 0 ? 1 : 0;
}

interface RawRecord {
  readonly value?: unknown;
  readonly error?: string;
}

/** One JSON document (object or array) or JSON Lines; bad lines are reported, not fatal. */
function splitRecords(raw: string): RawRecord[] {
  const trimmed = raw.trim();
  try {
    const whole: unknown = JSON.parse(trimmed);
    return Array.isArray(whole) ? whole.map((value) => ({ value })) : [{ value: whole }];
  } catch {
    return trimmed
      .split(/\r?\n/)
      .filter((line) => line.trim() !== "")
      .map((line) => {
        try {
          return { value: JSON.parse(line) as unknown };
        } catch (error) {
          return { error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
        }
      });
  }
}
