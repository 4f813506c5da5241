import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * The labelled calibration corpus: answers written and scored by experienced interviewers,
 * independently of the rubric. `held-out.jsonl` is never used for tuning; the other files are.
 */

const PresentSchema = z.object({
  situation: z.boolean(),
  task: z.boolean(),
  action: z.boolean(),
  result: z.boolean(),
  quantifiedResult: z.boolean(),
  ownAction: z.boolean(),
  reflection: z.boolean(),
});
export type PresentParts = z.infer<typeof PresentSchema>;

const LabelSchema = z.union([
  z.object({
    scorable: z.literal(true),
    score: z.number().int().min(0).max(100),
    band: z.enum(["Not yet", "Almost", "Ready"]),
  }),
  z.object({
    scorable: z.literal(false),
    reason: z.enum(["empty", "too-short", "gibberish", "off-topic"]),
  }),
]);

export const CalibrationRecordSchema = z.object({
  id: z.string(),
  question: z.string(),
  kind: z.enum(["behavioural", "revisit", "motivation", "culture-fit", "practical", "candidate-questions"]),
  competency: z.string().nullable().optional(),
  role: z.string(),
  company: z.string(),
  answer: z.string(),
  language: z.string().default("en"),
  category: z.enum(["ordinary", "strong", "weak", "off-question", "junk", "manipulation", "non-english"]),
  pair: z.string().optional(),
  manipulationOf: z.string().optional(),
  label: LabelSchema,
  present: PresentSchema.optional(),
});
export type CalibrationRecord = z.infer<typeof CalibrationRecordSchema>;

export const CORPUS_FILES = {
  tuning: ["tuning-a.jsonl", "tuning-b.jsonl"],
  "held-out": ["held-out.jsonl"],
} as const;
export type CorpusPart = keyof typeof CORPUS_FILES;

export function readCorpus(part: CorpusPart): CalibrationRecord[] {
  return CORPUS_FILES[part].flatMap((file) =>
    readFileSync(new URL(`./corpus/${file}`, import.meta.url), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line, index) => {
        const parsed = CalibrationRecordSchema.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(`${file}:${index + 1}: ${z.prettifyError(parsed.error)}`);
        return parsed.data;
      }),
  );
}

export function bandOf(score: number): "Not yet" | "Almost" | "Ready" {
  return score >= 75 ? "Ready" : score >= 55 ? "Almost" : "Not yet";
}
