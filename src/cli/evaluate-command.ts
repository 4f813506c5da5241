import type { Readable, Writable } from "node:stream";
import { text } from "node:stream/consumers";
import type { Coach } from "../core/ports/coach-port.ts";
import { type CompetencySynonyms, loadCompetencySynonyms } from "./competency-synonyms.ts";
import { answerRequestFromRecord } from "./evaluate-input.ts";
import { EXAMPLE_RECORD } from "./evaluate-usage.ts";

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
