import type { Readable, Writable } from "node:stream";
import { text } from "node:stream/consumers";
import { z } from "zod";
import { adhocQuestion } from "../coach/adhoc-question.ts";
import type { Coach } from "../core/coach-port.ts";
import { InterviewOptionsSchema } from "../core/interview-options.ts";
import { CompetencySchema, QuestionKindSchema } from "../core/interview-vocabulary.ts";
import { sanitizeText } from "../core/sanitize-text.ts";

export const EVALUATE_USAGE = `Usage: secondround evaluate [--coach offline|llm] < answers.jsonl
Reads one JSON object, a JSON array, or JSON Lines of
  { "question": "...", "answer": "...", "competency"?: "leadership|conflict|failure|pressure|collaboration|initiative", "kind"?: "behavioural|motivation|culture-fit|practical|revisit" }
and prints one evaluation JSON per input line (see README, "Evaluation JSON").`;

const EvaluateInputSchema = z.object({
  question: z.string().trim().min(1).max(1000),
  answer: z.string().max(100_000),
  competency: CompetencySchema.optional(),
  kind: QuestionKindSchema.exclude(["closing"]).optional(),
  role: z.string().max(120).optional(),
  company: z.string().max(120).optional(),
});

/** Batch assessment of answers; exit code 1 if any input could not be read. */
export async function evaluateCommand(input: Readable, output: Writable, coach: Coach): Promise<number> {
  const records = splitRecords(await text(input));
  let failures = 0;
  for (const [index, record] of records.entries()) {
    const line = index + 1;
    const parsed = EvaluateInputSchema.safeParse(record.value);
    if (record.error !== undefined || !parsed.success) {
      failures += 1;
      const error = record.error ?? z.prettifyError((parsed as { error: z.ZodError }).error);
      output.write(`${JSON.stringify({ input: line, error })}\n`);
      continue;
    }
    const item = parsed.data;
    const question = adhocQuestion(
      `input-${line}`,
      sanitizeText(item.question),
      item.competency ?? null,
      item.kind,
    );
    const options = InterviewOptionsSchema.parse({
      role: item.role ?? "the role",
      company: item.company ?? "the company",
    });
    const evaluation = await coach.evaluateAnswer({
      question,
      answerText: sanitizeText(item.answer),
      options,
    });
    output.write(`${JSON.stringify({ input: line, ...evaluation })}\n`);
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
  if (trimmed === "") return [];
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
