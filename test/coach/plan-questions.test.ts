import { describe, expect, it } from "vitest";
import { planQuestions } from "../../src/coach/plan-questions.ts";
import {
  type BankEntry,
  DEFAULT_QUESTION_BANK_DIRECTORY,
  loadQuestionBank,
} from "../../src/coach/question-bank.ts";
import {
  type InterviewOptionsInput,
  InterviewOptionsSchema,
} from "../../src/core/model/interview-options.ts";
import { CORE_COMPETENCIES, type Stage } from "../../src/core/model/interview-vocabulary.ts";
import type { Question } from "../../src/core/model/question.ts";

const bank = loadQuestionBank(DEFAULT_QUESTION_BANK_DIRECTORY);
const STAGES: readonly Stage[] = ["first", "second", "final"];
const PERSONAS = ["hiring-manager", "department-head", "director-hr"] as const;
const SEEDS = Array.from({ length: 20 }, (_, index) => `session-${index}`);

function plan(options: Partial<InterviewOptionsInput>, seed = "session-1"): Question[] {
  const parsed = InterviewOptionsSchema.parse({ role: "Data Analyst", company: "Northwind", ...options });
  return planQuestions(bank, { options: parsed, seed });
}

const entryById = new Map<string, BankEntry>(bank.entries.map((entry) => [entry.id, entry]));
const competenciesOf = (questions: Question[]) =>
  questions.flatMap((question) =>
    (question.kind === "behavioural" || question.kind === "revisit") && question.competency
      ? [question.competency]
      : [],
  );

describe("planQuestions", () => {
  it.each(STAGES.flatMap((stage) => [1, 6, 12].map((count) => [stage, count] as const)))(
    "plans exactly the requested number of questions (%s round, %i questions)",
    (stage, questionCount) => {
      for (const persona of PERSONAS) {
        for (const seed of SEEDS) {
          expect(plan({ stage, questionCount, persona }, seed)).toHaveLength(questionCount);
        }
      }
    },
  );

  it("returns the same plan for the same seed", () => {
    for (const stage of STAGES) {
      expect(plan({ stage, questionCount: 8 }, "abc")).toEqual(plan({ stage, questionCount: 8 }, "abc"));
    }
  });

  it("varies the plan across seeds", () => {
    for (const stage of STAGES) {
      const plans = new Set(
        SEEDS.map((seed) =>
          plan({ stage }, seed)
            .map((question) => question.id)
            .join(","),
        ),
      );
      expect(plans.size).toBeGreaterThan(SEEDS.length / 2);
    }
  });

  it("never repeats a question and only uses questions tagged for the round", () => {
    for (const stage of STAGES) {
      for (const persona of PERSONAS) {
        for (const seed of SEEDS) {
          const ids = plan({ stage, persona, questionCount: 12 }, seed).map((question) => question.id);
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids.every((id) => entryById.get(id)?.stages.includes(stage))).toBe(true);
        }
      }
    }
  });

  it("fills the company and role placeholders in text and hint", () => {
    for (const stage of STAGES) {
      for (const seed of SEEDS) {
        for (const question of plan({ stage, questionCount: 12, persona: "director-hr" }, seed)) {
          expect(question.text).not.toContain("{");
          expect(question.hint).not.toContain("{");
        }
      }
    }
    const texts = SEEDS.flatMap((seed) => plan({ questionCount: 12 }, seed).map((question) => question.text));
    expect(texts.some((text) => text.includes("Northwind") || text.includes("Data Analyst"))).toBe(true);
  });

  it("opens a first-round interview with a motivation question", () => {
    for (const persona of PERSONAS) {
      for (const seed of SEEDS) {
        const [opener] = plan({ stage: "first", persona, questionCount: 6 }, seed);
        expect(opener?.kind).toBe("motivation");
        expect(entryById.get(opener?.id ?? "")?.staple).toBe(true);
      }
    }
  });

  it("includes a practical question in a final round of six or more questions, near the end", () => {
    for (const questionCount of [6, 9, 12]) {
      for (const persona of PERSONAS) {
        for (const seed of SEEDS) {
          const questions = plan({ stage: "final", persona, questionCount }, seed);
          expect(questions.some((question) => question.kind === "practical")).toBe(true);
          expect(questions.at(-1)?.kind).toBe("practical");
        }
      }
    }
  });

  it("mixes a second round: mostly behavioural, with revisits, a motivation and a practical question", () => {
    for (const seed of SEEDS) {
      const kinds = plan({ stage: "second", questionCount: 8 }, seed).map((question) => question.kind);
      expect(kinds.filter((kind) => kind === "revisit").length).toBeGreaterThanOrEqual(1);
      expect(kinds.filter((kind) => kind === "revisit").length).toBeLessThanOrEqual(2);
      expect(kinds.filter((kind) => kind === "motivation")).toHaveLength(1);
      expect(kinds.filter((kind) => kind === "practical")).toHaveLength(1);
      expect(kinds.filter((kind) => kind === "behavioural").length).toBeGreaterThanOrEqual(4);
    }
  });

  it("does not repeat a competency before all six have been asked", () => {
    for (const stage of STAGES) {
      for (const seed of SEEDS) {
        const competencies = competenciesOf(
          plan({ stage, questionCount: 12, persona: "department-head" }, seed),
        );
        const firstRound = competencies.slice(0, CORE_COMPETENCIES.length);
        expect(new Set(firstRound).size).toBe(firstRound.length);
      }
    }
  });

  it("asks focus competencies first and most often, while still covering others", () => {
    for (const seed of SEEDS) {
      const questions = plan({ stage: "first", questionCount: 10, focus: ["conflict", "failure"] }, seed);
      const competencies = competenciesOf(questions);
      expect(new Set(competencies.slice(0, 2))).toEqual(new Set(["conflict", "failure"]));
      const focusCount = competencies.filter((c) => c === "conflict" || c === "failure").length;
      expect(focusCount).toBeGreaterThan(competencies.length / 2);
      expect(competencies.some((c) => c !== "conflict" && c !== "failure")).toBe(true);
    }
  });

  it("gives an HR director more motivation and culture-fit questions than a head of department", () => {
    const softCount = (persona: (typeof PERSONAS)[number]) =>
      plan({ stage: "first", questionCount: 8, persona }).filter(
        (question) => question.kind === "motivation" || question.kind === "culture-fit",
      ).length;
    expect(softCount("director-hr")).toBeGreaterThan(softCount("department-head"));
  });

  it("has a head of department probe pressure early when there is no focus", () => {
    for (const seed of SEEDS) {
      const competencies = competenciesOf(plan({ stage: "first", persona: "department-head" }, seed));
      expect(competencies[0]).toBe("pressure");
    }
  });

  it("throws when the bank cannot fill the plan", () => {
    const tiny = { entries: bank.entries.filter((entry) => entry.kind === "motivation").slice(0, 2) };
    const options = InterviewOptionsSchema.parse({ role: "Analyst", company: "Acme", stage: "first" });
    expect(() => planQuestions(tiny, { options, seed: "x" })).toThrow(/cannot plan 6/);
  });
});
