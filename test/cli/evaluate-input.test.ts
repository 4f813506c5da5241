import { describe, expect, it } from "vitest";
import { loadCompetencySynonyms } from "../../src/cli/competency-synonyms.ts";
import { answerRequestFromRecord } from "../../src/cli/evaluate-input.ts";

const synonyms = loadCompetencySynonyms();
const ANSWER = "I rebuilt the rota with the coordinator and no-shows fell from 30 to 8 a month.";

// The mapping other tools (a calibration run) reuse to judge records exactly as `evaluate` does.
describe("answerRequestFromRecord", () => {
  it("builds the coach request, the echo and no warnings for a recognised synonym", () => {
    const result = answerRequestFromRecord(
      { question: " Tell me about teamwork. ", answer: ANSWER, competency: "Team work", role: "Analyst" },
      3,
      synonyms,
    );
    expect(result).toMatchObject({
      ok: true,
      warnings: [],
      echo: { kind: "behavioural", competency: "collaboration", competencyLabel: "Team work" },
      request: {
        answerText: ANSWER,
        question: {
          id: "input-3",
          text: "Tell me about teamwork.",
          competency: "collaboration",
          kind: "behavioural",
        },
        options: { role: "Analyst", company: "the company" },
      },
    });
  });

  it("keeps an unrecognised competency as a label with a warning and no competency", () => {
    const result = answerRequestFromRecord(
      { question: "Why do you want to work here?", answer: ANSWER, competency: " stakeholder   management " },
      1,
      synonyms,
    );
    expect(result).toMatchObject({
      ok: true,
      warnings: [
        'Competency "stakeholder management" is not one of the six core competencies; the answer was judged on the question\'s wording.',
      ],
      echo: { kind: "motivation", competency: null, competencyLabel: "stakeholder management" },
      request: { question: { competency: null, kind: "motivation" } },
    });
  });

  it("maps candidate-questions to the closing kind and echoes it", () => {
    const result = answerRequestFromRecord(
      { question: "Any questions for us?", answer: "How is success measured?", kind: "candidate-questions" },
      1,
      synonyms,
    );
    expect(result).toMatchObject({
      ok: true,
      echo: { kind: "candidate-questions" },
      request: { question: { kind: "closing" } },
    });
  });

  it("accepts kinds in any case, with spaces for hyphens, and the US spelling of behavioural", () => {
    for (const [kind, judgedAs] of [
      ["Culture fit", "culture-fit"],
      ["CANDIDATE_QUESTIONS", "closing"],
      ["behavioral", "behavioural"],
    ]) {
      const result = answerRequestFromRecord({ question: "Q?", answer: ANSWER, kind }, 1, synonyms);
      expect(result).toMatchObject({ ok: true, echo: { kind }, request: { question: { kind: judgedAs } } });
    }
  });

  it("treats blank role and company cells as not given instead of failing", () => {
    const result = answerRequestFromRecord(
      { question: "Why us?", answer: ANSWER, role: " ", company: "" },
      1,
      synonyms,
    );
    expect(result).toMatchObject({
      ok: true,
      request: { options: { role: "the role", company: "the company" } },
    });
  });

  it.each([
    [{ answer: ANSWER }, /question/],
    [{ question: "Why us?", answer: ANSWER, kind: "chat" }, /kind "chat" is not one of/],
    [{ question: "Why us?", answer: ANSWER, competency: 7 }, /competency/],
    ["just text", /object/],
  ])("returns an error for %j", (record, message) => {
    const result = answerRequestFromRecord(record, 1, synonyms);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});
