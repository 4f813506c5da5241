import { describe, expect, it } from "vitest";
import { assessCandidateQuestions } from "../../../src/coach/rubric/index.ts";
import { options } from "./example-answers.ts";

const assess = (text: string) => assessCandidateQuestions({ text, options });

describe("assessCandidateQuestions", () => {
  it("rates questions about challenges and the first 90 days as strategic", () => {
    const result = assess(
      "Yes, two. What are the biggest challenges the team is facing this year? And what would success look like in the first 90 days?",
    );
    expect(result.quality).toBe("strategic");
    expect(result.questions).toEqual([
      "What are the biggest challenges the team is facing this year?",
      "And what would success look like in the first 90 days?",
    ]);
    expect(result.feedback).toContain("Northwind Energy");
  });

  it("rates asking about the interviewer's own experience as strategic", () => {
    expect(assess("How long have you been at Northwind, and what keeps you here?").quality).toBe("strategic");
  });

  it("flags benefits-first when the first question is about holidays or pay", () => {
    for (const text of [
      "How much annual leave do I get? Also, what are the team's biggest challenges?",
      "What's the salary range and is there a bonus?",
      "How many remote days are there each week?",
    ]) {
      const result = assess(text);
      expect(result.quality).toBe("benefits-first");
      expect(result.feedback).toContain("once an offer is on the table");
    }
  });

  it("rates no questions as none", () => {
    const result = assess("No, I'm good, thanks. I think you've covered everything.");
    expect(result.quality).toBe("none");
    expect(result.questions).toEqual([]);
    expect(result.feedback).toContain("Northwind Energy");
  });

  it("rates ordinary questions as basic", () => {
    const result = assess("What does a typical day look like? When will I hear back?");
    expect(result.quality).toBe("basic");
    expect(result.questions).toHaveLength(2);
  });

  it("is deterministic", () => {
    const text = "What are the next steps? How is performance measured?";
    expect(assess(text)).toEqual(assess(text));
  });
});
