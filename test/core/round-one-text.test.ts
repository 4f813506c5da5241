import { describe, expect, it } from "vitest";
import { formatRoundOneText, parseRoundOneText } from "../../src/core/model/round-one-text.ts";

describe("the round-1 log's plain text", () => {
  it("reads one question per paragraph: the question, then notes, then how it went", () => {
    const result = parseRoundOneText(
      [
        "Company: Monzo",
        "Role: Data Analyst",
        "Date: 2026-11-20",
        "",
        "Q1. Tell me about a time you missed a deadline.",
        "A: I said we cut the month-end close from 5 days to 2",
        "by automating the reconciliations.",
        "How it went: badly",
        "",
        "",
        "2) Why do you want to work here?",
        "Talked about the graduate scheme. (went well)",
        "",
        "- What is your notice period?",
      ].join("\r\n"),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        company: "Monzo",
        role: "Data Analyst",
        date: "2026-11-20",
        entries: [
          {
            question: "Tell me about a time you missed a deadline.",
            notes: "I said we cut the month-end close from 5 days to 2 by automating the reconciliations.",
            howItWent: "badly",
          },
          {
            question: "Why do you want to work here?",
            notes: "Talked about the graduate scheme.",
            howItWent: "well",
          },
          { question: "What is your notice period?", notes: "", howItWent: null },
        ],
      },
    });
  });

  it("accepts the other ways of saying how it went", () => {
    const outcomes = ["Went: poorly", "Outcome - so-so", "[good]", "(not great)", "it went: OK"].map(
      (marker) => {
        const result = parseRoundOneText(`A question?\nSome notes.\n${marker}`);
        return result.ok ? result.value.entries[0]?.howItWent : result.problems;
      },
    );
    expect(outcomes).toEqual(["badly", "okay", "well", "badly", "okay"]);
  });

  it("explains what is wrong, naming the paragraph", () => {
    expect(parseRoundOneText(" \n\n ")).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/one question per paragraph/)],
    });
    const problems = (text: string) => {
      const result = parseRoundOneText(text);
      return result.ok ? [] : result.problems;
    };
    expect(problems("Why us?\nHow it went: meh")).toEqual([
      'Paragraph 1: "meh" is not a way it went I know; write well, okay or badly.',
    ]);
    expect(problems(`Why us?\n\n${"word ".repeat(120)}`)[0]).toMatch(
      /^Paragraph 2's first line is 599 characters long/,
    );
    expect(problems(Array.from({ length: 13 }, (_, i) => `Question ${i}?`).join("\n\n"))[0]).toMatch(
      /13 questions; a log holds up to 12/,
    );
  });

  it("formats a log back into text that reads the same", () => {
    const text = "Why us?\nThe scheme.\nHow it went: well\n\nA time you failed?";
    const parsed = parseRoundOneText(text);
    if (!parsed.ok) throw new Error("unreadable");
    expect(formatRoundOneText(parsed.value.entries)).toBe(text);
  });
});
