import OpenAI from "openai";
import { afterAll, describe, expect, it } from "vitest";
import { FallbackCoach } from "../../../src/coach/fallback-coach.ts";
import { createOfflineCoach } from "../../../src/coach/offline-coach.ts";
import { OpenAICoach } from "../../../src/coach/openai/openai-coach.ts";
import { loadPromptLibrary } from "../../../src/coach/prompt-library.ts";
import { CoachError } from "../../../src/core/model/errors.ts";
import { type Evaluation, EvaluationSchema } from "../../../src/core/model/evaluation.ts";
import { sanitizeText } from "../../../src/core/model/sanitize-text.ts";
import type { Coach } from "../../../src/core/ports/coach-port.ts";
import type { ChatRequestBody } from "../../emulators/openai/index.ts";
import { silentLogger } from "../../support/engine-harness.ts";
import { useOpenAIEmulator } from "../../support/use-openai-emulator.ts";
import { messagesOf, userPrompt } from "./emulated-model.ts";
import { ANSWERS, type FuzzCase, fuzzCases } from "./evaluation-fuzz-corpus.ts";

/**
 * Requirement 13: fuzzed model outputs for the evaluate-answer task, served by the emulator to
 * OpenAICoach.evaluateAnswer directly and through FallbackCoach. Nothing invalid may be returned
 * as an AI evaluation: every returned evaluation passes EvaluationSchema, keeps only verbatim quotes
 * and integer scores in range (or null), and invalid outputs end as a CoachError (direct) or an
 * evaluation labelled as the offline fallback.
 */

const SEED = 13_013;
const RANDOM_CASES = 360;
const CONCURRENCY = 8;
const CASES = fuzzCases(SEED, RANDOM_CASES);
const CASE_MARKER = /\[fuzz case (\d+)\]/;
/** Every fourth case also goes through FallbackCoach (the whole corpus twice would not fit in 30 s). */
const FALLBACK_CASES = CASES.filter((fuzzCase) => fuzzCase.id % 4 === 0);

const emulator = useOpenAIEmulator();
const prompts = loadPromptLibrary();

function aiCoach(): OpenAICoach {
  const client = new OpenAI({
    apiKey: "test",
    baseURL: `${emulator().url}/v1`,
    maxRetries: 0,
    timeout: 10_000,
  });
  return new OpenAICoach({
    client,
    prompts,
    models: { questions: "m-q", turn: "m-t", evaluation: "m-e", report: "m-r" },
  });
}

/** Serves each case's first reply, and its second to the re-ask (which carries the first back). */
function serveCases(): void {
  const reply = (body: ChatRequestBody) => {
    const id = Number(CASE_MARKER.exec(userPrompt(body))?.[1]);
    const fuzzCase = CASES[id];
    if (!fuzzCase) throw new Error(`no fuzz case ${id}`);
    return messagesOf(body).length > 2 ? fuzzCase.second : fuzzCase.first;
  };
  emulator().script(...Array.from({ length: CASES.length * 2 + 100 }, () => reply));
}

type Outcome = { evaluation: Evaluation } | { error: unknown };

async function run(coach: Coach, fuzzCase: FuzzCase): Promise<Outcome> {
  const question = {
    ...fuzzCase.answer.question,
    text: `[fuzz case ${fuzzCase.id}] ${fuzzCase.answer.question.text}`,
  };
  try {
    return {
      evaluation: await coach.evaluateAnswer({
        question,
        answerText: fuzzCase.answer.text,
        options: fuzzCase.answer.options,
      }),
    };
  } catch (error) {
    return { error };
  }
}

async function runAll(coach: Coach, cases: readonly FuzzCase[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(cases.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < cases.length) {
        const index = next++;
        const fuzzCase = cases[index];
        if (fuzzCase) outcomes[index] = await run(coach, fuzzCase);
      }
    }),
  );
  return outcomes;
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

/** The invariants every stored evaluation must meet, whichever coach produced it. */
function checkEvaluation(evaluation: Evaluation, fuzzCase: FuzzCase): void {
  const label = `case ${fuzzCase.id} (${fuzzCase.family}: ${fuzzCase.description})`;
  const parsed = EvaluationSchema.safeParse(evaluation);
  expect(parsed.success, `${label}: ${parsed.error?.message}`).toBe(true);
  // The coach judges the answer as stored (sanitised), which is also what quotes must come from.
  const answer = sanitizeText(fuzzCase.answer.text);
  for (const item of evaluation.evidence) expect(answer, label).toContain(item.quote);
  for (const part of Object.values(evaluation.star)) {
    if (part.evidence !== null) expect(answer, label).toContain(part.evidence);
  }
  if (evaluation.score !== null) {
    expect(Number.isInteger(evaluation.score), label).toBe(true);
    expect(evaluation.score, label).toBeGreaterThanOrEqual(0);
    expect(evaluation.score, label).toBeLessThanOrEqual(100);
  }
  if (!evaluation.scorable) expect(evaluation.score, label).toBeNull();
  for (const text of strings(evaluation))
    expect(text.isWellFormed(), `${label}: lone surrogate in ${JSON.stringify(text.slice(0, 40))}`).toBe(
      true,
    );
  expect(({} as Record<string, unknown>).polluted, label).toBeUndefined();
}

