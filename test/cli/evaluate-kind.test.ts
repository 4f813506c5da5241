import { describe, expect, it } from "vitest";
import { jsonLines, runEvaluate } from "./evaluate-command-harness.ts";

const THEIR_QUESTIONS =
  "What does success look like in the first six months, and how does the team measure it? " +
  "What is the biggest challenge the team faces this year?";

describe("evaluate: question kinds", () => {
  it.each(["candidate-questions", "closing"])(
    "judges kind %j as the candidate's questions for the interviewer and echoes it",
    async (kind) => {
      const { code, records, requests } = await runEvaluate(
        jsonLines({ question: "Is there anything you would like to ask us?", answer: THEIR_QUESTIONS, kind }),
      );
      expect(code).toBe(0);
      expect(requests[0]?.question.kind).toBe("closing");
      expect(records[0]).toMatchObject({ input: 1, kind, scorable: true, warnings: [] });
      expect(records[0]?.evidence).toContainEqual(expect.objectContaining({ shows: "question" }));
    },
  );

  it("echoes a given kind as written and an inferred kind in the input's vocabulary", async () => {
    const { records, requests } = await runEvaluate(
      jsonLines(
        { question: "Why do you want this role?", answer: THEIR_QUESTIONS, kind: "Culture fit" },
        {
          question: "What are your salary expectations?",
          answer: "Around 28,000 pounds, in line with the advert.",
        },
      ),
    );
    expect(requests.map((request) => request.question.kind)).toEqual(["culture-fit", "practical"]);
    expect(records.map((record) => record.kind)).toEqual(["Culture fit", "practical"]);
  });

  it("still rejects a kind it does not know, naming the accepted ones", async () => {
    const { code, records } = await runEvaluate(
      jsonLines({ question: "Why us?", answer: THEIR_QUESTIONS, kind: "small-talk" }),
    );
    expect(code).toBe(1);
    expect(String(records[0]?.error)).toMatch(/"small-talk".*candidate-questions/);
  });
});
