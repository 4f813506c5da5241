import { describe, expect, it } from "vitest";
import { loadCompetencySynonyms } from "../../src/cli/competency-synonyms.ts";
import { answerRequestFromRecord } from "../../src/cli/evaluate-input.ts";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import {
  CONTRADICTING_ANSWER,
  CONTRADICTING_SENTENCE,
  ROUND_ONE_QUOTE,
} from "../support/round-one-answers.ts";

const synonyms = loadCompetencySynonyms();
const coach = createOfflineCoach();

async function evaluate(record: Record<string, unknown>) {
  const mapped = answerRequestFromRecord(record, 1, synonyms);
  if (!mapped.ok) throw new Error(mapped.error);
  return coach.evaluateAnswer(mapped.request);
}

describe("evaluate with round-1 notes", () => {
  it("reports a contradiction of the notes with both sentences, and nothing without notes", async () => {
    const question = "Tell me about a time you improved a process.";
    const evaluation = await evaluate({
      question,
      answer: CONTRADICTING_ANSWER,
      roundOneNotes: ROUND_ONE_QUOTE,
    });
    expect(evaluation.consistency).toEqual([
      expect.objectContaining({
        kind: "number",
        roundOneQuote: ROUND_ONE_QUOTE,
        answerQuote: CONTRADICTING_SENTENCE,
      }),
    ]);
    expect((await evaluate({ question, answer: CONTRADICTING_ANSWER })).consistency).toBeUndefined();
  });
});
