import { describe, expect, it } from "vitest";
import { jsonLines, runEvaluate } from "./evaluate-command-harness.ts";

const QUESTION = "Tell me about a time you worked with others to deliver something.";
const ANSWER =
  "On my placement at a housing charity our team of four had two weeks to rebuild the volunteer rota. " +
  "I was responsible for the data. I cleaned the spreadsheet, wrote the matching rules and checked them with " +
  "the coordinator every morning. The new rota went live on time and no-shows fell from 30 to 8 a month.";

async function judge(competency: string) {
  const { code, records, requests } = await runEvaluate(
    jsonLines({ question: QUESTION, answer: ANSWER, competency }),
  );
  return { code, record: records[0] ?? {}, question: requests[0]?.question };
}

describe("evaluate: competencies from careers-service frameworks", () => {
  it.each([
    ["teamwork", "collaboration"],
    ["team work", "collaboration"],
    ["Working with others", "collaboration"],
    ["ownership", "initiative"],
    ["Taking initiative", "initiative"],
    ["proactivity", "initiative"],
    ["drive", "initiative"],
    ["resilience", "failure"],
    ["learning from failure", "failure"],
    ["setback", "failure"],
    ["mistake", "failure"],
    ["managing people", "leadership"],
    ["influencing", "leadership"],
    ["leading others", "leadership"],
    ["disagreement", "conflict"],
    ["difficult conversations", "conflict"],
    ["handling conflict", "conflict"],
    ["working under pressure", "pressure"],
    ["deadlines", "pressure"],
    ["prioritisation under pressure", "pressure"],
    ["time management", "pressure"],
  ])("judges %j as %s, echoing the label, with no warning", async (label, competency) => {
    const { code, record, question } = await judge(label);
    expect(code).toBe(0);
    expect(question?.competency).toBe(competency);
    expect(record).toMatchObject({ competency, competencyLabel: label, warnings: [] });
  });

  it.each([
    ["  TEAMWORK  ", "collaboration"],
    ["Team-Work", "collaboration"],
    ["team_work", "collaboration"],
    ["time   management", "pressure"],
    ["Time_Management", "pressure"],
    ["LEADERSHIP", "leadership"],
  ])("matches %j ignoring case, outer spaces, hyphens and underscores", async (label, competency) => {
    const { record, question } = await judge(label);
    expect(question?.competency).toBe(competency);
    expect(record.warnings).toEqual([]);
  });

  it.each(["stakeholder management", "communication", "problem solving"])(
    "keeps %j as a label, judges on the question's wording and warns, exiting 0",
    async (label) => {
      const { code, record, question } = await judge(label);
      expect(code).toBe(0);
      expect(question?.competency).toBeNull();
      expect(question?.text).toBe(QUESTION);
      expect(record).toMatchObject({
        competency: null,
        competencyLabel: label,
        warnings: [
          `Competency "${label}" is not one of the six core competencies; the answer was judged on the question's wording.`,
        ],
      });
      expect(record.scorable).toBe(true);
      expect(record).not.toHaveProperty("error");
    },
  );

  it("reports no competency when none is given (or the cell is blank)", async () => {
    const { records, requests } = await runEvaluate(
      jsonLines(
        { question: QUESTION, answer: ANSWER },
        { question: QUESTION, answer: ANSWER, competency: "" },
        { question: QUESTION, answer: ANSWER, competency: null },
      ),
    );
    for (const record of records) {
      expect(record).toMatchObject({ competency: null, competencyLabel: null, warnings: [] });
    }
    expect(requests.map((request) => request.question.competency)).toEqual([null, null, null]);
  });
});
