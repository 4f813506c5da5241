import { describe, expect, it } from "vitest";
import { findRoundOneContradictions } from "../../../src/coach/rubric/round-one-consistency.ts";
import type { RoundOneEntry } from "../../../src/core/model/round-one-log.ts";

const entry = (notes: string): RoundOneEntry => ({
  question: "Tell me about a time you improved a process.",
  notes,
  howItWent: "badly",
});

describe("consistency between round-1 notes and a round-2 answer", () => {
  it("finds a planted contradiction in a number and quotes both sentences verbatim", () => {
    const notes = "We cut the month-end close from 5 days to 2 by automating the reconciliations.";
    const answer =
      "I was the analyst who owned it. I wrote the scripts myself. In the end we took the close from 5 days to 3, and the finance team kept using it.";
    expect(findRoundOneContradictions(entry(notes), answer)).toEqual([
      {
        kind: "number",
        roundOneQuestion: "Tell me about a time you improved a process.",
        roundOneQuote: notes,
        answerQuote: "In the end we took the close from 5 days to 3, and the finance team kept using it.",
        detail: "from 5 days to 2 against from 5 days to 3",
      },
    ]);
  });

  it("finds years, roles, team sizes and outcomes that contradict", () => {
    const notes = "In 2023 I worked as the project lead on a team of 6. We delivered the migration on time.";
    const answer =
      "This was back in 2021, when I was a junior analyst in a five-person team. We missed the deadline by a week.";
    const kinds = findRoundOneContradictions(entry(notes), answer).map((finding) => [
      finding.kind,
      finding.detail,
    ]);
    expect(kinds).toEqual([
      ["number", "a team of 6 against 5"],
      ["date", "2023 against 2021"],
      ["role", "project lead against junior analyst"],
      ["outcome", "the deadline met against the deadline missed"],
    ]);
  });

  it("reports nothing for a consistent answer, or where the facts could both be true", () => {
    const notes =
      "We cut the month-end close from 5 days to 2 by automating the reconciliations. It launched in 2023.";
    const consistent = [
      "We took the close from 5 days to 2. I built it in 2023 with one colleague.",
      // Another measure, another unit: not the same fact.
      "Report generation went from 40 minutes to 5, and the close from 5 days to 2.",
      // Several years named: a timeline, not a contradiction.
      "I started in 2022 and it launched in 2023.",
      // Both ends different: probably another measure, so not flagged.
      "Errors dropped from 30 to 4 a month.",
      "",
    ];
    for (const answer of consistent) expect(findRoundOneContradictions(entry(notes), answer)).toEqual([]);
    expect(findRoundOneContradictions(entry(""), "from 5 days to 3")).toEqual([]);
  });
});