const figures = {
  cases: CASES.length,
  fuzzedReplies: 0,
  direct: { kept: 0, rejected: 0, failures: new Map<string, number>() },
  fallback: { ai: 0, offline: 0 },
  markupKept: 0,
  /** Scores the AI coach kept for an answer the rubric calls junk (the model's scorability is trusted). */
  junkScored: [] as number[],
  families: new Map<string, number>(),
  wallMs: 0,
};

afterAll(() => {
  const table = (map: Map<string, number>) =>
    [...map.entries()].map(([key, count]) => `${key}=${count}`).join(", ");
  console.log(
    [
      `[output-validation-fuzz] ${figures.cases} cases, ${figures.fuzzedReplies} fuzzed model outputs served, ${Math.round(figures.wallMs)} ms`,
      `  families: ${table(figures.families)}`,
      `  OpenAICoach direct: ${figures.direct.kept} AI evaluations kept (all schema-valid), ${figures.direct.rejected} rejected as CoachError (${table(figures.direct.failures)})`,
      `  through FallbackCoach (${FALLBACK_CASES.length} cases, every fourth): ${figures.fallback.ai} AI evaluations, ${figures.fallback.offline} labelled offline fallbacks`,
      `  ${figures.markupKept} kept evaluations carry mention/markdown payloads as plain text (neutralised when rendered)`,
      `  junk answer ("asdf jkl qwer") scored by the model and kept: ${figures.junkScored.join(", ") || "never"}`,
    ].join("\n"),
  );
});

/** About 15 s alone; the suite running twice on two cores made one test of it take 120 s. */
const FUZZ_TIMEOUT_MS = 300_000;

describe("output validation fuzz (requirement 13)", () => {
  it("generates at least 1,000 fuzzed outputs over every answer fixture", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(CASES.map((fuzzCase) => fuzzCase.answer.name))).toEqual(
      new Set(ANSWERS.map((answer) => answer.name)),
    );
    for (const answer of ANSWERS) expect(sanitizeText(answer.text)).toBe(answer.text);
    for (const fuzzCase of CASES)
      figures.families.set(fuzzCase.family, (figures.families.get(fuzzCase.family) ?? 0) + 1);
  });

  it(
    "OpenAICoach returns only schema-valid evaluations, and a CoachError for invalid output",
    async () => {
      serveCases();
      const started = performance.now();
      const outcomes = await runAll(aiCoach(), CASES);
      figures.wallMs += performance.now() - started;
      figures.fuzzedReplies = emulator().requests.length;
      CASES.forEach((fuzzCase, index) => {
        const outcome = outcomes[index];
        const label = `case ${fuzzCase.id} (${fuzzCase.family}: ${fuzzCase.description})`;
        if (!outcome) throw new Error(`${label}: no outcome`);
        if ("evaluation" in outcome) {
          expect(fuzzCase.expect, `${label} was kept`).not.toBe("rejected");
          checkEvaluation(outcome.evaluation, fuzzCase);
          expect(outcome.evaluation.coach, label).toBe("llm");
          expect(outcome.evaluation.fallbackReason, label).toBeNull();
          if (fuzzCase.score !== undefined) expect(outcome.evaluation.score, label).toBe(fuzzCase.score);
          if (fuzzCase.family === "markup") figures.markupKept += 1;
          if (fuzzCase.family === "junk" && outcome.evaluation.score !== null)
            figures.junkScored.push(outcome.evaluation.score);
          figures.direct.kept += 1;
        } else {
          expect(fuzzCase.expect, `${label} was rejected: ${String(outcome.error)}`).not.toBe("kept");
          expect(outcome.error, label).toBeInstanceOf(CoachError);
          expect(outcome.error, label).not.toBeInstanceOf(TypeError);
          const failure = (outcome.error as CoachError).failure;
          expect(["invalid-output", "refused"], `${label}: ${String(outcome.error)}`).toContain(failure);
          figures.direct.failures.set(failure, (figures.direct.failures.get(failure) ?? 0) + 1);
          figures.direct.rejected += 1;
        }
      });
      expect(emulator().requests.length).toBeGreaterThanOrEqual(1000);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    "through FallbackCoach every sampled case ends as a valid AI evaluation or a labelled offline fallback",
    async () => {
      serveCases();
      const coach = new FallbackCoach(aiCoach(), createOfflineCoach(), silentLogger());
      const started = performance.now();
      const outcomes = await runAll(coach, FALLBACK_CASES);
      figures.wallMs += performance.now() - started;
      FALLBACK_CASES.forEach((fuzzCase, index) => {
        const outcome = outcomes[index];
        const label = `case ${fuzzCase.id} (${fuzzCase.family}: ${fuzzCase.description})`;
        if (!outcome || !("evaluation" in outcome)) throw new Error(`${label}: FallbackCoach threw`);
        const { evaluation } = outcome;
        checkEvaluation(evaluation, fuzzCase);
        if (evaluation.coach === "llm") {
          expect(fuzzCase.expect, label).not.toBe("rejected");
          expect(evaluation.fallbackReason, label).toBeNull();
          figures.fallback.ai += 1;
        } else {
          expect(fuzzCase.expect, label).not.toBe("kept");
          expect(evaluation.fallbackReason, label).toMatch(
            /^The AI coach(?:'s reply did not pass our checks| declined the request), so the offline coach assessed this answer\.$/,
          );
          figures.fallback.offline += 1;
        }
      });
    },
    FUZZ_TIMEOUT_MS,
  );
});
